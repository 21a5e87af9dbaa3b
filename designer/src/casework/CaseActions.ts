import { css, html } from 'lit';
import { ApiError, type ApiClient, type SessionUser } from '../api/ApiClient.js';
import { documentName } from '../catalogue/standards.js';
import { LocalizedElement, formatInstant, language, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { requestedDocumentsOf } from '../../../engine/casework/requestedDocuments.js';
import { caseworkApi, namesIn, type AttachmentRecord, type CaseFile } from './caseworkApi.js';
import type { ExtensionRequest } from './ExtensionForm.js';
import './AttachmentsPanel.js';
import './DocumentsBroughtForm.js';
import './ExtensionForm.js';
import './WithdrawalForm.js';

type Action = 'documents' | 'upload' | 'extend' | 'withdraw';

/**
 * The casework part of an application's case file (placed on #/case/<id> by
 * casefile/CasePage.ts): where it stands and its term, the documents asked for and brought, its
 * scans; and what the viewer's role may do with it — the counter (the server's `yourCounter`: the
 * centre's clerks, or the agency desk that took it in) records documents brought or a
 * withdrawal, the official or a supervisor extends the deadline. The server decides; a refusal
 * is shown in its words. After each action it fires `case-changed`, so the page can reload the
 * timeline.
 */
export class CaseActions extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    user: { attribute: false },
    instanceId: { type: String },
    file: { state: true },
    attachments: { state: true },
    busy: { state: true },
    problems: { state: true },
    message: { state: true },
  };
  declare api: ApiClient;
  declare user: SessionUser | undefined;
  declare instanceId: string;
  declare file: CaseFile | undefined;
  declare attachments: readonly AttachmentRecord[];
  declare busy: Action | undefined;
  declare problems: Partial<Record<Action | 'find', string>>;
  declare message: string;

  constructor() {
    super();
    this.instanceId = '';
    this.attachments = [];
    this.problems = {};
    this.message = '';
  }

  static override styles = [
    formStyles,
    css`
      .sections { display: grid; gap: 24px; margin-top: 8px; }
      .sections > * { border-top: 1px solid #d5dbe1; padding-top: 12px; }
      ul.names { margin: 0; padding-left: 1.2em; }
    `,
  ];

  override firstUpdated() {
    if (this.instanceId) void this.load();
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('instanceId') && changed.get('instanceId') !== undefined && this.instanceId) void this.load();
  }

  private has(role: string): boolean {
    return this.user?.roles?.includes(role) ?? false;
  }

  override render() {
    const status = html`<p class="status ${this.message ? 'done' : ''}" role="status" aria-live="polite">${this.message}</p>`;
    const file = this.file;
    if (!file) return html`<p class="error" role="alert">${this.problems.find ?? ''}</p>${this.problems.find ? '' : html`<p>${t('common.loading')}</p>`}`;
    const active = file.state === 'active' || file.state === 'incident';
    const waiting = file.waitsForDocuments === true;
    const requested = requestedDocumentsOf(file.variables);
    const brought = namesIn(file.variables['broughtDocuments']);
    return html`
      <dl>
        <dt>${t('case.status')}</dt><dd data-field="status">${this.statusText(file, waiting)}</dd>
        <dt>${t('common.deadline')}</dt><dd data-field="dueAt">${file.slaPausedAt ? t('case.paused', { since: formatInstant(file.slaPausedAt) }) : formatInstant(file.dueAt)}</dd>
        ${namesIn(file.variables['documents']).length ? html`<dt>${t('task.documents')}</dt><dd data-field="documents">${namesIn(file.variables['documents']).map((d) => documentName(file.serviceCode, d, language())).join(', ')}</dd>` : ''}
        ${requested.length ? html`<dt>${t('case.requested')}</dt><dd><ul class="names">${requested.map((d) => html`<li>${documentName(file.serviceCode, d, language())}</li>`)}</ul></dd>` : ''}
        ${brought.length ? html`<dt>${t('case.brought')}</dt><dd data-field="brought">${brought.map((d) => documentName(file.serviceCode, d, language())).join(', ')} · ${formatInstant(file.variables['documentsBroughtAt'] as string | undefined)}</dd>` : ''}
        ${typeof file.variables['withdrawalReason'] === 'string' ? html`<dt>${t('case.withdrawalReason')}</dt><dd>${file.variables['withdrawalReason']}</dd>` : ''}
      </dl>
      ${status}
      <div class="sections">
        ${waiting && file.yourCounter
          ? html`<tereze-documents-brought-form .requested=${requested} .serviceCode=${file.serviceCode} ?busy=${this.busy === 'documents'} .problem=${this.problems.documents ?? ''}
              @record=${(e: CustomEvent<string[]>) => void this.act('documents', () => caseworkApi.documentsBrought(this.api, file.id, e.detail), () => t('case.documents.done'))}></tereze-documents-brought-form>`
          : ''}
        <tereze-attachments-panel .applicationId=${file.id} .attachments=${this.attachments} ?canUpload=${this.has('clerk') || this.has('official')}
          ?busy=${this.busy === 'upload'} .problem=${this.problems.upload ?? ''}
          @upload=${(e: CustomEvent<File>) => void this.act('upload', () => caseworkApi.upload(this.api, file.id, e.detail), () => t('case.attachments.done', { name: e.detail.name }))}></tereze-attachments-panel>
        ${active && !file.slaPausedAt && file.dueAt && (this.has('official') || this.has('supervisor'))
          ? html`<tereze-extension-form ?busy=${this.busy === 'extend'} .problem=${this.problems.extend ?? ''}
              @extend=${(e: CustomEvent<ExtensionRequest>) =>
                void this.act('extend', () => caseworkApi.extend(this.api, file.id, e.detail.days, e.detail.reason), (answer) => t('case.extend.done', { dueAt: formatInstant(answer.dueAt) }))}></tereze-extension-form>`
          : ''}
        ${active && (file.yourCounter || this.has('supervisor'))
          ? html`<tereze-withdrawal-form ?busy=${this.busy === 'withdraw'} .problem=${this.problems.withdraw ?? ''}
              @withdraw=${(e: CustomEvent<string>) => void this.act('withdraw', () => caseworkApi.withdraw(this.api, file.id, e.detail), () => t('case.withdraw.done'))}></tereze-withdrawal-form>`
          : ''}
      </div>
    `;
  }


  private statusText(file: CaseFile, waiting: boolean): string {
    if (file.variables['decision'] === 'withdrawn') return t('case.status.withdrawn');
    if (waiting) return t('case.status.waitingDocuments');
    if (file.state === 'completed') return t('case.status.completed');
    if (file.state === 'terminated') return t('case.status.ended');
    return t('case.status.active');
  }


  private async load() {
    try {
      const [file, attachments] = await Promise.all([caseworkApi.file(this.api, this.instanceId), caseworkApi.attachments(this.api, this.instanceId)]);
      this.file = file;
      this.attachments = attachments;
    } catch (error) {
      this.problems = { ...this.problems, find: (error as Error).message };
    }
  }

  private async act<T>(action: Action, request: () => Promise<T>, done: (answer: T) => string) {
    this.busy = action;
    this.problems = { ...this.problems, [action]: '' };
    this.message = '';
    try {
      const answer = await request();
      await this.load();
      this.dispatchEvent(new CustomEvent('case-changed', { bubbles: true, composed: true }));
      this.problems = {};
      this.message = done(answer);
      // On a phone the form is far below the status line: bring the answer into view.
      await this.updateComplete;
      this.renderRoot.querySelector('.status')?.scrollIntoView({ block: 'center' });
    } catch (error) {
      this.problems = { ...this.problems, [action]: problemText(error) };
    } finally {
      this.busy = undefined;
    }
  }
}

/**
 * The server's refusal in the UI's language where the page knows the case (a scan of the wrong
 * type or size), else the server's own words: it names the field or the rule.
 */
function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('common.error', { message: (error as Error).message });
  if (error.status === 413) return t('case.attachments.tooBig');
  const field = (error.body as { error?: { details?: { field?: string } } } | undefined)?.error?.details?.field;
  if (error.status === 400 && (field === 'fileName' || field === 'contentType')) {
    // The engine names what the content is: "…, but its content is a PNG: refused".
    return t('case.attachments.mismatch', { actual: /content is a (PDF|JPEG|PNG)/.exec(error.message)?.[1] ?? '?' });
  }
  if (error.status === 400 && field === 'content') return t('case.attachments.notScan');
  return error.message;
}

customElements.define('tereze-case-actions', CaseActions);
