import type { ModdleElement } from './slaCommands.js';

interface CommandStack {
  execute(command: string, context: unknown): void;
}
interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

/** A user task's `<ps:form>`, if it has one. */
export function findForm(target: ModdleElement): ModdleElement | undefined {
  const values: ModdleElement[] = target.get('extensionElements')?.get('values') ?? [];
  return values.find((value) => value.$instanceOf('ps:Form'));
}

/** The schema in a task's `<ps:form>`, or undefined when it has none or its JSON does not parse. */
export function readFormSchema(target: ModdleElement): Record<string, unknown> | undefined {
  const body = findForm(target)?.get('body') as string | undefined;
  if (!body?.trim()) return undefined;
  try {
    const schema = JSON.parse(body) as unknown;
    return typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? (schema as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a task's form (a form-js schema) into `<ps:form>` as one undoable command (the
 * properties panel's multi-command executor, as for the SLA): creates `bpmn:extensionElements`
 * and `<ps:form>` when missing; `undefined` removes the `<ps:form>`.
 */
export function updateForm(services: { commandStack: CommandStack; bpmnFactory: BpmnFactory }, element: unknown, target: ModdleElement, schema: Record<string, unknown> | undefined): void {
  const { commandStack, bpmnFactory } = services;
  const commands: { cmd: string; context: Record<string, unknown> }[] = [];
  const update = (moddleElement: ModdleElement, properties: Record<string, unknown>) => commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } });
  const body = schema === undefined ? undefined : JSON.stringify(schema);
  const form = findForm(target);
  if (form) {
    const extensionElements = target.get('extensionElements') as ModdleElement;
    if (body === undefined) update(extensionElements, { values: (extensionElements.get('values') as ModdleElement[]).filter((v) => v !== form) });
    else update(form, { body });
  } else {
    if (body === undefined) return;
    let extensionElements = target.get('extensionElements') as ModdleElement | undefined;
    if (!extensionElements) {
      extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      extensionElements.$parent = target;
      update(target, { extensionElements });
    }
    const created = bpmnFactory.create('ps:Form', { body });
    created.$parent = extensionElements;
    update(extensionElements, { values: [...(extensionElements.get('values') as ModdleElement[]), created] });
  }
  commandStack.execute('properties-panel.multi-command-executor', commands);
}

/** The input fields of a schema (components with a key, groups searched), for the panel's summary. */
export function fieldCount(schema: Record<string, unknown> | undefined): number {
  const count = (components: unknown): number =>
    Array.isArray(components) ? components.reduce<number>((n, c: Record<string, unknown>) => n + (typeof c?.key === 'string' ? 1 : 0) + count(c?.components), 0) : 0;
  return schema ? count(schema.components) : 0;
}
