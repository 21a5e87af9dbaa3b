import { html } from 'lit';
import { t } from '../i18n/i18n.js';

/** Overdue / at risk / on time, in words and colour (never colour alone). */
export function deadlineBadge(flags: { overdue?: boolean | undefined; atRisk?: boolean | undefined; dueAt?: string | undefined }) {
  if (flags.overdue) return html`<span class="badge overdue" data-badge="overdue">⚠ ${t('badge.overdue')}</span>`;
  if (flags.atRisk) return html`<span class="badge at-risk" data-badge="at-risk">⏳ ${t('badge.atRisk')}</span>`;
  if (flags.dueAt) return html`<span class="badge on-time" data-badge="on-time">✓ ${t('badge.onTime')}</span>`;
  return '';
}
