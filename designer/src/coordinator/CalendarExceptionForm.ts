import { html } from 'lit';
import { LocalizedElement, t } from '../i18n/i18n.js';
import { formStyles } from '../shared/formStyles.js';

export type ExceptionChoice = 'oneOff' | 'workedDay' | 'dayOff';

export interface CalendarException {
  readonly kind: ExceptionChoice;
  readonly date: string;
  readonly name: string;
  readonly reason: string;
}

/** Add a one-off day off or a transfer (a day off worked, a working day off), with a reason. Emits `add-exception`. */
export class CalendarExceptionForm extends LocalizedElement {
  static override properties = { busy: { type: Boolean }, errors: { state: true } };
  declare busy: boolean;
  declare errors: Partial<Record<'date' | 'name' | 'reason', string>>;
  static override styles = formStyles;

  constructor() {
    super();
    this.busy = false;
    this.errors = {};
  }

  override render() {
    return html`<form @submit=${this.submit} novalidate aria-labelledby="exception-title">
      <h3 id="exception-title">${t('calendar.add')}</h3>
      <fieldset>
        <legend>${t('calendar.kind')}</legend>
        ${(['oneOff', 'workedDay', 'dayOff'] as const).map((kind, i) => html`<label class="choice"><input type="radio" name="kind" value=${kind} ?checked=${i === 0} />${t(`calendar.kind.${kind}`)}</label>`)}
      </fieldset>
      <div class="field">
        <label for="exception-date">${t('common.date')}</label>
        <input id="exception-date" name="date" type="date" required aria-invalid=${this.errors.date ? 'true' : 'false'} aria-describedby="exception-date-error" />
        <span id="exception-date-error" class="error">${this.errors.date ?? ''}</span>
      </div>
      <div class="field">
        <label for="exception-name">${t('calendar.name')}</label>
        <input id="exception-name" name="name" maxlength="200" aria-invalid=${this.errors.name ? 'true' : 'false'} aria-describedby="exception-name-error" />
        <span id="exception-name-error" class="error">${this.errors.name ?? ''}</span>
      </div>
      <div class="field">
        <label for="exception-reason">${t('calendar.changeReason')}</label>
        <textarea id="exception-reason" name="reason" rows="2" maxlength="500" required aria-invalid=${this.errors.reason ? 'true' : 'false'} aria-describedby="exception-reason-error"></textarea>
        <span id="exception-reason-error" class="error">${this.errors.reason ?? ''}</span>
      </div>
      <div><button type="submit" ?disabled=${this.busy}>${t('calendar.addSubmit')}</button></div>
    </form>`;
  }

  /** Clears the form after the page saved the change. */
  reset() {
    this.renderRoot.querySelector('form')?.reset();
    this.errors = {};
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const kind = String(data.get('kind')) as ExceptionChoice;
    const date = String(data.get('date') ?? '');
    const name = String(data.get('name') ?? '').trim();
    const reason = String(data.get('reason') ?? '').trim();
    this.errors = {
      date: date ? undefined : t('calendar.dateRequired'),
      name: kind === 'oneOff' && !name ? t('calendar.nameRequired') : undefined,
      reason: reason ? undefined : t('calendar.reasonRequired'),
    };
    const first = (['date', 'name', 'reason'] as const).find((f) => this.errors[f]);
    if (first) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#exception-${first}`)?.focus());
      return;
    }
    this.dispatchEvent(new CustomEvent<CalendarException>('add-exception', { detail: { kind, date, name, reason } }));
  }
}

customElements.define('tereze-calendar-exception-form', CalendarExceptionForm);
