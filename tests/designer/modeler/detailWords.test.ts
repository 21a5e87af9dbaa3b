import { describe, expect, it } from 'vitest';
import { detailWords } from '../../../designer/src/modeler/lint/detailWords.js';

const office = {
  message: "ps:office 'middle' on review must be one of front, back",
  detail: { key: 'attribute.office', params: { value: 'middle', id: 'review', allowed: 'front, back' } },
};

describe("a deploy problem's detail in the designer's words", () => {
  it("should say it in Kazakh from its key, the server's values put in as they are", () => {
    expect(detailWords(office.message, office.detail, 'kk')).toBe("review элементіндегі ps:office 'middle' мәні мыналардың бірі болуы керек: front, back");
  });

  it('should put a number value in its place, in Russian', () => {
    expect(detailWords('x', { key: 'event-gateway.too-few-flows', params: { id: 'gw', count: 1 } }, 'ru')).toBe(
      'шлюзу по событиям gw нужно не меньше двух исходящих потоков (сейчас 1): он ждёт первое из нескольких событий',
    );
  });

  it("should keep the server's English message for a key it does not know (an older or newer server), or without a detail", () => {
    expect(detailWords('something new the compiler says', { key: 'new.kind-of-problem', params: { id: 'x' } }, 'kk')).toBe('something new the compiler says');
    expect(detailWords(office.message, undefined, 'kk')).toBe(office.message);
  });

  it('should say in English what the server says', () => {
    expect(detailWords(office.message, office.detail, 'en')).toBe(office.message);
  });
});
