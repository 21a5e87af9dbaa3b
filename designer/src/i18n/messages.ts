/**
 * Every string of the UI, by language. The catalogues are JSON, one file per language and
 * feature under catalogue/<language>/<feature>.json, keys in full ("casefile.title"), ICU-style
 * `{name}` placeholders. English is the source: its files give the keys and their type; the
 * other languages are checked against it in tests/designer/i18n/.
 */
/// <reference types="vite/client" />
import appEn from './catalogue/en/app.json' with { type: 'json' };
import langEn from './catalogue/en/lang.json' with { type: 'json' };
import navEn from './catalogue/en/nav.json' with { type: 'json' };
import loginEn from './catalogue/en/login.json' with { type: 'json' };
import commonEn from './catalogue/en/common.json' with { type: 'json' };
import homeEn from './catalogue/en/home.json' with { type: 'json' };
import registerEn from './catalogue/en/register.json' with { type: 'json' };
import channelEn from './catalogue/en/channel.json' with { type: 'json' };
import unitEn from './catalogue/en/unit.json' with { type: 'json' };
import receiptEn from './catalogue/en/receipt.json' with { type: 'json' };
import inboxEn from './catalogue/en/inbox.json' with { type: 'json' };
import badgeEn from './catalogue/en/badge.json' with { type: 'json' };
import taskEn from './catalogue/en/task.json' with { type: 'json' };
import transferEn from './catalogue/en/transfer.json' with { type: 'json' };
import casefileEn from './catalogue/en/casefile.json' with { type: 'json' };
import trackEn from './catalogue/en/track.json' with { type: 'json' };
import statusEn from './catalogue/en/status.json' with { type: 'json' };
import routingEn from './catalogue/en/routing.json' with { type: 'json' };
import calendarEn from './catalogue/en/calendar.json' with { type: 'json' };
import deskEn from './catalogue/en/desk.json' with { type: 'json' };
import supervisionEn from './catalogue/en/supervision.json' with { type: 'json' };
import dashEn from './catalogue/en/dash.json' with { type: 'json' };
import auditEn from './catalogue/en/audit.json' with { type: 'json' };
import auditTrailEn from './catalogue/en/auditTrail.json' with { type: 'json' };
import modelerEn from './catalogue/en/modeler.json' with { type: 'json' };
import diffEn from './catalogue/en/diff.json' with { type: 'json' };
import deployConfirmEn from './catalogue/en/deployConfirm.json' with { type: 'json' };
import psEn from './catalogue/en/ps.json' with { type: 'json' };
import integrityEn from './catalogue/en/integrity.json' with { type: 'json' };
import opsEn from './catalogue/en/ops.json' with { type: 'json' };
import adminEn from './catalogue/en/admin.json' with { type: 'json' };
import passwordEn from './catalogue/en/password.json' with { type: 'json' };
import caseEn from './catalogue/en/case.json' with { type: 'json' };
import outcomeEn from './catalogue/en/outcome.json' with { type: 'json' };
import notificationsEn from './catalogue/en/notifications.json' with { type: 'json' };
import notifyEn from './catalogue/en/notify.json' with { type: 'json' };
import sessionEn from './catalogue/en/session.json' with { type: 'json' };
import draftEn from './catalogue/en/draft.json' with { type: 'json' };
import errorEn from './catalogue/en/error.json' with { type: 'json' };
import formEditorEn from './catalogue/en/formEditor.json' with { type: 'json' };
import formViewerEn from './catalogue/en/formViewer.json' with { type: 'json' };
import bpmnEn from './catalogue/en/bpmn.json' with { type: 'json' };
import problemEn from './catalogue/en/problem.json' with { type: 'json' };
import problemDetailEn from './catalogue/en/problemDetail.json' with { type: 'json' };

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const KAZAKH_WELCOME = 'Қош келдіңіз';

const en = {
  ...appEn,
  ...langEn,
  ...navEn,
  ...loginEn,
  ...commonEn,
  ...homeEn,
  ...registerEn,
  ...channelEn,
  ...unitEn,
  ...receiptEn,
  ...inboxEn,
  ...badgeEn,
  ...taskEn,
  ...transferEn,
  ...casefileEn,
  ...trackEn,
  ...statusEn,
  ...routingEn,
  ...calendarEn,
  ...deskEn,
  ...supervisionEn,
  ...dashEn,
  ...auditEn,
  ...auditTrailEn,
  ...modelerEn,
  ...diffEn,
  ...deployConfirmEn,
  ...psEn,
  ...integrityEn,
  ...opsEn,
  ...adminEn,
  ...passwordEn,
  ...caseEn,
  ...outcomeEn,
  ...notificationsEn,
  ...notifyEn,
  ...sessionEn,
  ...draftEn,
  ...errorEn,
  ...formEditorEn,
  ...formViewerEn,
  ...bpmnEn,
  ...problemEn,
  ...problemDetailEn,
};

export type MessageKey = keyof typeof en;

const files = import.meta.glob<Record<string, string>>('./catalogue/*/*.json', { eager: true, import: 'default' });

/** The files of one language folded into one catalogue. */
function catalogueOf(lang: Language): Record<MessageKey, string> {
  const merged: Record<string, string> = {};
  for (const [path, messages] of Object.entries(files)) if (path.startsWith(`./catalogue/${lang}/`)) Object.assign(merged, messages);
  return merged as Record<MessageKey, string>;
}

export const MESSAGES: Record<Language, Record<MessageKey, string>> = { en, ru: catalogueOf('ru'), kk: catalogueOf('kk') };
