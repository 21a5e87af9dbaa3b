import { css, html } from 'lit';
import { documentName } from '../catalogue/standards.js';
import { LocalizedElement, language, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';

/**
 * "The applicant brought documents": the documents the official asked for, each ticked when
 * handed over, and any other brought (one a line). Emits `record` with the names; the page
 * sends them and hands back `problem` (the server's words) on a refusal.
 */
export class DocumentsBroughtForm extends LocalizedElement {
  static override properties = {
    requested: { attribute: false },
    serviceCode: { attribute: false },
    busy: { type: Boolean },
    problem: {},
    missing: { state: true },
  };
  declare requested: readonly string[];
  /** Whose standard words the requested documents (shown in the UI's language; the English wording is what is recorded). */
  declare serviceCode: string | undefined;
  declare busy: boolean;
  declare problem: string;
  declare missing: boolean;

  constructor() {
    super();
    this.requested = [];
    this.busy = false;
    this.problem = '';
    this.missing = false;
  }

  static override styles = [formStyles, css`form { gap: 10px; } h3, p { margin: 0; }`];

  override render() {
    return html`<form @submit=${this.submit} novalidate aria-labelledby="documents-title">
      <h3 id="documents-title">${t('case.documents.title')}</h3>
      ${this.requested.length
        ? html`<fieldset><legend>${t('case.documents.requested')}</legend>
            ${this.requested.map((name, i) => html`<label class="choice"><input type="checkbox" name="requested" value=${name} id=${`requested-${i}`} checked @change=${() => (this.missing = false)} />${documentName(this.serviceCode, name, language())}</label>`)}
          </fieldset>`
        : html`<p class="hint">${t('case.documents.noneNamed')}</p>`}
      <div class="field">
        <label for="documents-other">${t('case.documents.other')}</label>
        <span id="documents-other-hint" class="hint">${t('case.documents.otherHint')}</span>
        <textarea id="documents-other" name="other" rows="2" maxlength="2000" aria-describedby="documents-other-hint documents-error" @input=${() => (this.missing = false)}></textarea>
      </div>
      <p id="documents-error" class="error" role="alert" data-problem>${this.missing ? t('case.documents.required') : this.problem}</p>
      <div><button type="submit" ?disabled=${this.busy}>${t('case.documents.submit')}</button></div>
    </form>`;
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const ticked = data.getAll('requested').map(String);
    const other = String(data.get('other') ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
    const documents = [...ticked, ...other];
    if (!documents.length) {
      this.missing = true;
      return;
    }
    this.dispatchEvent(new CustomEvent<string[]>('record', { detail: documents }));
  }
}

customElements.define('tereze-documents-brought-form', DocumentsBroughtForm);
