import type { DocumentLanguage } from './standardTexts.js';

/** The printed result and refusal documents' wording (the designer's messages.ts is the app's). */
export const DOCUMENT_TEXTS = {
  en: {
    'title.approved': 'Notice of the decision: the service is granted',
    'title.refused': 'Reasoned refusal to provide the public service',
    'title.incomplete': 'Receipt of refusal to accept the application: the package is incomplete',
    'title.withdrawn': 'Notice: the application was withdrawn',
    service: 'Service',
    agency: 'Responsible agency',
    applicant: 'Applicant',
    iin: 'IIN',
    trackingNumber: 'Tracking number',
    receivedAt: 'Application received',
    decidedAt: 'Decision issued',
    centre: 'Service centre',
    decision: 'Decision',
    'decision.approved': 'Approved: the result is issued to the applicant.',
    'decision.refused': 'Refused.',
    'decision.withdrawn': 'The application was withdrawn at the applicant’s request; the case is closed.',
    grounds: 'Grounds for the refusal',
    'reason.incomplete': 'The package of documents required by the service standard is incomplete.',
    'reason.documentsNotBrought': 'The documents requested from the applicant were not brought within the term set by the standard.',
    missing: 'Documents not handed in',
    article: 'Legal basis',
    collect: 'Collect the result at {where}, until {until} inclusive.',
    appeal: 'The applicant may appeal this decision to the responsible agency or to the court under the law of the Republic of Kazakhstan.',
    footer: 'Issued by the public service centre. The status can be checked with the tracking number on the page “Track an application”.',
  },
  kk: {
    'title.approved': 'Шешім туралы хабарлама: мемлекеттік қызмет көрсетілді',
    'title.refused': 'Мемлекеттік қызмет көрсетуден дәлелді бас тарту',
    'title.incomplete': 'Құжаттарды қабылдаудан бас тарту туралы қолхат: құжаттар топтамасы толық емес',
    'title.withdrawn': 'Хабарлама: өтініш кері қайтарылды',
    service: 'Қызмет',
    agency: 'Көрсетілетін қызметті беруші',
    applicant: 'Өтініш беруші',
    iin: 'ЖСН',
    trackingNumber: 'Өтініш нөмірі',
    receivedAt: 'Өтініш қабылданды',
    decidedAt: 'Шешім берілді',
    centre: 'Халыққа қызмет көрсету орталығы',
    decision: 'Шешім',
    'decision.approved': 'Мақұлданды: нәтиже өтініш берушіге беріледі.',
    'decision.refused': 'Бас тартылды.',
    'decision.withdrawn': 'Өтініш өтініш берушінің сұрауы бойынша кері қайтарылды; іс жабылды.',
    grounds: 'Бас тарту негіздері',
    'reason.incomplete': 'Қызмет стандартында көзделген құжаттар топтамасы толық емес.',
    'reason.documentsNotBrought': 'Өтініш берушіден сұралған құжаттар стандартта белгіленген мерзімде ұсынылмады.',
    missing: 'Ұсынылмаған құжаттар',
    article: 'Құқықтық негіз',
    collect: 'Нәтижені алу орны: {where}, {until} дейін қоса алғанда.',
    appeal: 'Өтініш беруші бұл шешімге көрсетілетін қызметті берушіге немесе Қазақстан Республикасының заңнамасында белгіленген тәртіппен сотқа шағым жасай алады.',
    footer: 'Халыққа қызмет көрсету орталығы берді. Мәртебені «Өтінішті қадағалау» бетінде өтініш нөмірі бойынша білуге болады.',
  },
  ru: {
    'title.approved': 'Уведомление о решении: государственная услуга оказана',
    'title.refused': 'Мотивированный отказ в оказании государственной услуги',
    'title.incomplete': 'Расписка об отказе в приёме документов: пакет документов неполный',
    'title.withdrawn': 'Уведомление: заявление отозвано',
    service: 'Услуга',
    agency: 'Услугодатель',
    applicant: 'Заявитель',
    iin: 'ИИН',
    trackingNumber: 'Номер заявления',
    receivedAt: 'Заявление принято',
    decidedAt: 'Решение выдано',
    centre: 'Центр обслуживания населения',
    decision: 'Решение',
    'decision.approved': 'Одобрено: результат выдаётся заявителю.',
    'decision.refused': 'Отказано.',
    'decision.withdrawn': 'Заявление отозвано по просьбе заявителя; дело закрыто.',
    grounds: 'Основания отказа',
    'reason.incomplete': 'Пакет документов, предусмотренный стандартом услуги, неполный.',
    'reason.documentsNotBrought': 'Запрошенные у заявителя документы не представлены в срок, установленный стандартом.',
    missing: 'Не представлены документы',
    article: 'Правовое основание',
    collect: 'Получить результат: {where}, до {until} включительно.',
    appeal: 'Заявитель вправе обжаловать решение в услугодателе или в суде в порядке, установленном законодательством Республики Казахстан.',
    footer: 'Выдано центром обслуживания населения. Статус можно узнать по номеру заявления на странице «Статус заявления».',
  },
} as const satisfies Record<DocumentLanguage, Record<string, string>>;

export type DocumentTextKey = keyof (typeof DOCUMENT_TEXTS)['en'];

export function documentText(lang: DocumentLanguage, key: DocumentTextKey, params: Record<string, string> = {}): string {
  return DOCUMENT_TEXTS[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

// Every language has every key: a missing Russian line is a type error, not an English line on a Russian page.
DOCUMENT_TEXTS.ru satisfies Record<DocumentTextKey, string>;
DOCUMENT_TEXTS.kk satisfies Record<DocumentTextKey, string>;
