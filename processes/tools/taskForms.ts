/**
 * The forms of the catalogue's user tasks (`<ps:form>`, form-js schemas), written by
 * scaffoldModels.ts from each service's standard: the documents and the grounds for refusal
 * come from standard.json. docs/task-forms.md explains the conventions: the field `outcome`
 * holds the gateway's branch values; `translations.ru` and `.kk` give the Russian and Kazakh of
 * every fixed text and of the standard's documents and grounds the form lists (form-js has no
 * translations of its own; the inbox applies them).
 */
import type { ServiceStandard } from '../standard.js';

type Component = Record<string, unknown>;
type Form = { type: 'default'; id: string; schemaVersion: number; components: Component[]; translations: { ru: Record<string, string>; kk: Record<string, string> } };

const RU: Record<string, string> = {
  'Documents registered at intake': 'Документы, принятые при регистрации',
  'Is the package complete?': 'Пакет документов полный?',
  'Complete: send it to the back office': 'Полный: передать в бэк-офис',
  'Incomplete: give a refusal receipt': 'Неполный: выдать расписку об отказе',
  'Documents missing': 'Недостающие документы',
  Decision: 'Решение',
  Approve: 'Одобрить',
  Refuse: 'Отказать',
  'Request documents': 'Запросить документы',
  'Ground for refusal (from the standard)': 'Основание для отказа (из стандарта)',
  'Documents to bring (from the standard)': 'Документы, которые нужно принести (из стандарта)',
  'Other documents to bring (one a line)': 'Другие документы (по одному в строке)',
  'Note on the decision': 'Комментарий к решению',
  'Second review': 'Повторная проверка',
  'Confirm the decision': 'Подтвердить решение',
  'Package in order': 'Пакет в порядке',
  Concurrence: 'Согласование',
  'The **{{department}}** department concurs with the draft resolution, or objects': 'Отдел **{{department}}** согласует проект постановления или возражает',
  Concur: 'Согласовать',
  'Object: return it to the review': 'Возразить: вернуть на рассмотрение',
  "The department's remarks": 'Замечания отдела',
  'Kindergarten and group offered': 'Предложенный детский сад и группа',
  'What was done about the overdue review': 'Что сделано по просроченному рассмотрению',
  'Decision: **refused**. Grounds: {{refusalGrounds}}': 'Решение: **отказ**. Основание: {{refusalGrounds}}',
  'Decision: **approved**: hand over the result.': 'Решение: **одобрено**: выдайте результат.',
  'Hand-back': 'Выдача',
  'Handed over to the applicant': 'Выдано заявителю',
  'The applicant declined to rate the service': 'Заявитель отказался оценивать услугу',
  "The applicant's rating": 'Оценка заявителя',
};

const KK: Record<string, string> = {
  'Documents registered at intake': 'Тіркеу кезінде қабылданған құжаттар',
  'Is the package complete?': 'Құжаттар топтамасы толық па?',
  'Complete: send it to the back office': 'Толық: бэк-офиске жіберу',
  'Incomplete: give a refusal receipt': 'Толық емес: бас тарту туралы қолхат беру',
  'Documents missing': 'Жетіспейтін құжаттар',
  'Decision': 'Шешім',
  'Approve': 'Мақұлдау',
  'Refuse': 'Бас тарту',
  'Request documents': 'Құжаттарды сұрату',
  'Ground for refusal (from the standard)': 'Бас тарту негізі (стандарттан)',
  'Documents to bring (from the standard)': 'Әкелуге тиіс құжаттар (стандарттан)',
  'Other documents to bring (one a line)': 'Басқа құжаттар (әр жолға біреу)',
  'Note on the decision': 'Шешімге түсініктеме',
  'Second review': 'Қайта тексеру',
  'Confirm the decision': 'Шешімді растау',
  'Package in order': 'Топтама ретті',
  'Concurrence': 'Келісу',
  'The **{{department}}** department concurs with the draft resolution, or objects': '**{{department}}** бөлімі қаулы жобасын келіседі немесе қарсылық білдіреді',
  'Concur': 'Келісу',
  'Object: return it to the review': 'Қарсылық: қарауға қайтару',
  "The department's remarks": 'Бөлімнің ескертулері',
  'Kindergarten and group offered': 'Ұсынылған балабақша және топ',
  'What was done about the overdue review': 'Мерзімі өткен қарау бойынша не істелді',
  'Decision: **refused**. Grounds: {{refusalGrounds}}': 'Шешім: **бас тартылды**. Негізі: {{refusalGrounds}}',
  'Decision: **approved**: hand over the result.': 'Шешім: **мақұлданды**: нәтижені беріңіз.',
  'Hand-back': 'Беру',
  'Handed over to the applicant': 'Өтініш берушіге берілді',
  'The applicant declined to rate the service': 'Өтініш беруші қызметті бағалаудан бас тартты',
  "The applicant's rating": 'Өтініш берушінің бағасы',
};

