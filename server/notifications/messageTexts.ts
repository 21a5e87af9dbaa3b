/**
 * What the applicant reads, in their language (DOMAIN.md, "Languages and notices"): the
 * tracking number, the service, what to do next; nothing else personal (no name, no IIN, no
 * decision grounds: an SMS is read on a lock screen).
 */
import type { NotificationKind } from '../../engine/index.js';

export const NOTICE_LANGUAGES = ['kk', 'ru', 'en'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];
/** When the applicant chose none: Russian, which every centre's applicants read (DOMAIN.md). */
export const DEFAULT_NOTICE_LANGUAGE: NoticeLanguage = 'ru';

export interface NoticeFacts {
  readonly trackingNumber: string;
  /** The service's name in the applicant's language. */
  readonly service: string;
  /** Documents asked for (documentsNeeded). */
  readonly documents?: readonly string[];
  /** Days the applicant has to bring them (the standard's pause). */
  readonly pauseDays?: number;
  /** The new deadline (deadlineExtended), already formatted as a local date. */
  readonly dueDate?: string;
  readonly days?: number;
  /** Where the applicant applied and comes in person, in their language: the centre's or the agency desk's name and address. */
  readonly place?: string;
}

export interface Notice {
  readonly subject: string;
  readonly text: string;
}

type Texts = Readonly<Record<NotificationKind, (f: NoticeFacts) => Notice>>;

const list = (f: NoticeFacts) => (f.documents?.length ? f.documents.join('; ') : undefined);

