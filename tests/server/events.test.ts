import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from './testServer.js';

/** The benefit process with its review drawn at random in the justice group of two officials. */
const drawn = fixture(import.meta.url, 'fixtures/benefit.bpmn')
  .replace('id="benefit"', 'id="benefit-mj"')
  .replace('TEST-BENEFIT', 'TEST-MJ')
  .replace('ps:agency="social"', 'ps:agency="mj"')
  .replace('ps:candidateGroup="social-benefits"', 'ps:candidateGroup="mj-registration"');

/** An open event stream whose text accumulates as it arrives. */
interface Stream {
  text: string;
  readonly status: number;
  readonly ended: Promise<void>;
  close(): void;
}

async function listen(server: TestServer, as: string): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/api/events`, { headers: { Authorization: `Bearer ${await server.token(as)}` }, signal: controller.signal });
  const stream: Stream = {
    text: '',
    status: response.status,
    ended: Promise.resolve(),
    close: () => controller.abort(),
  };
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  (stream as { ended: Promise<void> }).ended = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        stream.text += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted
    }
  })();
  return stream;
}

const until = async (condition: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** The task events of a stream, parsed. */
const events = (stream: Stream) =>
  stream.text
    .split('\n\n')
    .filter((block) => block.startsWith('event: task'))
    .map((block) => JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { change: string; task: { elementId: string; assignee?: string | null; instanceId: string } });

describe('GET /api/events: live inbox updates', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await deploy(server, drawn)).status).toBe(201);
  });
  afterAll(() => server.dispose());

  it("should deliver a task drawn at random to its assignee's stream and not to the other official's", async () => {
    const [first, second, clerk, supervisor] = await Promise.all([listen(server, 'official-mj'), listen(server, 'official-mj-2'), listen(server, 'clerk'), listen(server, 'supervisor-mj')]);
    expect([first.status, second.status, clerk.status]).toEqual([200, 200, 200]);
    const started = await server.api('/api/applications', { method: 'POST', json: { serviceCode: 'TEST-MJ', channel: 'centre' }, as: 'clerk' });
    const { id } = (await started.json()) as { id: string };
    // The front-office check waits in the clerks' queue: the clerk hears of it, the officials do not.
    await until(() => events(clerk).some((e) => e.task.instanceId === id && e.task.elementId === 'check'));
    const [check] = await server.engine.tasks({ instanceId: id });
    expect((await server.api(`/api/tasks/${check!.id}/complete`, { method: 'POST', json: {}, as: 'clerk' })).status).toBe(200);

    const [review] = await server.engine.tasks({ instanceId: id });
    expect(['official-mj', 'official-mj-2']).toContain(review!.assignee);
    const [assignee, other] = review!.assignee === 'official-mj' ? [first, second] : [second, first];
    await until(() => events(assignee).some((e) => e.task.elementId === 'review'));
    expect(events(assignee).find((e) => e.task.elementId === 'review')).toMatchObject({ change: 'created', task: { assignee: review!.assignee, instanceId: id } });
    // The supervisor of the agency sees it too; give the other official's stream time to (not) receive it.
    await until(() => events(supervisor).some((e) => e.task.elementId === 'review'));
    await new Promise((r) => setTimeout(r, 200));
    expect(events(other)).toEqual([]);
    expect(events(first).concat(events(second)).some((e) => e.task.elementId === 'check')).toBe(false);
    // The clerk heard the check close, and never who reviews it.
    expect(events(clerk).some((e) => e.task.elementId === 'review')).toBe(false);
    expect(clerk.text).not.toContain('official-mj');
    for (const s of [first, second, clerk, supervisor]) s.close();
  });

  it('should end the stream at logout', async () => {
    const login = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'official-mj', password: 'demo' }) });
    const { token } = (await login.json()) as { token: string };
    const response = await fetch(`${server.url}/api/events`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reading = response.text();
    expect((await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } })).status).toBe(204);
    expect(await reading).toContain(': connected as official-mj');
  });

  it('should refuse an anonymous stream', async () => {
    expect((await fetch(`${server.url}/api/events`)).status).toBe(401);
  });
});

describe('GET /api/events across servers', () => {
  it("should answer only once the store's change feed listens, so no change committed after the answer is missed", async () => {
    let opened!: () => void;
    const gate = new Promise<void>((resolve) => (opened = resolve));
    // The feed's LISTEN still on its way (another node's commit now would be missed): held by the gate.
    const server = await startTestServer({ wrap: (engine) => Object.assign(Object.create(engine) as typeof engine, { feedListening: () => gate }) });
    try {
      let answered = false;
      const response = fetch(`${server.url}/api/events`, { headers: { Authorization: `Bearer ${await server.token('clerk')}` } }).then((r) => {
        answered = true;
        return r;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(answered).toBe(false);
      opened();
      const stream = await response;
      expect(stream.status).toBe(200);
      const reader = stream.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain(': connected as clerk');
      await reader.cancel();
    } finally {
      await server.dispose();
    }
  });
});
