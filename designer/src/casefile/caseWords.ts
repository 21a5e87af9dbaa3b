import { taskName } from '../catalogue/standards.js';
import { formatInstant, language, t, tMaybe } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import type { TimelineEntry } from './casefileApi.js';

/** Who did it, in words: their name where the viewer may know it, else only the side of the file. */
export function who(entry: Pick<TimelineEntry, 'actor' | 'side'>): string {
  if (entry.actor) return entry.actor.name ?? entry.actor.id;
  return t(`casefile.side.${entry.side}` as MessageKey);
}

/** One timeline line's headline, in the UI's language (the step named by the service's standard); an event of another part of the case file by its kind. */
export function headline(entry: TimelineEntry, serviceCode?: string): string {
  const name = entry.elementId ? taskName({ serviceCode, elementId: entry.elementId, name: entry.name }, language()) : (entry.name ?? '');
  const params = { name, who: who(entry) };
  switch (entry.kind) {
    case 'sla': {
      const change = String(entry.details.change ?? '');
      return tMaybe(`casefile.kind.sla.${change}`, t('casefile.kind.sla', { change })).replace('{days}', String(entry.details.days ?? ''));
    }
    case 'transfer':
      return t('casefile.kind.transfer', { to: String(entry.details.to ?? ''), who: who(entry) });
    case 'unclaim':
      return t('casefile.kind.unclaim', params);
    default:
      return `casefile.kind.${entry.kind}` in KNOWN ? t(`casefile.kind.${entry.kind}` as MessageKey, params) : t('casefile.kind.other', { kind: entry.kind });
  }
}

const KNOWN: Record<string, true> = Object.fromEntries(
  ['received', 'taskOpened', 'assigned', 'claim', 'reassign', 'taskCompleted', 'taskCancelled', 'step', 'waiting', 'message', 'timer', 'comment', 'completed', 'terminated', 'documents', 'attachment', 'extension', 'withdrawal'].map(
    (kind) => [`casefile.kind.${kind}`, true],
  ),
);

/** The details worth showing under a line, as label and text; the comment's text is the line's body instead. */
export function detailRows(entry: TimelineEntry): [string, string][] {
  const rows: [string, string][] = [];
  for (const [key, value] of Object.entries(entry.details)) {
    if (value === undefined || value === null || value === '') continue;
    if (['text', 'holderSide', 'office', 'group', 'change', 'days', 'bySupervisor', 'strategy', 'channel', 'from', 'to', 'mode', 'messageName', 'until', 'taskId'].includes(key) && entry.kind !== 'documents' && entry.kind !== 'attachment' && entry.kind !== 'extension' && entry.kind !== 'withdrawal') continue;
    rows.push([tMaybe(`casefile.detail.${key}`, key), valueText(key, value)]);
  }
  return rows;
}

function valueText(key: string, value: unknown): string {
  if (key === 'outcome' && typeof value === 'string') return tMaybe(`casefile.outcome.${value}`, value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('; ');
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return formatInstant(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
