import { unitTextIn, type ApplicationOutcome, type Engine } from '../../engine/index.js';
import type { ServiceStandard } from '../../processes/standard.js';
import { HttpProblem } from '../HttpProblem.js';
import { documentText, type DocumentTextKey } from './documentTexts.js';
import { standardItemIn } from '../../processes/standardWords.js';
import { articleIn, standardOf, type DocumentLanguage } from './standardTexts.js';

/**
 * The printed result or refusal document as data: what the PDF (renderDecisionPdf.ts) lays
 * out. Names the applicant (it is theirs), never an official (DOMAIN: the applicant must not
 * know who reviewed the file).
 */
export interface DecisionDocument {
  readonly language: DocumentLanguage;
  readonly kind: 'approved' | 'refused' | 'incomplete' | 'withdrawn';
  readonly title: string;
  readonly rows: readonly (readonly [label: string, value: string])[];
  readonly decision: readonly [label: string, value: string];
  readonly lists: readonly { readonly title: string; readonly items: readonly string[] }[];
  readonly paragraphs: readonly string[];
  readonly footer: string;
  readonly trackingNumber: string;
  readonly issuedAt: string;
}

export async function decisionDocument(engine: Engine, services: readonly ServiceStandard[] | undefined, instanceId: string, lang: DocumentLanguage): Promise<DecisionDocument> {
  const instance = await engine.instance(instanceId);
  const standard = standardOf(services, instance.serviceCode);
  const outcome = await engine.outcome(instanceId, {
    ...(articleIn(standard, lang) ? { article: articleIn(standard, lang)! } : {}),
    ...(standard ? { requiredDocuments: standard.requiredDocuments } : {}),
  });
  if (!outcome.outcome) throw new HttpProblem(409, 'no_decision', `application ${instance.trackingNumber} has no decision yet: there is no document to print`);
  const t = (key: DocumentTextKey, params?: Record<string, string>) => documentText(lang, key, params);
  const kind: DecisionDocument['kind'] = outcome.outcome === 'refused' && outcome.reason === 'incomplete' ? 'incomplete' : outcome.outcome;
  const applicant = instance.applicant ?? {};
  const name = typeof applicant['name'] === 'string' ? applicant['name'] : undefined;
  const iin = typeof applicant['iin'] === 'string' ? applicant['iin'] : undefined;
  const centre = instance.centre ? await engine.directory.findUnit('centre', instance.centre) : undefined;
  const agency = standard ? await engine.directory.findUnit('agency', standard.agency) : undefined;
  const when = (iso: string | undefined) => (iso ? formatInstant(iso, lang) : '—');
  const rows: [string, string][] = [
    [t('service'), standard?.names[lang] ?? instance.serviceCode ?? instance.key],
    ...(agency ? [[t('agency'), unitTextIn(agency, 'name', lang)!] as [string, string]] : []),
    [t('trackingNumber'), instance.trackingNumber],
    ...(name ? [[t('applicant'), name] as [string, string]] : []),
    ...(iin ? [[t('iin'), iin] as [string, string]] : []),
    [t('receivedAt'), when(instance.startedAt)],
    [t('decidedAt'), when(outcome.decidedAt)],
    ...(centre ? [[t('centre'), [unitTextIn(centre, 'name', lang), unitTextIn(centre, 'address', lang)].filter(Boolean).join(', ')] as [string, string]] : []),
  ];
  const lists: { title: string; items: string[] }[] = [];
  const paragraphs: string[] = [];
  if (outcome.outcome === 'refused') {
    const grounds = [
      ...outcome.grounds.map((g) => standardItemIn(standard, 'groundsForRefusal', g, lang)),
      ...(outcome.reason ? [t(`reason.${outcome.reason}`)] : []),
    ];
    lists.push({ title: t('grounds'), items: grounds });
    if (outcome.missingDocuments?.length) lists.push({ title: t('missing'), items: outcome.missingDocuments.map((d) => standardItemIn(standard, 'requiredDocuments', d, lang)) });
    if (outcome.article) paragraphs.push(`${t('article')}: ${outcome.article}.`);
    paragraphs.push(t('appeal'));
  }
  if (outcome.collect?.until) paragraphs.push(t('collect', { where: collectPlace(outcome.collect, lang), until: formatDate(outcome.collect.until, lang) }));
  return {
    language: lang,
    kind,
    title: t(`title.${kind}`),
    rows,
    decision: [t('decision'), t(`decision.${outcome.outcome}`)],
    lists,
    paragraphs,
    footer: t('footer'),
    trackingNumber: instance.trackingNumber,
    issuedAt: outcome.decidedAt ?? instance.startedAt,
  };
}

/** The centre where the result waits, in the document's language when the directory gives it. */
function collectPlace(collect: NonNullable<ApplicationOutcome['collect']>, lang: DocumentLanguage): string {
  const words = collect.translations?.[lang];
  return [words?.name ?? collect.where, words?.address ?? collect.address].filter(Boolean).join(', ');
}

const LOCALES: Record<DocumentLanguage, string> = { kk: 'kk-KZ', en: 'en-GB', ru: 'ru-RU' };

/** An instant as the centre's clock shows it (Asia/Almaty). */
export function formatInstant(iso: string, lang: DocumentLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'Asia/Almaty', dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) in words. */
export function formatDate(day: string, lang: DocumentLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', dateStyle: 'long' }).format(new Date(`${day}T00:00:00Z`));
}
