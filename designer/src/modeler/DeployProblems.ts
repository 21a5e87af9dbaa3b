import { css, html } from 'lit';
import type { DeployProblem } from '../api/ApiClient.js';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { sayProblem } from './lint/problemWords.js';

/**
 * The server's deploy errors as a list, each by its element's name (`labelOf`; the id when it
 * has none), below the canvas so it never covers it; clicking one emits `select-element` {elementId}.
 */
export class DeployProblems extends LocalizedElement {
  static override properties = { problems: { attribute: false }, labelOf: { attribute: false } };
  declare problems: readonly DeployProblem[];
  declare labelOf: (elementId: string) => string;

  constructor() {
    super();
    this.problems = [];
    this.labelOf = (id) => id;
  }

  static override styles = css`
    :host { display: block; }
    :host([hidden]) { display: none; }
    h2 { font-size: 13px; margin: 0; padding: 6px 10px; color: #a40e26; background: #fde8ea; }
    ul { list-style: none; margin: 0; padding: 0; max-height: 140px; overflow: auto; }
    li { padding: 4px 10px; border-top: 1px solid #f3c5cb; cursor: pointer; font-size: 13px; }
    li:hover { background: #fff3f4; }
    strong { color: #a40e26; margin-right: 6px; }
  `;

  override render() {
    if (!this.problems.length) return html``;
    return html`
      <h2>${this.problems.length === 1 ? t('modeler.problemsOne') : t('modeler.problemsMany', { count: this.problems.length })}</h2>
      <ul>
        ${this.problems.map(
          (p) => html`<li class="problem" data-element-id=${p.elementId ?? ''} @click=${() => this.select(p)}><strong title=${p.elementId ?? ''}>${p.elementId ? this.labelOf(p.elementId) : t('modeler.problemModel')}</strong>${sayProblem(p.code, p.message, p.detail)}</li>`,
        )}
      </ul>
    `;
  }

  private select(problem: DeployProblem) {
    if (!problem.elementId) return;
    this.dispatchEvent(new CustomEvent('select-element', { detail: { elementId: problem.elementId }, bubbles: true, composed: true }));
  }
}

customElements.define('tereze-deploy-problems', DeployProblems);
