import { describe, expect, it } from 'vitest';
import { argumentsOf, formatMessage } from '../../../designer/src/i18n/format.js';
import { MESSAGES } from '../../../designer/src/i18n/messages.js';

const FILES = '{count, plural, one {# дело} few {# дела} many {# дел} other {# дела}}';

describe('the message format', () => {
  it('fills {name} placeholders and leaves an unknown one as written', () => {
    expect(formatMessage('Готово: {name} ({missing})', { name: 'Приём' }, 'ru')).toBe('Готово: Приём ({missing})');
  });

  it('chooses the Russian plural form by Intl.PluralRules: one, few, many', () => {
    const forms = [1, 2, 4, 5, 11, 21, 22, 25, 111].map((count) => formatMessage(FILES, { count }, 'ru'));
    expect(forms).toEqual(['1 дело', '2 дела', '4 дела', '5 дел', '11 дел', '21 дело', '22 дела', '25 дел', '111 дел']);
    expect(formatMessage(FILES, { count: 1.5 }, 'ru')).toBe('1,5 дела');
  });

  it('chooses the Kazakh and English forms: one and other', () => {
    const kk = '{count, plural, one {# іс} other {# іс}}';
    expect(formatMessage(kk, { count: 1 }, 'kk')).toBe('1 іс');
    expect(formatMessage(kk, { count: 5 }, 'kk')).toBe('5 іс');
    const en = '{count, plural, one {# instance} other {# instances}}';
    expect([1, 2, 0].map((count) => formatMessage(en, { count }, 'en'))).toEqual(['1 instance', '2 instances', '0 instances']);
  });

  it('prefers an exact =N form, writes # in the language\'s digits, and fills placeholders inside a form', () => {
    const text = 'В {group}: {count, plural, =0 {нет дел} one {# дело от {who}} other {# дел от {who}}}';
    expect(formatMessage(text, { group: 'mj', count: 0, who: 'Асель' }, 'ru')).toBe('В mj: нет дел');
    expect(formatMessage(text, { group: 'mj', count: 21, who: 'Асель' }, 'ru')).toBe('В mj: 21 дело от Асель');
    expect(formatMessage(text, { group: 'mj', count: 12500, who: 'Асель' }, 'ru')).toBe('В mj: 12\u00a0500 дел от Асель');
  });

  it('falls back to "other" when the language\'s form is missing', () => {
    expect(formatMessage('{n, plural, one {# day} other {# days}}', { n: 3 }, 'ru')).toBe('3 days');
  });

  it('names every argument a text uses, those inside plural forms too', () => {
    expect([...argumentsOf('В {group}: {count, plural, one {# от {who}} other {# от {who}}}')].sort()).toEqual(['count', 'group', 'who']);
  });

  it('speaks Russian plurals in the catalogue itself', () => {
    expect(formatMessage(MESSAGES.ru['deployConfirm.first'], { elements: 21 }, 'ru')).toBe('Новый процесс из 21 элемента.');
    expect(formatMessage(MESSAGES.ru['dash.trend'], { days: 30 }, 'ru')).toBe('Динамика просрочки за 30 дней');
    expect(formatMessage(MESSAGES.ru['dash.trend'], { days: 1 }, 'ru')).toBe('Динамика просрочки за 1 день');
    expect(formatMessage(MESSAGES.en['ops.migrated'], { count: 1 }, 'en')).toBe('Migrated 1 instance.');
  });
});