/**
 * The texts a form shows, in a language: the fixed ones, and the standard's documents and grounds
 * where the form lists them (their translations in standard.json, item by item).
 */
function dictionary(fixed: Record<string, string>, s: ServiceStandard | undefined, lang: 'ru' | 'kk'): Record<string, string> {
  const own = s?.translations[lang];
  const pairs = (english: readonly string[], translated: readonly string[] | undefined) => english.map((en, i) => [en, translated?.[i]] as const).filter((p): p is readonly [string, string] => p[1] !== undefined);
  return { ...fixed, ...(s ? Object.fromEntries([...pairs(s.requiredDocuments, own?.requiredDocuments), ...pairs(s.groundsForRefusal, own?.groundsForRefusal)]) : {}) };
}

const form = (id: string, components: Component[], s?: ServiceStandard): Form => {
  const shown = JSON.stringify(components);
  const used = (texts: Record<string, string>) => Object.fromEntries(Object.entries(texts).filter(([en]) => shown.includes(JSON.stringify(en).slice(1, -1))));
  return { type: 'default', id, schemaVersion: 16, components, translations: { ru: used(dictionary(RU, s, 'ru')), kk: used(dictionary(KK, s, 'kk')) } };
};
const values = (list: readonly (string | number)[], labels: Record<string, string> = {}) => list.map((value) => ({ label: labels[String(value)] ?? String(value), value }));
const required = { required: true };
const shownWhen = (outcome: string) => ({ hide: `=outcome != "${outcome}"` });

/** The decision radio: `outcome`, one of the gateway's branch values. */
const outcomeField = (id: string, label: string, options: Record<string, string>): Component => ({
  type: 'radio',
  id: `${id}_outcome`,
  key: 'outcome',
  label,
  validate: required,
  values: values(Object.keys(options), options),
});

const groundsField = (id: string, s: ServiceStandard): Component => ({
  type: 'select',
  id: `${id}_grounds`,
  key: 'refusalGrounds',
  label: 'Ground for refusal (from the standard)',
  validate: required,
  conditional: shownWhen('refuse'),
  values: values(s.groundsForRefusal),
});

const noteField = (id: string): Component => ({ type: 'textarea', id: `${id}_note`, key: 'decisionNote', label: 'Note on the decision', validate: { maxLength: 2000 } });

/** The counter's (or the agency desk's) completeness check, against the standard's list. */
export function completenessForm(id: string, s: ServiceStandard): Form {
  return form(`form_${id}`, [
    { type: 'checklist', id: `${id}_documents`, key: 'documents', label: 'Documents registered at intake', readonly: true, values: values(s.requiredDocuments) },
    outcomeField(id, 'Is the package complete?', { complete: 'Complete: send it to the back office', incomplete: 'Incomplete: give a refusal receipt' }),
    { type: 'checklist', id: `${id}_missing`, key: 'missingDocuments', label: 'Documents missing', validate: required, conditional: shownWhen('incomplete'), values: values(s.requiredDocuments) },
  ], s);
}

