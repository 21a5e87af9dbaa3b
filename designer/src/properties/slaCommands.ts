/** The SLA fields of `<ps:sla>` (ARCHITECTURE.md, the `ps` contract). */
export const SLA_FIELDS = ['duration', 'unit', 'calendar', 'warnAt'] as const;
export type SlaField = (typeof SLA_FIELDS)[number];

/** A moddle element, as far as the designer touches one. */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  $instanceOf(type: string): boolean;
  get(name: string): any;
  [key: string]: any;
}

interface CommandStack {
  execute(command: string, context: unknown): void;
}
interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

export function findSla(target: ModdleElement): ModdleElement | undefined {
  const values: ModdleElement[] = target.get('extensionElements')?.get('values') ?? [];
  return values.find((value) => value.$instanceOf('ps:Sla'));
}

/**
 * Sets one SLA field as a single undoable command: creates `bpmn:extensionElements` and
 * `<ps:sla>` when missing, and removes the `<ps:sla>` again once its last field is cleared.
 */
export function updateSla(
  services: { commandStack: CommandStack; bpmnFactory: BpmnFactory },
  element: unknown,
  target: ModdleElement,
  field: SlaField,
  value: string | undefined,
): void {
  const { commandStack, bpmnFactory } = services;
  const cleared = value === undefined || value === '';
  const commands: { cmd: string; context: Record<string, unknown> }[] = [];
  const update = (moddleElement: ModdleElement, properties: Record<string, unknown>) =>
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } });

  const sla = findSla(target);
  if (sla) {
    const othersEmpty = SLA_FIELDS.every((name) => name === field || !sla.get(name));
    if (cleared && othersEmpty) {
      const extensionElements = target.get('extensionElements') as ModdleElement;
      update(extensionElements, { values: (extensionElements.get('values') as ModdleElement[]).filter((v) => v !== sla) });
    } else {
      update(sla, { [field]: cleared ? undefined : value });
    }
  } else {
    if (cleared) return;
    let extensionElements = target.get('extensionElements') as ModdleElement | undefined;
    if (!extensionElements) {
      extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      extensionElements.$parent = target;
      update(target, { extensionElements });
    }
    const created = bpmnFactory.create('ps:Sla', { [field]: value });
    created.$parent = extensionElements;
    update(extensionElements, { values: [...(extensionElements.get('values') as ModdleElement[]), created] });
  }
  commandStack.execute('properties-panel.multi-command-executor', commands);
}
