/**
 * bpmn-engine 25 running the benchmark's BPMN files, fully in memory, one Engine per instance
 * (bpmn-engine's unit of execution), all built from one pre-parsed source context so the XML
 * is parsed once, as Tereze parses it once at deploy.
 *
 * What bpmn-engine needs from the shared files, through its documented extension points only:
 * - service task: the standard `implementation="${environment.services.decide}"` attribute,
 *   resolved to the `decide` service given in the engine options (callback style);
 * - gateway condition: the body is FEEL (Tereze's language). bpmn-engine runs a condition that
 *   declares a `language` through its `scripts` option, so the benchmark registers a tiny FEEL
 *   "script" for `language="feel"` that evaluates the body with feelin, the same FEEL library and
 *   call Tereze uses, against the instance's variables and output. Any other language goes to
 *   bpmn-engine's own JavaScripts;
 * - user task: completed through the execution API (`getPostponed()` then `signal()`).
 * Every instance is checked: the engine's `end` callback must fire, and the expected end
 * event's counter must read taken = 1 with every other end event untaken.
 */
import { Engine, JavaScripts } from 'bpmn-engine';
import type { BpmnEngineOptions, Execution } from 'bpmn-engine';
import { evaluate } from 'feelin';
import { SCENARIO_SPECS, amountFor, decide, expectedEnd } from './fixtures.js';
import type { ScenarioName, ScenarioRunner, Verification } from './types.js';

type Callback = (error: Error | null, result?: unknown) => void;

interface ScriptScope {
  readonly environment: { readonly variables: Record<string, unknown>; readonly output: Record<string, unknown> };
}

interface FlowLike {
  readonly id: string;
  readonly type: string;
  readonly behaviour?: { readonly conditionExpression?: { readonly language?: string; readonly body?: string } };
}

interface Script {
  execute(scope: ScriptScope, next: Callback): void;
}

/** bpmn-engine's `scripts` option: FEEL conditions here, every other script to JavaScripts. */
class FeelConditions {
  readonly #feel = new Map<string, Script>();
  readonly #javascript = new JavaScripts();

  register(element: FlowLike): Script | undefined {
    const condition = element.behaviour?.conditionExpression;
    if (element.type === 'bpmn:SequenceFlow' && condition?.language?.toLowerCase() === 'feel') {
      const expression = (condition.body ?? '').trim().replace(/^=/, '').trim();
      const script: Script = {
        execute(scope, next) {
          const { variables, output } = scope.environment;
          next(null, evaluate(expression, { ...variables, ...output }).value === true);
        },
      };
      this.#feel.set(element.id, script);
      return script;
    }
    return this.#javascript.register(element) as Script | undefined;
  }

  /** Typed `Script` by bpmn-elements' IScripts, though like JavaScripts it is undefined when none. */
  getScript(language: string, element: { id: string }): Script {
    return this.#feel.get(element.id) ?? (this.#javascript.getScript(language, element) as Script);
  }
}

const services = {
  /** The `decide` service: bpmn-engine's callback convention; the result becomes process output. */
  decide(scope: ScriptScope, next: Callback): void {
    scope.environment.output.approved = decide(scope.environment.variables.amount);
    next(null);
  },
};

interface Counted {
  readonly counters: { readonly taken: number; readonly discarded: number };
}

export async function createBpmnEngineRunner(scenario: ScenarioName, xml: string): Promise<ScenarioRunner> {
  const spec = SCENARIO_SPECS[scenario];
  const scripts = new FeelConditions();
  const options: BpmnEngineOptions = { scripts, services };

  // Parse and serialise the XML once; every instance's Engine starts from that source context.
  const probe = new Engine({ ...options, name: 'probe', source: xml });
  const [definition] = await probe.getDefinitions();
  if (!definition) throw new Error('bpmn-engine found no definition in the file');
  const sourceContext = definition.context.definitionContext;

  const ends: Record<string, number> = {};
  let completed = 0;

  return {
    async runOne(i) {
      const engine = new Engine({ ...options, name: `bench-${i}`, sourceContext });
      let settle: Callback = () => undefined;
      const ended = new Promise<Execution>((resolve, reject) => {
        settle = (error, execution) => (error ? reject(error) : resolve(execution as Execution));
      });
      // Observed below; this keeps an error raised before that from going unhandled.
      ended.catch(() => undefined);
      const execution = await engine.execute({ variables: { amount: amountFor(i) } }, settle);
      if (spec.userTask) {
        const task = execution.getPostponed().find((api) => api.id === spec.userTask);
        if (!task) throw new Error(`instance ${i}: user task ${spec.userTask} is not waiting`);
        task.signal({ by: 'bench' });
      }
      const done = await ended;
      const expected = expectedEnd(scenario, i);
      for (const end of spec.endEvents) {
        const taken = done.getActivityById<Counted>(end).counters.taken;
        if (taken !== (end === expected ? 1 : 0)) {
          throw new Error(`instance ${i}: end event ${end} taken ${taken} times, expected the run to end at ${expected}`);
        }
      }
      ends[expected] = (ends[expected] ?? 0) + 1;
      completed += 1;
    },
    // Checked instance by instance inside runOne; an instance that fails throws there.
    async verify(): Promise<Verification> {
      return { completed, ends: { ...ends }, failures: [] };
    },
    async close() {
      await probe.stop();
    },
  };
}
