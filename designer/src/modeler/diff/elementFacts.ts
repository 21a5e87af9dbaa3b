/**
 * What a version diff compares of each BPMN element, read from a moddle tree (the modeler's
 * `getDefinitions()`, or `moddle.fromXML` of another version): its type, its name, its `ps:*`
 * attributes and extension elements, and for a sequence flow where it runs and on what
 * condition. Layout (DI) is left out on purpose: moving a shape is not a change of the process.
 */
export interface ElementFacts {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  /** `ps:*` facts by name (`ps:candidateGroup`, `ps:sla`, `timer ps:calendar`…), as comparable strings. */
  readonly ps: Readonly<Record<string, string>>;
  /** Sequence flows: `source → target`, and the condition's text when there is one. */
  readonly flow?: string;
}

/** The few moddle members read here (bpmn-moddle's objects have many more). */
export interface ModdleNode {
  readonly $type: string;
  readonly $descriptor?: { readonly properties?: readonly { readonly name: string; readonly ns?: { readonly prefix?: string } }[] };
  readonly $attrs?: Readonly<Record<string, unknown>>;
  readonly id?: string;
  readonly name?: string;
  get?(name: string): unknown;
  readonly [key: string]: unknown;
}

const PS = 'ps';

function psAttributes(node: ModdleNode, prefix = ''): Record<string, string> {
  const facts: Record<string, string> = {};
  for (const property of node.$descriptor?.properties ?? []) {
    if (property.ns?.prefix !== PS) continue;
    const value = node[property.name];
    if (value !== undefined && value !== null && value !== '') facts[`${prefix}ps:${property.name}`] = String(value);
  }
  for (const [name, value] of Object.entries(node.$attrs ?? {})) if (name.startsWith(`${PS}:`)) facts[`${prefix}${name}`] = String(value);
  return facts;
}

function extensionFacts(node: ModdleNode): Record<string, string> {
  const facts: Record<string, string> = {};
  const extensions = node['extensionElements'] as ModdleNode | undefined;
  const values = (extensions?.['values'] as ModdleNode[] | undefined) ?? [];
  for (const value of values) {
    if (!value.$type.startsWith(`${PS}:`)) continue;
    const fields = Object.entries(psAttributes(value)).map(([name, v]) => `${name.slice(PS.length + 1)}=${v}`);
    facts[value.$type.replace(/^ps:(\w)/, (_, c: string) => `ps:${c.toLowerCase()}`)] = fields.sort().join(' ');
  }
  return facts;
}

function eventDefinitionFacts(node: ModdleNode): Record<string, string> {
  const facts: Record<string, string> = {};
  for (const definition of (node['eventDefinitions'] as ModdleNode[] | undefined) ?? []) {
    const kind = definition.$type.replace(/^bpmn:/, '').replace(/EventDefinition$/, '').toLowerCase();
    facts[kind] = ['timeDuration', 'timeDate', 'timeCycle']
      .map((field) => (definition[field] as ModdleNode | undefined)?.['body'])
      .filter((body) => body !== undefined)
      .join(' ');
    Object.assign(facts, psAttributes(definition, `${kind} `));
  }
  return facts;
}

function flowOf(node: ModdleNode): string | undefined {
  if (node.$type !== 'bpmn:SequenceFlow') return undefined;
  const source = (node['sourceRef'] as ModdleNode | undefined)?.id ?? '?';
  const target = (node['targetRef'] as ModdleNode | undefined)?.id ?? '?';
  const condition = (node['conditionExpression'] as ModdleNode | undefined)?.['body'];
  return condition === undefined ? `${source} → ${target}` : `${source} → ${target} [${String(condition)}]`;
}

function factsOf(node: ModdleNode): ElementFacts {
  const flow = flowOf(node);
  return {
    id: node.id ?? '',
    type: node.$type,
    name: node.name ?? '',
    ps: { ...psAttributes(node), ...extensionFacts(node), ...eventDefinitionFacts(node) },
    ...(flow ? { flow } : {}),
  };
}

/** Every process, and every element inside one (sub-processes too), by id. */
export function elementFacts(definitions: ModdleNode): Map<string, ElementFacts> {
  const facts = new Map<string, ElementFacts>();
  const visit = (node: ModdleNode) => {
    if (node.id) facts.set(node.id, factsOf(node));
    for (const child of (node['flowElements'] as ModdleNode[] | undefined) ?? []) visit(child);
  };
  for (const root of (definitions['rootElements'] as ModdleNode[] | undefined) ?? []) if (root.$type === 'bpmn:Process') visit(root);
  return facts;
}
