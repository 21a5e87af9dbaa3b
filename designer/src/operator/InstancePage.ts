import { html, type PropertyValues } from 'lit';
import { ApiError, type ApiClient } from '../api/ApiClient.js';
import { operatorApi, type InstanceDetail, type MigrationReport } from '../api/operatorApi.js';
import { LocalizedElement, formatInstant, language, t, tMaybe } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { changedVariables, parseMapping } from './operatorInput.js';
import { operatorPageStyles } from './operatorPageStyles.js';
import { diagramNameIn, renamedXml } from './diagramNames.js';
import { showInstance, visitedElements } from './instanceDiagram.js';

type Action = 'retry' | 'cancel' | 'move' | 'migrate' | 'dryRun';

/**
 * One instance for its repair: the diagram (tokens, the way taken, the incident in red with
 * its error), variables editable for a retry, the history and audit entries, and the actions
 * retry / cancel / move / migrate, each with a reason. Light DOM: bpmn-js is styled at
 * document level (documentStyles.ts).
 */
export class InstancePage extends LocalizedElement {
  static override properties = {
    api: { attribute: false },
    instanceId: { attribute: false },
    detail: { state: true },
    error: { state: true },
    status: { state: true },
    busy: { state: true },
    report: { state: true },
  };
  declare api: ApiClient;
  declare instanceId: string;
  declare detail: InstanceDetail | undefined;
  declare error: string;
  declare status: string;
  declare busy: boolean;
  declare report: MigrationReport | undefined;
  private diagram: { destroy(): void } | undefined;
  private drawnFor = '';

  constructor() {
    super();
    this.error = '';
    this.status = '';
    this.busy = false;
  }

  protected override createRenderRoot() {
    return this;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.diagram?.destroy();
  }

  private async load() {
    try {
      this.detail = await operatorApi.get(this.api, this.instanceId);
      this.error = '';
    } catch (error) {
      this.error = t('ops.loadFailed', { message: messageOf(error) });
    }
  }

  protected override async updated(changed: PropertyValues) {
    super.updated(changed);
    if ((changed.has('api') || changed.has('instanceId')) && this.api && this.instanceId) void this.load();
    const detail = this.detail;
    const box = this.querySelector<HTMLElement>('.op-diagram');
    // Drawn again in another language: the diagram's names are the reader's.
    const key = detail ? `${detail.id}:${detail.version}:${language()}` : '';
    if (!detail || !box || key === this.drawnFor) return;
    this.drawnFor = key;
    this.diagram?.destroy();
    box.replaceChildren();
    try {
      this.diagram = await showInstance(box, renamedXml(detail.xml, diagramNameIn(detail.serviceCode, language())), {
        tokens: detail.tokens.map((tk) => tk.elementId),
        incidents: detail.incidents,
        visited: visitedElements(detail.history),
      });
    } catch (error) {
      this.error = t('ops.diagramFailed', { message: messageOf(error) });
    }
  }

  override render() {
    const d = this.detail;
    return html`<style>
        ${operatorPageStyles}
      </style>
      <section class="op-page">
        <p><a href="#/instances">← ${t('ops.back')}</a></p>
        ${this.error ? html`<p class="op-error" role="alert">${this.error}</p>` : ''}
        ${d ? this.renderDetail(d) : this.error ? '' : html`<p>${t('ops.loading')}</p>`}
      </section>`;
  }

