import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DefinitionError } from '../../engine/index.js';
import { openHarness, type Harness } from '../support/harness.js';
import { deploy, startTestServer, type TestServer } from '../server/testServer.js';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ps="https://tereze.dev/bpmn/ps"';
const model = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="defs" targetNamespace="t"><bpmn:process id="hostile" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
const timer = (kind: 'timeDuration' | 'timeDate' | 'timeCycle', text: string, attributes = '') =>
  `<bpmn:timerEventDefinition${attributes}><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${text}</bpmn:${kind}></bpmn:timerEventDefinition>`;
/** A timer start event `tick` → a user task → the end. */
const startTimer = (kind: 'timeDuration' | 'timeDate' | 'timeCycle', text: string) =>
  model(`<bpmn:startEvent id="tick">${timer(kind, text)}</bpmn:startEvent><bpmn:sequenceFlow id="f1" sourceRef="tick" targetRef="work"/><bpmn:userTask id="work"/><bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/><bpmn:endEvent id="end"/>`);
/** A plain start → an intermediate timer `wait` → the end. */
const catchTimer = (kind: 'timeDuration' | 'timeDate' | 'timeCycle', text: string, attributes = '') =>
  model(`<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait"/><bpmn:intermediateCatchEvent id="wait">${timer(kind, text, attributes)}</bpmn:intermediateCatchEvent><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/><bpmn:endEvent id="end"/>`);
/** A plain start → a user task `review` with an SLA → the end. */
const slaTask = (sla: string) =>
  model(`<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review"/><bpmn:userTask id="review" ps:office="back" ps:candidateGroup="g"><bpmn:extensionElements><ps:sla ${sla}/></bpmn:extensionElements></bpmn:userTask><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/><bpmn:endEvent id="end"/>`);
/** A gateway whose flow `big` carries the condition. */
const condition = (text: string) =>
  model(`<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g"/><bpmn:exclusiveGateway id="g" default="other"/><bpmn:sequenceFlow id="big" sourceRef="g" targetRef="e1"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${text}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="other" sourceRef="g" targetRef="e2"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>`);

async function refusal(promise: Promise<unknown>): Promise<DefinitionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DefinitionError);
  return error as DefinitionError;
}

interface WorkerAnswer {
  readonly deployed: boolean;
  readonly deployMs?: number;
  readonly firedNow?: number;
  readonly firedAfterASecond?: number;
  readonly problems?: { elementId: string; message: string }[];
}

/** How long the deploy and two job rounds may take once the worker is up. */
const BOUND_MS = 5_000;
/** How long the worker may take to load (tsx, the engine) on a busy machine. */
const STARTUP_MS = 20_000;

/**
 * Deploys in a child process killed BOUND_MS after it is ready: a model that blocks the event
 * loop would block the test runner too (its own timeout included), so it runs where it can be
 * killed.
 */
async function deployBounded(xml: string, clockStart: string): Promise<WorkerAnswer> {
  const dir = mkdtempSync(join(tmpdir(), 'tereze-hostile-model-'));
  const file = join(dir, 'model.bpmn');
  writeFileSync(file, xml);
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'boundedDeployWorker.ts'), file, clockStart], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timedOut: string | undefined;
  const killAfter = (ms: number, why: string) =>
    setTimeout(() => {
      timedOut = why;
      child.kill('SIGKILL');
    }, ms);
  let kill = killAfter(STARTUP_MS, `the worker did not start within ${STARTUP_MS} ms`);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    if (!stdout.includes('READY') && (stdout + chunk).includes('READY')) {
      clearTimeout(kill);
      kill = killAfter(BOUND_MS, `the deploy did not answer within ${BOUND_MS} ms (the event loop is blocked)`);
    }
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  await new Promise((resolve) => child.on('exit', resolve));
  clearTimeout(kill);
  rmSync(dir, { recursive: true, force: true });
  if (timedOut) throw new Error(timedOut);
  const line = stdout.trim().split('\n').pop();
  if (!line) throw new Error(`the worker printed nothing: ${stderr}`);
  return JSON.parse(line) as WorkerAnswer;
}

