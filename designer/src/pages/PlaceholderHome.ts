import { html } from 'lit';
import type { SessionUser } from '../api/ApiClient.js';
import { LocalizedElement, t, tMaybe } from '../i18n/i18n.js';
import { KAZAKH_WELCOME } from '../i18n/messages.js';
import { formStyles } from '../shared/formStyles.js';

/** The home of roles whose pages are not built yet (supervisor, coordinator, auditor). */
export class PlaceholderHome extends LocalizedElement {
  static override properties = { user: { attribute: false } };
  declare user: SessionUser | undefined;
  static override styles = formStyles;

  override render() {
    const roles = this.user?.roles ?? [];
    const coming = (['supervisor', 'coordinator', 'auditor'] as const).filter((role) => roles.includes(role));
    return html`
      <p lang="kk"><strong>${KAZAKH_WELCOME}</strong></p>
      <h2>${t('home.placeholder.title')}</h2>
      <p>${t('home.placeholder.intro', { name: this.user?.name ?? this.user?.id ?? '', roles: roles.map((role) => tMaybe(`admin.role.${role}`, role)).join(', ') })}</p>
      <ul>
        ${(coming.length ? coming : (['supervisor', 'coordinator', 'auditor'] as const)).map((role) => html`<li>${t(`home.placeholder.${role}`)}</li>`)}
      </ul>
      <p><a href="#/track">${t('nav.track')}</a></p>
    `;
  }
}

customElements.define('tereze-placeholder-home', PlaceholderHome);
