import type { Organisation } from '../../processes/demo/seedOrganisation.js';

/**
 * The smallest demo organisation: a user per role (ARCHITECTURE.md, the demo organisation
 * contract), used when processes/demo/organisation.json cannot be read.
 */
export const FALLBACK_ORGANISATION: Organisation = {
  centres: [
    {
      id: 'astana-1',
      name: 'Public Service Centre No. 1, Astana',
      city: 'Astana',
      address: '10 Kenesary Street, Astana',
      translations: {
        kk: { name: '№ 1 халыққа қызмет көрсету орталығы, Астана', city: 'Астана', address: 'Кенесары көшесі, 10, Астана' },
        ru: { name: 'Центр обслуживания населения № 1, Астана', city: 'Астана', address: 'ул. Кенесары, 10, Астана' },
      },
    },
  ],
  agencies: [{ id: 'social', name: 'Social protection', translations: { kk: { name: 'Әлеуметтік қорғау' }, ru: { name: 'Социальная защита' } } }],
  groups: [
    { id: 'centre-clerks', name: 'Front-office clerks of the centres', translations: { kk: { name: 'Орталықтардың фронт-офис операторлары' }, ru: { name: 'Операторы фронт-офиса центров' } } },
    { id: 'social-benefits', name: 'Benefits', agency: 'social', translations: { kk: { name: 'Жәрдемақылар' }, ru: { name: 'Пособия' } } },
    { id: 'social-supervisors', name: 'Benefits supervisors', agency: 'social', translations: { kk: { name: 'Жәрдемақылар супервайзерлері' }, ru: { name: 'Руководители по пособиям' } } },
  ],
  users: [
    { id: 'designer', name: 'Demo process designer', roles: ['designer'], groups: [] },
    { id: 'clerk', name: 'Demo clerk', roles: ['clerk'], groups: ['centre-clerks'], centre: 'astana-1' },
    { id: 'official', name: 'Demo official', roles: ['official'], groups: ['social-benefits'], agency: 'social' },
    { id: 'supervisor', name: 'Demo supervisor', roles: ['supervisor'], groups: ['social-supervisors'], agency: 'social' },
    { id: 'coordinator', name: 'Demo coordinator', roles: ['coordinator'], groups: [] },
    { id: 'auditor', name: 'Demo auditor', roles: ['auditor'], groups: [] },
    { id: 'operator', name: 'Demo operator', roles: ['operator'], groups: [] },
    { id: 'admin', name: 'Demo administrator', roles: ['admin'], groups: [] },
    { id: 'integration', name: 'Demo integration (agency system)', roles: ['integration'], groups: [] },
  ],
  routing: [],
};
