import { FormEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/dragula.css';
import { LitElement, html } from 'lit';
import { t } from '../i18n/i18n.js';

/** A new task's form: empty, the editor's palette adds the fields. */
const EMPTY_FORM = { type: 'default', components: [], schemaVersion: 16 };

/**
 * The form editor (@bpmn-io/form-js-editor) in a modal dialog, on a task's form-js schema.
 * Lazily loaded by the properties panel's "Form" group (it is about a megabyte): `apply` gets
 * the edited schema, `remove` asks to drop the form. Light DOM: the editor's drag and drop
 * reads the document, and its CSS is global (loaded with this chunk).
 */
export class FormEditorDialog extends LitElement {
  static override properties = { taskName: { type: String } };
  declare taskName: string;
  schema: Record<string, unknown> | undefined;
  onApply: (schema: Record<string, unknown>) => void = () => {};
  onRemove: () => void = () => {};
  private editor: FormEditor | undefined;

  constructor() {
    super();
    this.taskName = '';
  }

  override createRenderRoot() {
    return this;
  }

  override render() {
    return html`<dialog class="tereze-form-editor" aria-labelledby="tereze-form-editor-title" @cancel=${this.close}>
      <header class="tereze-form-editor-header">
        <h2 id="tereze-form-editor-title">${t('formEditor.title', { name: this.taskName })}</h2>
        <div class="tereze-form-editor-actions">
          ${this.schema ? html`<button type="button" class="secondary" @click=${this.removeForm}>${t('formEditor.remove')}</button>` : ''}
          <button type="button" class="secondary" @click=${this.close}>${t('formEditor.cancel')}</button>
          <button type="button" @click=${this.apply}>${t('formEditor.apply')}</button>
        </div>
      </header>
      <div class="tereze-form-editor-canvas"></div>
    </dialog>`;
  }

  override async firstUpdated() {
    const dialog = this.querySelector('dialog')!;
    dialog.showModal();
    this.editor = new FormEditor({ container: this.querySelector<HTMLElement>('.tereze-form-editor-canvas')! });
    await this.editor.importSchema((this.schema ?? EMPTY_FORM) as never);
  }

  private apply() {
    if (!this.editor) return;
    // The translations (translations.ru) are not form-js's: the editor drops what it does not know.
    const saved = this.editor.saveSchema() as Record<string, unknown>;
    const kept = this.schema?.translations ? { ...saved, translations: this.schema.translations } : saved;
    this.onApply(kept);
    this.close();
  }

  private removeForm() {
    this.onRemove();
    this.close();
  }

  private close() {
    this.editor?.destroy();
    this.editor = undefined;
    this.querySelector('dialog')?.close();
    this.remove();
  }
}

customElements.define('tereze-form-editor-dialog', FormEditorDialog);

const style = document.createElement('style');
style.textContent = `
  dialog.tereze-form-editor { width: min(1200px, 96vw); height: min(820px, 92vh); padding: 0; border: 1px solid #7b8794; border-radius: 8px; display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
  dialog.tereze-form-editor:not([open]) { display: none; }
  dialog.tereze-form-editor::backdrop { background: rgb(29 39 51 / 45%); }
  .tereze-form-editor-header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; justify-content: space-between; padding: 10px 16px; border-bottom: 1px solid #c4ccd5; }
  .tereze-form-editor-header h2 { font-size: 1.1rem; margin: 0; }
  .tereze-form-editor-actions { display: flex; gap: 8px; flex-wrap: wrap; }
  .tereze-form-editor-actions button { font: inherit; padding: 7px 14px; border-radius: 4px; border: 1px solid #0b5cad; background: #0b5cad; color: #fff; cursor: pointer; }
  .tereze-form-editor-actions button.secondary { background: #fff; color: #0b5cad; }
  .tereze-form-editor-canvas { flex: 1; min-height: 0; position: relative; }
  .tereze-form-editor-canvas .fjs-container { height: 100%; }
  /* Components the engine cannot check (engine/forms/parseTaskForm.ts): not offered. */
  .tereze-form-editor .fjs-palette-field:is([data-field-type="expression"], [data-field-type="filepicker"], [data-field-type="image"], [data-field-type="table"], [data-field-type="documentPreview"], [data-field-type="iframe"], [data-field-type="dynamiclist"]) { display: none; }
`;
document.head.append(style);