/** The back office's review: approve, refuse with a ground, or ask for named documents. */
export function reviewForm(s: ServiceStandard): Form {
  return form('form_review', [
    outcomeField('review', 'Decision', { approve: 'Approve', refuse: 'Refuse', 'request documents': 'Request documents' }),
    groundsField('review', s),
    { type: 'checklist', id: 'review_requested', key: 'requestedDocuments', label: 'Documents to bring (from the standard)', validate: required, conditional: shownWhen('request documents'), values: values(s.requiredDocuments) },
    { type: 'textarea', id: 'review_other_documents', key: 'otherRequestedDocuments', label: 'Other documents to bring (one a line)', conditional: shownWhen('request documents'), validate: { maxLength: 2000 } },
    noteField('review'),
  ], s);
}

/** Four eyes: another official confirms the decision or refuses. */
export function secondReviewForm(s: ServiceStandard): Form {
  return form('form_second_review', [outcomeField('second_review', 'Second review', { confirm: 'Confirm the decision', refuse: 'Refuse' }), groundsField('second_review', s), noteField('second_review')], s);
}

/** The agency's own check of the package (land, rule 5). */
export function agencyCheckForm(s: ServiceStandard): Form {
  return form('form_agency_check', [outcomeField('agency_check', 'Decision', { 'in order': 'Package in order', refuse: 'Refuse' }), groundsField('agency_check', s), noteField('agency_check')], s);
}

/** A department's concurrence with the draft resolution (land): concur, or object with its remarks. */
export function concurrenceForm(): Form {
  return form('form_concurrence', [
    { type: 'text', id: 'concurrence_department', text: 'The **{{department}}** department concurs with the draft resolution, or objects' },
    outcomeField('concurrence', 'Concurrence', { concur: 'Concur', object: 'Object: return it to the review' }),
    { type: 'textarea', id: 'concurrence_remarks', key: 'remarks', label: "The department's remarks", validate: { required: true, maxLength: 2000 }, conditional: shownWhen('object') },
  ]);
}

export function offerPlaceForm(): Form {
  return form('form_offer_place', [{ type: 'textfield', id: 'offer_place_kindergarten', key: 'placeOffered', label: 'Kindergarten and group offered', validate: { required: true, maxLength: 200 } }]);
}

/** The supervisor's escalation: what was done (reassigned, reminded, extended…). */
export function escalationForm(): Form {
  return form('form_act_on_overdue_review', [{ type: 'textarea', id: 'escalation_action', key: 'escalationAction', label: 'What was done about the overdue review', validate: { required: true, maxLength: 2000 } }]);
}

/**
 * The hand-back: the decision shown (the `decision` variable the result and refusal handlers
 * write; before them, the last task's outcome, `lastOutcome`), "handed over", and the rating
 * 1–5 unless the applicant declines.
 */
export function handBackForm(): Form {
  const refused = '(if decision = null then (lastOutcome = "refuse" or lastOutcome = "request documents") else decision = "refused")';
  return form('form_hand_back', [
    { type: 'text', id: 'hand_back_refused', text: 'Decision: **refused**. Grounds: {{refusalGrounds}}', conditional: { hide: `=not(${refused})` } },
    { type: 'text', id: 'hand_back_approved', text: 'Decision: **approved**: hand over the result.', conditional: { hide: `=${refused}` } },
    outcomeField('hand_back', 'Hand-back', { 'handed over': 'Handed over to the applicant' }),
    { type: 'checkbox', id: 'hand_back_declined', key: 'ratingDeclined', label: 'The applicant declined to rate the service' },
    { type: 'radio', id: 'hand_back_rating', key: 'rating', label: "The applicant's rating", validate: required, conditional: { hide: '=ratingDeclined = true' }, values: values([1, 2, 3, 4, 5], { 1: '★ 1', 2: '★★ 2', 3: '★★★ 3', 4: '★★★★ 4', 5: '★★★★★ 5' }) },
  ]);
}

/** `<ps:form>` with the schema as CDATA (a form's JSON never holds `]]>`: checked). */
export function psForm(schema: Form): string {
  const json = JSON.stringify(schema);
  if (json.includes(']]>')) throw new Error(`${schema.id}: the form's JSON holds ']]>'`);
  return `<ps:form><![CDATA[${json}]]></ps:form>`;
}
