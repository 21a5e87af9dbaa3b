import { html, type TemplateResult } from 'lit';
import type { ApiClient, SessionUser } from '../api/ApiClient.js';
import type { MessageKey } from '../i18n/messages.js';

export type Role = 'designer' | 'clerk' | 'official' | 'supervisor' | 'coordinator' | 'auditor' | 'operator' | 'admin';

export interface PageContext {
  readonly api: ApiClient;
  readonly user: SessionUser | undefined;
  /** The hash path after the page name: `#/task/a/b` → `['a', 'b']`. */
  readonly args: readonly string[];
}

/**
 * One page of the app: its hash path, who may open it, its navigation label, and a lazy
 * import (the modeler's bpmn-js is a megabyte the clerk never needs).
 * To add a role's page (supervisor queue, coordinator routing console, dashboards): add a row
 * here and, when it is the role's landing page, an entry in HOME_BY_ROLE.
 */
export interface PageRoute {
  readonly path: string;
  readonly roles: readonly Role[] | 'public' | 'anyone';
  readonly nav?: MessageKey;
  readonly load: () => Promise<unknown>;
  readonly render: (context: PageContext) => TemplateResult;
}

export const PAGES: readonly PageRoute[] = [
  {
    path: 'register',
    roles: ['clerk'],
    nav: 'nav.register',
    load: () => import('../clerk/RegisterPage.js'),
    render: ({ api }) => html`<tereze-register-page .api=${api}></tereze-register-page>`,
  },
  {
    path: 'inbox',
    // Supervisors: the escalations of their groups ("Act on the overdue review"), theirs to act on.
    roles: ['clerk', 'official', 'supervisor'],
    nav: 'nav.inbox',
    load: () => import('../pages/InboxPage.js'),
    render: ({ api, user }) => html`<tereze-inbox-page .api=${api} .user=${user}></tereze-inbox-page>`,
  },
  {
    path: 'task',
    roles: ['clerk', 'official', 'supervisor'],
    load: () => import('../pages/TaskPage.js'),
    render: ({ api, args }) => html`<tereze-task-page .api=${api} .instanceId=${args[0] ?? ''} .taskId=${args[1] ?? ''}></tereze-task-page>`,
  },
  {
    path: 'modeler',
    roles: ['designer'],
    nav: 'nav.modeler',
    load: () => Promise.all([import('../modeler/documentStyles.js'), import('../modeler/ModelerPage.js')]),
    render: ({ api }) => html`<tereze-modeler-page .api=${api}></tereze-modeler-page>`,
  },
  {
    path: 'desk',
    roles: ['official'],
    nav: 'nav.agencyDesk',
    load: () => import('../official/AgencyDeskPage.js'),
    render: ({ api, user }) => html`<tereze-agency-desk-page .api=${api} .user=${user}></tereze-agency-desk-page>`,
  },
  {
    path: 'routing',
    roles: ['coordinator'],
    nav: 'nav.routing',
    load: () => import('../coordinator/RoutingPage.js'),
    render: ({ api }) => html`<tereze-routing-page .api=${api}></tereze-routing-page>`,
  },
  {
    path: 'calendars',
    roles: ['coordinator'],
    nav: 'nav.calendars',
    load: () => import('../coordinator/CalendarPage.js'),
    render: ({ api }) => html`<tereze-calendar-page .api=${api}></tereze-calendar-page>`,
  },
  {
    path: 'supervision',
    roles: ['supervisor'],
    nav: 'nav.supervision',
    load: () => import('../supervisor/SupervisionPage.js'),
    render: ({ api, user }) => html`<tereze-supervision-page .api=${api} .user=${user}></tereze-supervision-page>`,
  },
  {
    path: 'dashboards',
    roles: ['supervisor', 'auditor'],
    nav: 'nav.dashboards',
    load: () => import('../dashboards/DashboardsPage.js'),
    render: ({ api, user }) => html`<tereze-dashboards-page .api=${api} .user=${user}></tereze-dashboards-page>`,
  },
  {
    path: 'audit',
    roles: ['auditor'],
    nav: 'nav.audit',
    load: () => import('../audit/AuditTrailPage.js'),
    render: ({ api }) => html`<tereze-audit-trail-page .api=${api}></tereze-audit-trail-page>`,
  },
  {
    path: 'integrity',
    roles: ['auditor'],
    nav: 'nav.integrity',
    load: () => import('../integrity/IntegrityPage.js'),
    render: ({ api }) => html`<tereze-integrity-page .api=${api}></tereze-integrity-page>`,
  },
  {
    path: 'instances',
    roles: ['operator', 'supervisor'],
    nav: 'nav.instances',
    load: () => import('../operator/InstancesPage.js'),
    render: ({ api }) => html`<tereze-instances-page .api=${api}></tereze-instances-page>`,
  },
  {
    path: 'instance',
    roles: ['operator', 'supervisor'],
    // bpmn-js's styles are document-level, as for the modeler.
    load: () => Promise.all([import('../modeler/documentStyles.js'), import('../operator/InstancePage.js')]),
    render: ({ api, args }) => html`<tereze-instance-page .api=${api} .instanceId=${args[0] ?? ''}></tereze-instance-page>`,
  },
  {
    path: 'admin',
    roles: ['admin'],
    nav: 'nav.admin',
    load: () => import('../admin/AdminPage.js'),
    render: ({ api, user }) => html`<tereze-admin-page .api=${api} .user=${user}></tereze-admin-page>`,
  },
  {
    path: 'notifications',
    roles: ['operator', 'admin'],
    nav: 'nav.notifications',
    load: () => import('../notifications/NotificationsPage.js'),
    render: ({ api, user }) => html`<tereze-notifications-page .api=${api} .user=${user}></tereze-notifications-page>`,
  },
  {
    path: 'home',
    roles: 'anyone',
    load: () => import('../pages/PlaceholderHome.js'),
    render: ({ user }) => html`<tereze-placeholder-home .user=${user}></tereze-placeholder-home>`,
  },
  {
    path: 'track',
    roles: 'public',
    nav: 'nav.track',
    load: () => import('../public/TrackPage.js'),
    render: ({ api, args }) => html`<tereze-track-page .api=${api} .number=${args[0] ?? ''}></tereze-track-page>`,
  },
  {
    path: 'search',
    roles: ['clerk', 'official', 'supervisor', 'auditor'],
    nav: 'nav.search',
    load: () => import('../casefile/SearchPage.js'),
    render: ({ api }) => html`<tereze-search-page .api=${api}></tereze-search-page>`,
  },
  {
    path: 'case',
    roles: ['clerk', 'official', 'supervisor', 'auditor'],
    load: () => import('../casefile/CasePage.js'),
    render: ({ api, user, args }) => html`<tereze-case-page .api=${api} .user=${user} .instanceId=${args[0] ?? ''}></tereze-case-page>`,
  },
  {
    path: 'print',
    // Whoever may open the application (GET /api/applications/:id) may print its decision.
    roles: ['clerk', 'official', 'supervisor', 'auditor'],
    load: () => import('../print/DecisionPrintPage.js'),
    render: ({ api, args }) => html`<tereze-decision-print-page .api=${api} .instanceId=${args[0] ?? ''}></tereze-decision-print-page>`,
  },
];

/** Where a role lands after login; roles without pages yet land on the placeholder home. */
export const HOME_BY_ROLE: Partial<Record<Role, string>> = { clerk: 'register', official: 'inbox', designer: 'modeler', coordinator: 'routing', supervisor: 'supervision', auditor: 'dashboards', operator: 'instances', admin: 'admin' };

/** `undefined` user: the server has no accounts (404 on /api/session), everyone designs. */
export function rolesOf(user: SessionUser | undefined): readonly Role[] {
  return user ? ((user.roles ?? []) as Role[]) : ['designer'];
}

export function homeOf(user: SessionUser | undefined): string {
  for (const role of rolesOf(user)) {
    const home = HOME_BY_ROLE[role];
    if (home) return home;
  }
  return 'home';
}

export function mayOpen(page: PageRoute, user: SessionUser | undefined, loggedIn: boolean): boolean {
  if (page.roles === 'public') return true;
  if (!loggedIn) return false;
  if (page.roles === 'anyone') return true;
  const roles = rolesOf(user);
  return page.roles.some((role) => roles.includes(role));
}

export function parseHash(hash: string): { path: string; args: string[] } {
  const [path = '', ...args] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { path, args };
}
