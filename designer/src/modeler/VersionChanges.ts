import { css, html } from 'lit';
import { LocalizedElement, t } from '../i18n/i18n.js';
import type { ElementChange, VersionDiff } from './diff/index.js';

type Kind = 'added' | 'changed' | 'removed';

/** The changes of one diff as three lists, by element name; what a field means is said in the UI's words. */
export function renderChangeLists(diff: VersionDiff, onSelect?: (id: string) => void) {
  const row = (kind: Kind, change: ElementChange) =>
    html`<li class="change" data-kind=${kind} data-element-id=${change.id} @click=${() => kind !== 'removed' && onSelect?.(change.id)}>
      <span class="mark" aria-hidden="true"></span><span class="what">${t(`diff.${kind}`)}</span> ${change.label}${change.fields.length ? html` <span class="fields">(${change.fields.map(fieldLabel).join(', ')})</span>` : ''}
    </li>`;
  return html`<ul>
    ${diff.added.map((c) => row('added', c))} ${diff.changed.map((c) => row('changed', c))} ${diff.removed.map((c) => row('removed', c))}
  </ul>`;
}

function fieldLabel(field: string): string {
  if (field === 'name') return t('diff.fieldName');
  if (field === 'type') return t('diff.fieldType');
  if (field === 'flow') return t('diff.fieldFlow');
  return field;
}

export const changeListStyles = css`
  ul { list-style: none; margin: 0; padding: 0; max-height: 140px; overflow: auto; }
  li { padding: 3px 10px; font-size: 13px; border-top: 1px solid #e3e7ec; }
  li[data-kind='added'], li[data-kind='changed'] { cursor: pointer; }
  .mark { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
  li[data-kind='added'] .mark { background: #1a7f37; }
  li[data-kind='changed'] .mark { background: #bf8700; }
  li[data-kind='removed'] .mark { background: #6e7781; }
  li[data-kind='removed'] { color: #57606a; }
  .what { font-weight: 600; margin-right: 4px; }
  .fields { color: #57606a; }
`;

/**
 * What changed in the opened version from the one before (`against`), below the canvas so it
 * never covers the diagram. Clicking an added or changed element emits `select-element` {elementId}.
 */
export class VersionChanges extends LocalizedElement {
  static override properties = { diff: { attribute: false }, against: { type: Number }, version: { type: Number } };
  declare diff: VersionDiff | undefined;
  declare against: number;
  declare version: number;

  constructor() {
    super();
    this.diff = undefined;
    this.against = 0;
    this.version = 0;
  }

  static override styles = [
    changeListStyles,
    css`
      :host { display: block; border-top: 1px solid #d7dce2; background: #fbfcfd; }
      :host([hidden]) { display: none; }
      h2 { font-size: 13px; margin: 0; padding: 6px 10px; }
      p { margin: 0; padding: 4px 10px 8px; font-size: 13px; color: #57606a; }
    `,
  ];

  override render() {
    const diff = this.diff;
    if (!diff) return html``;
    const count = diff.added.length + diff.changed.length + diff.removed.length;
    return html`
      <h2>${t('diff.title', { version: this.version, against: this.against, count })}</h2>
      ${count ? renderChangeLists(diff, (elementId) => this.dispatchEvent(new CustomEvent('select-element', { detail: { elementId }, bubbles: true, composed: true }))) : html`<p>${t('diff.none')}</p>`}
    `;
  }
}

customElements.define('tereze-version-changes', VersionChanges);
