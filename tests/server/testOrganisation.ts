import type { Organisation } from '../../processes/demo/seedOrganisation.js';
import { FALLBACK_ORGANISATION } from '../../server/demo/fallbackOrganisation.js';

/**
 * The six role users of the demo contract (clerk at astana-1 in centre-clerks; official and
 * supervisor of the agency `social`; auditor of the whole organisation), plus people outside
 * their scopes: another centre's clerk, another agency's official, supervisor and auditor.
 */
export const TEST_ORGANISATION: Organisation = {
  ...FALLBACK_ORGANISATION,
  users: [
    ...FALLBACK_ORGANISATION.users,
    { id: 'clerk-almaty', name: 'Almaty clerk', roles: ['clerk'], groups: ['almaty-clerks'], centre: 'almaty-1' },
    { id: 'official-mj', name: 'Justice official', roles: ['official'], groups: ['mj-registration'], agency: 'mj' },
    { id: 'official-mj-2', name: 'Second justice official', roles: ['official'], groups: ['mj-registration'], agency: 'mj' },
    { id: 'supervisor-mj', name: 'Justice supervisor', roles: ['supervisor'], groups: ['mj-supervisors'], agency: 'mj' },
    { id: 'operator-2', name: 'Second operator', roles: ['operator'], groups: [] },
    { id: 'auditor-mj', name: 'Justice auditor', roles: ['auditor'], groups: [], agency: 'mj' },
    // An agency's own system: it tells only the applications of that agency's processes.
    { id: 'integration-mj', name: 'Justice registry (system)', roles: ['integration'], groups: [], agency: 'mj' },
    { id: 'integration-social', name: 'Social registry (system)', roles: ['integration'], groups: [], agency: 'social' },
  ],
};