  /** The drill-down: up to the calling instance, down to each process a call activity started. */
  private renderCalls(d: InstanceDetail) {
    const calls = d.calls ?? [];
    if (!d.parent && !calls.length) return '';
    return html`<nav class="op-calls" aria-label=${t('ops.calls')}>
      ${d.parent ? html`<p><a data-parent href=${`#/instance/${encodeURIComponent(d.parent.instanceId)}`}>↑ ${t('ops.calledBy')}</a></p>` : ''}
      ${calls.length
        ? html`<h3>${t('ops.calls')}</h3>
            <ul>
              ${calls.map(
                (c) => html`<li data-call=${c.elementId}>
                  <a href=${`#/instance/${encodeURIComponent(c.instanceId)}`}>${elementName(d.xml, c.elementId)} → ${c.key} · ${c.trackingNumber}</a>
                  <span class="op-badge" data-state=${c.state}>${t(`ops.state.${c.state}` as MessageKey)}</span>
                </li>`,
              )}
            </ul>`
        : ''}
    </nav>`;
  }

  private renderDetail(d: InstanceDetail) {
    const running = d.state === 'active' || d.state === 'incident';
    return html`
      <h2>${t('ops.instanceTitle', { number: d.trackingNumber })} <span class="op-badge" data-state=${d.state}>${t(`ops.state.${d.state}` as MessageKey)}</span></h2>
      <p class="op-hint">${d.definitionId}${d.serviceCode ? ` · ${d.serviceCode}` : ''}${d.centre ? ` · ${d.centre}` : ''} · ${t('ops.col.started')}: ${formatInstant(d.startedAt)}</p>
      ${this.renderCalls(d)}
      <div class="op-diagram" role="img" aria-label=${t('ops.diagram', { elements: d.tokens.map((tk) => tk.elementId).join(', ') || '—' })}></div>
      <p class="op-legend"><span class="op-key op-key-token"></span>${t('ops.legend.token')} <span class="op-key op-key-taken"></span>${t('ops.legend.taken')} <span class="op-key op-key-incident"></span>${t('ops.legend.incident')}</p>
      ${d.incidents.length
        ? html`<div class="op-incidents" role="alert">
            <h3>${t('ops.incidents')}</h3>
            <ul>${d.incidents.map((i) => html`<li data-element=${i.elementId}><strong>${i.elementId}</strong>: ${i.message} <span class="op-hint">(${formatInstant(i.at)})</span></li>`)}</ul>
          </div>`
        : ''}
      <div class="op-columns">
        <form class="op-actions" @submit=${(e: Event) => e.preventDefault()} aria-labelledby="op-actions-title">
          <h3 id="op-actions-title">${t('ops.actions')}</h3>
          <label for="op-variables">${t('ops.variables')}</label>
          <span class="op-hint">${t('ops.variablesHint')}</span>
          <textarea id="op-variables" rows="8" spellcheck="false" .value=${JSON.stringify(d.variables, null, 2)}></textarea>
          <label for="op-reason">${t('ops.reason')}</label>
          <textarea id="op-reason" rows="2" required></textarea>
          <div class="op-buttons">
            <button type="button" ?disabled=${this.busy || !d.incidents.length} @click=${() => this.act('retry')}>${t('ops.retry')}</button>
            <button type="button" class="secondary" ?disabled=${this.busy || !running} @click=${() => this.act('cancel')}>${t('ops.cancel')}</button>
          </div>
          <fieldset>
            <legend>${t('ops.move')}</legend>
            <label for="op-move-from">${t('ops.moveFrom')}</label>
            <select id="op-move-from">${d.tokens.map((tk) => html`<option value=${tk.id}>${tk.elementId} (${tk.id})</option>`)}</select>
            <label for="op-move-to">${t('ops.moveTo')}</label>
            <input id="op-move-to" list="op-elements" autocomplete="off" />
            <datalist id="op-elements">${elementIds(d.xml).map((id) => html`<option value=${id}></option>`)}</datalist>
            <div><button type="button" class="secondary" ?disabled=${this.busy || !running || !d.tokens.length} @click=${() => this.act('move')}>${t('ops.moveButton')}</button></div>
          </fieldset>
          <fieldset>
            <legend>${t('ops.migrate')}</legend>
            <label for="op-to-version">${t('ops.toVersion')}</label>
            <input id="op-to-version" type="number" min="1" inputmode="numeric" />
            <label for="op-mapping">${t('ops.mapping')}</label>
            <span class="op-hint">${t('ops.mappingHint')}</span>
            <textarea id="op-mapping" rows="3" spellcheck="false"></textarea>
            <div class="op-buttons">
              <button type="button" class="secondary" ?disabled=${this.busy || !running} @click=${() => this.act('dryRun')}>${t('ops.dryRun')}</button>
              <button type="button" class="secondary" ?disabled=${this.busy || !running} @click=${() => this.act('migrate')}>${t('ops.migrateButton')}</button>
            </div>
          </fieldset>
          <div role="status" aria-live="polite" class="op-status">${this.status}</div>
          ${this.report ? this.renderReport(this.report) : ''}
        </form>
        <div class="op-records">
          <h3>${t('ops.history')}</h3>
          <div class="op-scroll">
            <table>
              <thead><tr><th>${t('ops.col.at')}</th><th>${t('ops.col.element')}</th><th>${t('ops.col.event')}</th></tr></thead>
              <tbody>${d.history.map((h) => html`<tr><td>${formatInstant(h.at)}</td><td>${h.elementId}</td><td>${tMaybe(`ops.event.${h.event}`, h.event)}${h.data?.['message'] ? html`<div class="op-error">${String(h.data['message'])}</div>` : ''}</td></tr>`)}</tbody>
            </table>
          </div>
          <h3>${t('ops.audit')}</h3>
          <div class="op-scroll">
            <table>
              <thead><tr><th>${t('ops.col.at')}</th><th>${t('ops.col.actor')}</th><th>${t('ops.col.action')}</th></tr></thead>
              <tbody>${d.audit.map((a) => html`<tr data-action=${a.action}><td>${formatInstant(a.at)}</td><td>${a.actor}</td><td>${a.action}${a.data?.['reason'] ? html`<div class="op-hint">${String(a.data['reason'])}</div>` : ''}</td></tr>`)}</tbody>
            </table>
          </div>
        </div>
      </div>`;
  }

  private renderReport(report: MigrationReport) {
    return html`<div class="op-report" data-problems=${report.problems.length}>
      <p>${report.problems.length ? t('ops.migrateProblems', { count: report.problems.length }) : report.dryRun ? t('ops.migrateDryOk', { count: report.instances.length }) : t('ops.migrated', { count: report.migrated.length })}</p>
      <ul>${report.problems.map((p) => html`<li>${p.instanceId} · <strong>${p.elementId}</strong>: ${p.problem}</li>`)}</ul>
    </div>`;
  }

  private value(id: string): string {
    return (this.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`#${id}`)?.value ?? '').trim();
  }

  private async act(action: Action) {
    const d = this.detail;
    if (!d) return;
    const reason = this.value('op-reason');
    if (!reason) {
      this.status = t('ops.reasonRequired');
      this.querySelector<HTMLTextAreaElement>('#op-reason')?.focus();
      return;
    }
    this.busy = true;
    this.report = undefined;
    try {
      if (action === 'retry') {
        const variables = changedVariables(d.variables, this.value('op-variables'));
        await operatorApi.retry(this.api, d.id, { reason, ...(Object.keys(variables).length ? { variables } : {}) });
        this.status = t('ops.retried');
      } else if (action === 'cancel') {
        if (!confirm(t('ops.cancelConfirm', { number: d.trackingNumber }))) return;
        await operatorApi.cancel(this.api, d.id, reason);
        this.status = t('ops.cancelled');
      } else if (action === 'move') {
        const to = this.value('op-move-to');
        if (!to) {
          this.status = t('ops.moveToRequired');
          return;
        }
        await operatorApi.modify(this.api, d.id, { reason, to, ...(this.value('op-move-from') ? { moveFrom: this.value('op-move-from') } : {}) });
        this.status = t('ops.moved', { to });
      } else {
        const toVersion = Number(this.value('op-to-version'));
        const fromVersion = Number(d.definitionId.slice(d.key.length + 1));
        if (!Number.isInteger(toVersion) || toVersion < 1) {
          this.status = t('ops.toVersionRequired');
          return;
        }
        const mapping = parseMapping(this.value('op-mapping'));
        this.report = await operatorApi.migrate(this.api, d.key, { fromVersion, toVersion, reason, ...(Object.keys(mapping).length ? { mapping } : {}), ...(action === 'dryRun' ? { dryRun: true } : {}) });
        this.status = '';
      }
      const reasonBox = this.querySelector<HTMLTextAreaElement>('#op-reason');
      if (reasonBox) reasonBox.value = '';
      await this.load();
    } catch (error) {
      const report = error instanceof ApiError ? ((error.body as { error?: { details?: { report?: MigrationReport } } })?.error?.details?.report) : undefined;
      if (report) this.report = report;
      this.status = t('ops.actionFailed', { message: messageOf(error) });
    } finally {
      this.busy = false;
    }
  }
}

/** The ids of the flow elements in the XML (for the move target's suggestions). */
function elementIds(xml: string): string[] {
  const ids = [...xml.matchAll(/<bpmn:(?!sequenceFlow|process|definitions|incoming|outgoing)\w+\s[^>]*?\bid="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set(ids)].filter((id) => !/_di$/.test(id));
}

/** A call activity's name in the model (its id when it has none). */
function elementName(xml: string, id: string): string {
  if (!id) return '—';
  const element = [...new DOMParser().parseFromString(xml, 'application/xml').getElementsByTagName('*')].find((e) => e.getAttribute('id') === id);
  return element?.getAttribute('name') || id;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

customElements.define('tereze-instance-page', InstancePage);
