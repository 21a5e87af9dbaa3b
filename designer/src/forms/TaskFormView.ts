import { Form } from '@bpmn-io/form-js-viewer';
import formJsCss from '@bpmn-io/form-js-viewer/dist/assets/form-js.css?inline';
import { css, html, unsafeCSS, type PropertyValues } from 'lit';
import { LocalizedElement, language, t } from '../i18n/i18n.js';
import type { Language } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';
import { localizedValidationModule, viewerWords } from './formViewerWords.js';
import { answerOf, formData, localizeForm } from './localizeForm.js';

export interface TaskAnswer {
  readonly outcome?: string;
  readonly variables: Record<string, unknown>;
}

/** A problem the server found with one field of the answer (400 `details.field`). */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

const SAID_ATTRIBUTES = ['placeholder', 'aria-label', 'title'] as const;

/**
 * Puts the viewer's English texts that no hook reaches (a select's "Select", a search box's
 * placeholder, a button's aria-label) into the reader's language as form-js renders them:
 * a text node or attribute the `formViewer` catalogue words (./formViewerWords.ts) is replaced.
 */
function translateTexts(root: Node, lang: Language): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const said = viewerWords(node.textContent ?? '', lang);
      // Only a change is written: the observer sees each write, and an equal one would loop.
      if (said !== undefined && said !== node.textContent?.trim()) node.textContent = said;
    } else if (node instanceof Element) {
      for (const name of SAID_ATTRIBUTES) {
        const value = node.getAttribute(name);
        const said = value ? viewerWords(value, lang) : undefined;
        if (said !== undefined && said !== value) node.setAttribute(name, said);
      }
    }
  }
}

/**
 * A task's form (its ps:form, a form-js schema) rendered by @bpmn-io/form-js-viewer with the
 * application's data; "Complete" validates it (form-js) and emits `complete` with the answer
 * `{ outcome, variables }`. A problem the server reports for a field (`problem`) is shown at
 * that field. Properties down (schema, data, problem, busy), one event up.
 */
export class TaskFormView extends LocalizedElement {
  static override properties = {
    schema: { attribute: false },
    data: { attribute: false },
    problem: { attribute: false },
    busy: { type: Boolean },
  };
  declare schema: Readonly<Record<string, unknown>> | undefined;
  declare data: Readonly<Record<string, unknown>>;
  declare problem: FieldProblem | undefined;
  declare busy: boolean;
  private form: Form | undefined;
  private shownLanguage = '';
  private observer: MutationObserver | undefined;

  static override styles = [
    unsafeCSS(formJsCss),
    formStyles,
    css`
      .fjs-container { max-width: 640px; }
      /* The form lines up with the page: form-js's grid keeps a gutter for its editor. */
      .fjs-container .fjs-form { padding: 0; }
      .fjs-container .fjs-form > .cds--grid, .fjs-container .fjs-form > .cds--grid > .cds--row > .cds--col { padding-inline: 0; }
      .fjs-container .fjs-form > .cds--grid > .cds--row > .cds--col > .fjs-form-field { margin-inline: 0; }
      .fjs-container .fjs-powered-by { margin: 8px 0; }
      .fjs-form-field-error { color: #a40e26; font-weight: 600; }
      .actions { margin-top: 8px; }
    `,
  ];

  constructor() {
    super();
    this.data = {};
    this.busy = false;
  }

  override render() {
    return html`<div class="host" data-task-form></div>
      <div class="actions"><button type="button" ?disabled=${this.busy} @click=${this.submit}>${t('task.submit')}</button></div>`;
  }

  override updated(changed: PropertyValues<this>) {
    if (changed.has('schema') || changed.has('data') || this.shownLanguage !== language()) void this.show();
    else if (changed.has('problem') && this.problem) this.showProblem(this.problem);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.form?.destroy();
    this.form = undefined;
  }

  private async show() {
    const container = this.renderRoot.querySelector<HTMLElement>('.host');
    if (!container || !this.schema) return;
    // A language switch keeps what was typed in.
    const kept = this.form ? (this.form as unknown as { _getState(): { data: Record<string, unknown> } })._getState().data : undefined;
    this.form?.destroy();
    this.shownLanguage = language();
    // No debounce: form-js holds typed values 300 ms before its state has them, so a submit by
    // Enter, or a click under load, sent the form without what was just typed ("required").
    // (The viewer's fields read `config.debounce`; every option but the modules becomes config,
    // though FormOptions does not declare it.)
    // The validation messages come from the `formViewer` catalogue (formViewerWords.ts).
    const options = { container, debounce: false, additionalModules: [localizedValidationModule(language())] };
    const form = new Form(options);
    this.form = form;
    await form.importSchema(localizeForm(this.schema, language()), { ...formData(this.data), ...(kept ?? {}) });
    this.observer?.disconnect();
    const lang = language();
    if (lang !== 'en') {
      translateTexts(container, lang);
      this.observer = new MutationObserver(() => translateTexts(container, lang));
      this.observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: [...SAID_ATTRIBUTES] });
    }
    if (this.problem) this.showProblem(this.problem);
  }

  private submit() {
    const form = this.form;
    if (!form) return;
    const { data, errors } = form.submit() as { data: Record<string, unknown>; errors: Record<string, string[]> };
    if (Object.keys(errors).length) {
      this.setErrors(errors);
      this.renderRoot.querySelector<HTMLElement>('.fjs-has-errors input, .fjs-has-errors textarea, .fjs-has-errors select')?.focus();
      return;
    }
    this.dispatchEvent(new CustomEvent<TaskAnswer>('complete', { detail: answerOf(data) }));
  }

  /** `variables.refusalGrounds` or `outcome` → the error shown under that field. */
  private showProblem(problem: FieldProblem) {
    const key = problem.field.replace(/^variables\./, '');
    const registry = this.form?.get('formFieldRegistry') as { getAll(): { id: string; key?: string }[] } | undefined;
    const field = registry?.getAll().find((f) => f.key === key);
    if (field) this.setErrors({ [field.id]: [problem.message] });
  }

  private setErrors(errors: Record<string, string[]>) {
    (this.form as unknown as { _setState(state: { errors: Record<string, string[]> }): void } | undefined)?._setState({ errors });
  }
}

customElements.define('tereze-task-form', TaskFormView);