const TEXTS: Readonly<Record<NoticeLanguage, Texts>> = {
  en: {
    received: (f) => ({
      subject: `Application ${f.trackingNumber} received`,
      text: `Your application for "${f.service}" has been received. Tracking number: ${f.trackingNumber}. You can follow it on the tracking page with this number.`,
    }),
    documentsNeeded: (f) => ({
      subject: `Application ${f.trackingNumber}: documents needed`,
      text:
        `Application ${f.trackingNumber} ("${f.service}"): ` +
        (list(f) ? `documents are missing: ${list(f)}.` : 'documents are missing; the service centre will tell you which.') +
        ` Please bring them to ${f.place ?? 'the service centre'}${f.pauseDays ? ` within ${f.pauseDays} days` : ''}; the term starts again when they arrive.`,
    }),
    deadlineExtended: (f) => ({
      subject: `Application ${f.trackingNumber}: term extended`,
      text: `Application ${f.trackingNumber} ("${f.service}"): the term has been extended${f.days ? ` by ${f.days} days` : ''}.${f.dueDate ? ` The new deadline is ${f.dueDate}.` : ''} Nothing is needed from you.`,
    }),
    readyForCollection: (f) => ({
      subject: `Application ${f.trackingNumber}: result ready`,
      text: `Application ${f.trackingNumber} ("${f.service}"): the result is ready. Collect it at ${f.place ?? 'the service centre where you applied'}; bring your identity document and this tracking number.`,
    }),
    uncollected: (f) => ({
      subject: `Application ${f.trackingNumber}: result moved to the archive`,
      text: `Application ${f.trackingNumber} ("${f.service}"): the result was not collected and has been moved to the archive. To get it, come to ${f.place ?? 'the service centre'} with your identity document and this tracking number.`,
    }),
    withdrawn: (f) => ({
      subject: `Application ${f.trackingNumber} withdrawn`,
      text: `Application ${f.trackingNumber} ("${f.service}") has been withdrawn at your request and the case is closed. If you still need the service, you can apply again at any service centre.`,
    }),
  },
  ru: {
    received: (f) => ({
      subject: `Заявление ${f.trackingNumber} принято`,
      text: `Ваше заявление «${f.service}» принято. Номер для отслеживания: ${f.trackingNumber}. Статус можно узнать на странице отслеживания по этому номеру.`,
    }),
    documentsNeeded: (f) => ({
      subject: `Заявление ${f.trackingNumber}: нужны документы`,
      text:
        `Заявление ${f.trackingNumber} («${f.service}»): ` +
        (list(f) ? `не хватает документов: ${list(f)}.` : 'не хватает документов; какие именно, скажут в ЦОН.') +
        ` Принесите их ${f.place ? `по месту подачи заявления (${f.place})` : 'в ЦОН'}${f.pauseDays ? ` в течение ${f.pauseDays} дней` : ''}; срок начнётся заново, когда они поступят.`,
    }),
    deadlineExtended: (f) => ({
      subject: `Заявление ${f.trackingNumber}: срок продлён`,
      text: `Заявление ${f.trackingNumber} («${f.service}»): срок рассмотрения продлён${f.days ? ` на ${f.days} дн.` : '.'}${f.dueDate ? ` Новый срок: ${f.dueDate}.` : ''} От вас ничего не требуется.`,
    }),
    readyForCollection: (f) => ({
      subject: `Заявление ${f.trackingNumber}: результат готов`,
      text: `Заявление ${f.trackingNumber} («${f.service}»): результат готов. Получите его ${f.place ? `по месту подачи заявления (${f.place})` : 'в ЦОН, где подавали заявление'}; возьмите удостоверение личности и этот номер.`,
    }),
    uncollected: (f) => ({
      subject: `Заявление ${f.trackingNumber}: результат передан в архив`,
      text: `Заявление ${f.trackingNumber} («${f.service}»): результат не был получен и передан в архив. Чтобы получить его, обратитесь ${f.place ? `по месту подачи заявления (${f.place})` : 'в ЦОН'} с удостоверением личности и этим номером.`,
    }),
    withdrawn: (f) => ({
      subject: `Заявление ${f.trackingNumber} отозвано`,
      text: `Заявление ${f.trackingNumber} («${f.service}») отозвано по вашей просьбе, рассмотрение прекращено. Если услуга всё же нужна, можно снова подать заявление в любом ЦОН.`,
    }),
  },
  kk: {
    received: (f) => ({
      subject: `${f.trackingNumber} өтініші қабылданды`,
      text: `«${f.service}» бойынша өтінішіңіз қабылданды. Бақылау нөмірі: ${f.trackingNumber}. Өтініштің күйін осы нөмір бойынша бақылау бетінен білуге болады.`,
    }),
    documentsNeeded: (f) => ({
      subject: `${f.trackingNumber} өтініші: құжаттар қажет`,
      text:
        `${f.trackingNumber} өтініші («${f.service}»): ` +
        (list(f) ? `құжаттар жетіспейді: ${list(f)}.` : 'құжаттар жетіспейді; қандай құжаттар екенін ХҚКО-да айтады.') +
        ` Оларды ${f.place ? `өтініш берген жерге (${f.place})` : 'ХҚКО-ға'}${f.pauseDays ? ` ${f.pauseDays} күн ішінде` : ''} әкеліңіз; құжаттар түскенде мерзім қайтадан басталады.`,
    }),
    deadlineExtended: (f) => ({
      subject: `${f.trackingNumber} өтініші: мерзім ұзартылды`,
      text: `${f.trackingNumber} өтініші («${f.service}»): қарау мерзімі${f.days ? ` ${f.days} күнге` : ''} ұзартылды.${f.dueDate ? ` Жаңа мерзім: ${f.dueDate}.` : ''} Сізден ештеңе талап етілмейді.`,
    }),
    readyForCollection: (f) => ({
      subject: `${f.trackingNumber} өтініші: нәтиже дайын`,
      text: `${f.trackingNumber} өтініші («${f.service}»): нәтиже дайын. Оны ${f.place ? `өтініш берген жерден (${f.place})` : 'өтініш берген ХҚКО-дан'} алыңыз; жеке куәлігіңізді және осы нөмірді алып келіңіз.`,
    }),
    uncollected: (f) => ({
      subject: `${f.trackingNumber} өтініші: нәтиже мұрағатқа берілді`,
      text: `${f.trackingNumber} өтініші («${f.service}»): нәтиже алынбағандықтан мұрағатқа берілді. Оны алу үшін жеке куәлігіңізбен және осы нөмірмен ${f.place ? `өтініш берген жерге (${f.place})` : 'ХҚКО-ға'} келіңіз.`,
    }),
    withdrawn: (f) => ({
      subject: `${f.trackingNumber} өтініші кері қайтарылды`,
      text: `${f.trackingNumber} өтініші («${f.service}») сіздің сұрауыңыз бойынша кері қайтарылды, іс жабылды. Қызмет әлі де қажет болса, кез келген ХҚКО-ға қайтадан өтініш бере аласыз.`,
    }),
  },
};

export function noticeLanguage(value: unknown): NoticeLanguage {
  return typeof value === 'string' && (NOTICE_LANGUAGES as readonly string[]).includes(value) ? (value as NoticeLanguage) : DEFAULT_NOTICE_LANGUAGE;
}

export function noticeText(kind: NotificationKind, language: NoticeLanguage, facts: NoticeFacts): Notice {
  return TEXTS[language][kind](facts);
}

/** A date as the applicant reads it: day.month.year in the centres' zone. */
export function localDate(iso: string): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone: 'Asia/Almaty', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));
}
