import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrganisation, seedOrganisation } from '../../processes/demo/seedOrganisation.js';
import { loadCatalogue } from '../../processes/standard.js';
import { openHarness, type Harness } from '../support/harness.js';

describe('the demo organisation', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
  });
  afterEach(() => h.dispose());
  const org = loadOrganisation();

  it('should hold the demo logins, two centres, five agencies or more and about forty officials', () => {
    const ids = new Set(org.users.map((u) => u.id));
    for (const login of ['designer', 'clerk', 'official', 'supervisor', 'coordinator', 'auditor']) expect(ids.has(login), login).toBe(true);
    expect(org.centres.map((c) => c.city).sort()).toEqual(['Almaty', 'Astana']);
    expect(org.agencies.length).toBeGreaterThanOrEqual(5);
    expect(org.users.filter((u) => u.roles.includes('official')).length).toBeGreaterThanOrEqual(40);
    expect(ids.size).toBe(org.users.length);
  });

  it('should give every candidate group of the catalogue members, and every service a routing policy', () => {
    const catalogue = loadCatalogue();
    // A group written as FEEL (`="akimat-" + department`) is checked by its service's scenario (LAND-USE-CHANGE.test.ts).
    const groups = new Set(catalogue.flatMap((c) => [...c.xml.matchAll(/ps:candidateGroup="([^"=][^"]*)"/g)].map((m) => m[1]!)));
    for (const group of groups) expect(org.users.some((u) => u.groups.includes(group)), group).toBe(true);
    expect(org.routing.map((r) => r.serviceCode).sort()).toEqual(catalogue.map((c) => c.code).sort());
    expect(new Set(org.routing.map((r) => r.mode))).toEqual(new Set(['single', 'alternative']));
  });

  it('should seed once: a second run changes nothing', async () => {
    const first = await seedOrganisation(h.engine, org);
    expect(first).toMatchObject({ usersAdded: org.users.length, routingSet: org.routing.length });
    const auditBefore = (await h.engine.audit({ limit: 10_000 })).length;
    const second = await seedOrganisation(h.engine, org);
    expect(second).toEqual({ usersAdded: 0, usersUpdated: 0, usersUnchanged: org.users.length, routingSet: 0, routingUnchanged: org.routing.length, unitsAdded: 0 });
    expect((await h.engine.audit({ limit: 10_000 })).length).toBe(auditBefore);
  });

  describe('in Kazakh and Russian', () => {
    const KAZAKH = /[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/;
    const CYRILLIC = /^[^A-Za-z]*$/;
    const units = [...org.centres.map((u) => ['centre', u] as const), ...org.agencies.map((u) => ['agency', u] as const), ...org.groups.map((u) => ['group', u] as const)];

    it('should name every centre, agency and group in kk and ru, in their own letters', () => {
      for (const [kind, unit] of units) {
        const where = `${kind} ${unit.id}`;
        const kk = unit.translations?.kk?.name;
        const ru = unit.translations?.ru?.name;
        expect(kk, where).toBeTruthy();
        expect(ru, where).toBeTruthy();
        // Kazakh is not Russian: a Kazakh name has Kazakh letters, and no name keeps English words.
        expect(kk, where).toMatch(KAZAKH);
        expect(kk, where).not.toBe(ru);
        expect(kk, where).toMatch(CYRILLIC);
        expect(ru, where).toMatch(CYRILLIC);
      }
    });

    it("should give every centre's city and address in kk and ru", () => {
      for (const centre of org.centres) {
        for (const lang of ['kk', 'ru'] as const) {
          expect(centre.translations?.[lang]?.city, `${centre.id} ${lang}`).toMatch(CYRILLIC);
          if (centre.address) expect(centre.translations?.[lang]?.address, `${centre.id} ${lang}`).toMatch(CYRILLIC);
        }
      }
    });

    it('should put the translations in the directory, where every screen reads them', async () => {
      await seedOrganisation(h.engine, org);
      const astana = await h.engine.directory.findUnit('centre', 'astana-1');
      expect(astana?.name).toBe('Public Service Centre No. 1, Astana');
      expect(astana?.translations?.kk).toEqual({ name: '№ 1 халыққа қызмет көрсету орталығы, Астана', city: 'Астана', address: 'Кенесары көшесі, 10, Астана' });
      expect((await h.engine.directory.findUnit('agency', 'social'))?.translations?.ru?.name).toBe('Управление занятости и социальной защиты');
    });

    it('should read a unit recorded before translations existed as it was', async () => {
      await h.engine.directory.putUnit('group', { id: 'old-group', name: 'Old group' });
      expect(await h.engine.directory.findUnit('group', 'old-group')).toEqual({ id: 'old-group', name: 'Old group' });
    });
  });
});
