import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../support/harness.js';
import { TEST_ORGANISATION } from '../testOrganisation.js';
import { deploy, startTestServer, type TestServer } from '../testServer.js';

const twoReviews = fixture(import.meta.url, 'two-reviews.bpmn');

interface Found {
  id: string;
  trackingNumber: string;
  startedAt: string;
  applicant?: { iin?: string; name?: string };
}

/** More applications than the old search read tasks per source (1000), and than ten pages of the index. */
const OTHERS = 1100;

describe('the applicant search at volume: the store index, within scope', () => {
  let server: TestServer;
  const iin = '880808300555';
  let mine: { id: string; trackingNumber: string };
  let almatys: { id: string; trackingNumber: string };

  beforeAll(async () => {
    server = await startTestServer({ organisation: TEST_ORGANISATION });
    expect((await deploy(server, twoReviews)).status).toBe(201);
    // The oldest: taken in by the demo clerk at astana-1, past the counter.
    const response = await server.api('/api/applications', { method: 'POST', as: 'clerk', json: { serviceCode: 'TEST-CASEFILE', channel: 'centre', applicant: { name: 'Zhanar Bekova', iin } } });
    expect(response.status).toBe(201);
    mine = (await response.json()) as { id: string; trackingNumber: string };
    const [check] = await server.engine.tasks({ instanceId: mine.id });
    await server.engine.completeTask(check!.id, { by: 'clerk' });
    // The same person at the Almaty centre, then many namesakes there, all newer.
    almatys = await server.engine.start('casefile_benefit', { channel: 'centre', centre: 'almaty-1', by: 'clerk-almaty', applicant: { name: 'Zhanar Bekova', iin } });
    for (let n = 0; n < OTHERS; n += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, OTHERS - n) }, (_, k) =>
          server.engine.start('casefile_benefit', { channel: 'centre', centre: 'almaty-1', by: 'clerk-almaty', applicant: { name: `Bekova Zhanar ${n + k}`, iin: String(700000000000 + n + k) } }),
        ),
      );
    }
  }, 120_000);
  afterAll(() => server.dispose());

  const search = async (query: string, as: string): Promise<{ status: number; body: Found[] }> => {
    const response = await server.api(`/api/applications?${query}`, { as });
    return { status: response.status, body: (await response.json()) as Found[] };
  };

  it("should find the applicant's application by IIN among more than a thousand others, for the clerk of its centre only", async () => {
    expect((await search(`iin=${iin}`, 'clerk')).body.map((a) => a.trackingNumber)).toEqual([mine.trackingNumber]);
    expect((await search(`iin=${iin}`, 'clerk-almaty')).body.map((a) => a.trackingNumber)).toEqual([almatys.trackingNumber]);
    expect((await search(`iin=${iin}`, 'official')).body.map((a) => a.trackingNumber)).toEqual([mine.trackingNumber]);
  });

  it('should answer a clerk of another centre and an official of another agency as for an IIN nobody has', async () => {
    const nobody = await search('iin=111111111111', 'official-mj');
    expect(nobody).toEqual({ status: 200, body: [] });
    expect(await search(`iin=${iin}`, 'official-mj')).toEqual(nobody);
    // a namesake's IIN taken in at Almaty, asked at astana-1
    expect(await search('iin=700000000007', 'clerk')).toEqual(nobody);
  });

  it('should find by the start of a word of the name past every namesake outside the scope (more than ten pages of the index), newest first', async () => {
    // 1,101 newer Bekovas at Almaty: the astana clerk's one is the oldest match
    const { body } = await search('name=BEKOVA', 'clerk');
    expect(body.map((a) => a.trackingNumber)).toEqual([mine.trackingNumber]);
    expect((await search('name=zhanar%20bek', 'clerk')).body.map((a) => a.trackingNumber)).toEqual([mine.trackingNumber]);
    expect((await search('name=bekova', 'official-mj')).body).toEqual([]);
    // the Almaty clerk's page: their newest five namesakes, newest first
    const almaty = (await search('name=bekova&limit=5', 'clerk-almaty')).body;
    expect(almaty).toHaveLength(5);
    expect(almaty.every((a) => a.applicant?.name?.startsWith('Bekova Zhanar '))).toBe(true);
    const started = almaty.map((a) => a.startedAt);
    expect(started).toEqual([...started].sort().reverse());
  }, 60_000);
});
