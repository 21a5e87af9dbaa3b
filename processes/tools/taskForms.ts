/**
 * The forms of the catalogue's user tasks (`<ps:form>`, form-js schemas), written by
 * scaffoldModels.ts from each service's standard: the documents and the grounds for refusal
 * come from standard.json. docs/task-forms.md explains the conventions: the field `outcome`
 * holds the gateway's branch values; `translations.ru` gives the Russian of every fixed text
 * (form-js has no translations of its own; the inbox applies them).
 */
import type { ServiceStandard } from '../standard.js';

type Component = Record<string, unknown>;
type Form = { type: 'default'; id: string; schemaVersion: number; components: Component[]; translations: { ru: Record<string, string> } };

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

const form = (id: string, components: Component[]): Form => ({
  type: 'default',
  id,
  schemaVersion: 16,
  components,
  translations: { ru: Object.fromEntries(Object.entries(RU).filter(([en]) => JSON.stringify(components).includes(JSON.stringify(en).slice(1, -1)))) },
});
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
  ]);
}

/** The back office's review: approve, refuse with a ground, or ask for named documents. */
export function reviewForm(s: ServiceStandard): Form {
  return form('form_review', [
    outcomeField('review', 'Decision', { approve: 'Approve', refuse: 'Refuse', 'request documents': 'Request documents' }),
    groundsField('review', s),
    { type: 'checklist', id: 'review_requested', key: 'requestedDocuments', label: 'Documents to bring (from the standard)', validate: required, conditional: shownWhen('request documents'), values: values(s.requiredDocuments) },
    { type: 'textarea', id: 'review_other_documents', key: 'otherRequestedDocuments', label: 'Other documents to bring (one a line)', conditional: shownWhen('request documents'), validate: { maxLength: 2000 } },
    noteField('review'),
  ]);
}

/** Four eyes: another official confirms the decision or refuses. */
export function secondReviewForm(s: ServiceStandard): Form {
  return form('form_second_review', [outcomeField('second_review', 'Second review', { confirm: 'Confirm the decision', refuse: 'Refuse' }), groundsField('second_review', s), noteField('second_review')]);
}

/** The agency's own check of the package (land, rule 5). */
export function agencyCheckForm(s: ServiceStandard): Form {
  return form('form_agency_check', [outcomeField('agency_check', 'Decision', { 'in order': 'Package in order', refuse: 'Refuse' }), groundsField('agency_check', s), noteField('agency_check')]);
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
