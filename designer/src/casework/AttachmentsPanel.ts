import { css, html } from 'lit';
import { LocalizedElement, formatInstant, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';
import { caseworkApi, type AttachmentRecord } from './caseworkApi.js';

/** The server's limit (engine MAX_ATTACHMENT_BYTES), checked here first to spare a 10 MB upload. */
const MAX_BYTES = 10 * 1024 * 1024;

/** The scans of an application, each a download; with `canUpload`, a file picker. Emits `upload` with the File. */
export class AttachmentsPanel extends LocalizedElement {
  static override properties = {
    applicationId: { type: String },
    attachments: { attribute: false },
    canUpload: { type: Boolean },
    busy: { type: Boolean },
    problem: {},
    tooBig: { state: true },
  };
  declare applicationId: string;
  declare attachments: readonly AttachmentRecord[];
  declare canUpload: boolean;
  declare busy: boolean;
  declare problem: string;
  declare tooBig: boolean;

  constructor() {
    super();
    this.applicationId = '';
    this.attachments = [];
    this.canUpload = false;
    this.busy = false;
    this.problem = '';
    this.tooBig = false;
  }

  static override styles = [
    formStyles,
    css`
      ul { margin: 0; padding-left: 1.2em; display: grid; gap: 4px; }
      .meta { color: #4a5663; font-size: 0.88rem; }
      .hash { font-family: ui-monospace, monospace; font-size: 0.8rem; overflow-wrap: anywhere; color: #4a5663; }
      .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      input[type='file']:focus-visible + div label { outline: 3px solid #f5a623; outline-offset: 2px; }
    `,
  ];

  override render() {
    return html`<section class="panel" aria-labelledby="attachments-title">
      <h3 id="attachments-title">${t('case.attachments.title')}</h3>
      ${this.attachments.length
        ? html`<ul data-attachments>
            ${this.attachments.map(
              (a) => html`<li>
                <a href=${caseworkApi.downloadUrl(this.applicationId, a.id)} download=${a.fileName}>${a.fileName}</a>
                <span class="meta">· ${sizeText(a.size)} · ${formatInstant(a.at)}</span>
                <div class="hash" title=${t('case.attachments.hash')}>SHA-256 ${a.sha256}</div>
              </li>`,
            )}
          </ul>`
        : html`<p class="hint">${t('case.attachments.none')}</p>`}
      ${this.canUpload
        ? html`<div class="field">
            <label for="attachment-file">${t('case.attachments.add')}</label>
            <span id="attachment-hint" class="hint">${t('case.attachments.hint')}</span>
            <input id="attachment-file" class="visually-hidden" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-describedby="attachment-hint attachment-error" ?disabled=${this.busy} @change=${this.picked} />
            <!-- The browser's own "Choose File" is in the browser's language, not the page's. -->
            <div><label for="attachment-file" class="button secondary" aria-hidden="true">${this.busy ? t('case.attachments.uploading') : t('case.attachments.choose')}</label></div>
            <span id="attachment-error" class="error" role="alert" data-problem>${this.tooBig ? t('case.attachments.tooBig') : this.problem}</span>
          </div>`
        : ''}
    </section>`;
  }

  private picked(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    this.tooBig = false;
    if (!file) return;
    if (file.size > MAX_BYTES) {
      this.tooBig = true;
      input.value = '';
      return;
    }
    this.dispatchEvent(new CustomEvent<File>('upload', { detail: file }));
    input.value = '';
  }
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

customElements.define('tereze-attachments-panel', AttachmentsPanel);
