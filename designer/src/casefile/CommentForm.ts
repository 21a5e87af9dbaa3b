import { html } from 'lit';
import { LocalizedElement, t } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';
import { COMMENT_MAX_LENGTH } from './casefileApi.js';

/** Writes a comment; emits `comment` with the text. The page sends it and clears `text` when kept. */
export class CommentForm extends LocalizedElement {
  static override properties = { busy: { type: Boolean }, text: { state: true }, problem: { state: true } };
  declare busy: boolean;
  declare text: string;
  declare problem: MessageKey | undefined;
  static override styles = formStyles;

  constructor() {
    super();
    this.busy = false;
    this.text = '';
  }

  /** After the page kept the comment. */
  clear() {
    this.text = '';
    this.problem = undefined;
  }

  override render() {
    const length = this.text.trim().length;
    const error = this.problem === 'casefile.comment.tooLong' ? t(this.problem, { max: COMMENT_MAX_LENGTH, count: length }) : this.problem ? t(this.problem) : '';
    return html`<form @submit=${this.submit} novalidate>
      <div class="field">
        <label for="comment-text">${t('casefile.comment.label')}</label>
        <span class="hint" id="comment-hint">${t('casefile.comment.hint', { max: COMMENT_MAX_LENGTH })}</span>
        <textarea id="comment-text" name="text" rows="3" .value=${this.text} aria-describedby="comment-hint comment-error comment-count" aria-invalid=${error ? 'true' : 'false'}
          @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}></textarea>
        <span class="hint" id="comment-count" aria-live="polite">${t('casefile.comment.count', { count: length, max: COMMENT_MAX_LENGTH })}</span>
        <span class="error" id="comment-error">${error}</span>
      </div>
      <div><button type="submit" ?disabled=${this.busy}>${t('casefile.comment.submit')}</button></div>
    </form>`;
  }

  private submit(event: Event) {
    event.preventDefault();
    const text = this.text.trim();
    this.problem = !text ? 'casefile.comment.required' : text.length > COMMENT_MAX_LENGTH ? 'casefile.comment.tooLong' : undefined;
    if (this.problem) return;
    this.dispatchEvent(new CustomEvent('comment', { detail: text, bubbles: true, composed: true }));
  }
}

customElements.define('tereze-comment-form', CommentForm);