describe('hostile models', () => {
  describe('timers that would block the event loop', () => {
    it('should refuse a cycle with a zero period (R/…/PT0S) at deploy within a bound, naming the element and the 1 s minimum', async () => {
      const answer = await deployBounded(startTimer('timeCycle', 'R/2026-01-01T00:00:00Z/PT0S'), '2026-03-02T04:00:00.500Z');
      expect(answer.deployed).toBe(false);
      expect(answer.problems).toEqual([expect.objectContaining({ elementId: 'tick', message: expect.stringMatching(/tick.*at least 1 s/) })]);
    });

    it('should schedule a cycle anchored in 1970 at its next occurrence after now, computed without walking the missed periods', async () => {
      const answer = await deployBounded(startTimer('timeCycle', 'R/1970-01-01T00:00:00Z/PT1S'), '2026-03-02T04:00:00.500Z');
      expect(answer).toMatchObject({ deployed: true, firedNow: 0, firedAfterASecond: 1 });
      expect(answer.deployMs).toBeLessThan(2_000);
    });
  });

  describe('timers beyond the limits', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await openHarness();
    });
    afterEach(() => h.dispose());

    const cases: Array<[string, string, string, RegExp]> = [
      ['a duration finer than a millisecond (PT0.0001S), which would round to nothing', catchTimer('timeDuration', 'PT0.0001S'), 'wait', /wait.*at least 1 ms/],
      ['a start timer duration beyond the 100-year horizon (P99999999Y)', startTimer('timeDuration', 'P99999999Y'), 'tick', /tick.*at most 100 years/],
      ['an intermediate timer beyond the horizon, which would fail every start', catchTimer('timeDuration', 'P99999999Y'), 'wait', /wait.*at most 100 years/],
      ['a cycle period beyond the horizon', startTimer('timeCycle', 'R3/P200Y'), 'tick', /tick.*at most 100 years/],
      ['a date beyond the horizon', catchTimer('timeDate', '9999-01-01T00:00:00Z'), 'wait', /wait.*within 100 years/],
      ['a cycle with more repetitions than the limit', startTimer('timeCycle', 'R99999999/PT1H'), 'tick', /tick.*at most 100000 repetitions/],
      ['a cycle with no repetition at all (R0)', startTimer('timeCycle', 'R0/PT1H'), 'tick', /tick.*at least 1 repetition/],
      ['a fraction of a month, which calendar arithmetic cannot count', catchTimer('timeDuration', 'P1.5M'), 'wait', /wait.*whole number of years and months/],
      ['a working-time timer beyond a working year of open time', catchTimer('timeDuration', 'P1Y', ' ps:calendar="agency"'), 'wait', /wait.*at most 2080 hours of working time/],
    ];
    it.each(cases)('should refuse %s with a DefinitionError naming the element and the limit', async (_name, xml, elementId, message) => {
      const error = await refusal(h.engine.deploy(xml));
      expect(error.problems).toContainEqual({ elementId, message: expect.stringMatching(message) });
    });
  });

  describe('SLA terms and FEEL beyond the limits', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await openHarness();
    });
    afterEach(() => h.dispose());

    it('should refuse an SLA over the cap of its unit (100000 workingDays) and count the largest allowed term quickly', async () => {
      const error = await refusal(h.engine.deploy(slaTask('duration="100000" unit="workingDays" calendar="agency"')));
      expect(error.problems).toContainEqual({ elementId: 'review', message: expect.stringMatching(/review.*at most 260 workingDays/) });
      await h.engine.deploy(slaTask('duration="260" unit="workingDays" calendar="agency"'));
      const began = performance.now();
      await h.engine.start('hostile');
      expect(performance.now() - began).toBeLessThan(1_000);
    });

    it('should refuse, quickly and without evaluating it, a FEEL condition iterating more values than the limit', async () => {
      const began = performance.now();
      const error = await refusal(h.engine.deploy(condition('count(for i in 1..2000000 return i) &gt; 0')));
      expect(performance.now() - began).toBeLessThan(1_500); // evaluating it takes seconds
      expect(error.problems).toContainEqual({ elementId: 'big', message: expect.stringMatching(/big does too much work: it iterates 2000000 values.*at most 10000/) });
    });

    it('should refuse a FEEL range with a computed bound, whose work nothing at deploy can count', async () => {
      const error = await refusal(h.engine.deploy(condition('count(for i in 1..n return i) &gt; 0')));
      expect(error.problems).toContainEqual({ elementId: 'big', message: expect.stringMatching(/big does too much work: the range '1\.\.n' has a computed bound/) });
    });

    it('should refuse a FEEL condition longer than the limit, naming the flow', async () => {
      const long = `amount > ${'1 + '.repeat(1_000)}1`.replaceAll('>', '&gt;');
      const error = await refusal(h.engine.deploy(condition(long)));
      expect(error.problems).toContainEqual({ elementId: 'big', message: expect.stringMatching(/big.*at most 2000 characters/) });
    });
  });

  describe('through the REST API', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server.dispose());

    it('should answer 422 naming the element and the limit for a timer beyond the horizon', async () => {
      const response = await deploy(server, catchTimer('timeDuration', 'P99999999Y'));
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ errors: [{ elementId: 'wait', message: expect.stringMatching(/at most 100 years/) }] });
    });
  });
});
