import { CheckboxEntry, SelectEntry, TextFieldEntry, isCheckboxEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { jsx } from '@bpmn-io/properties-panel/preact/jsx-runtime';
import { useService } from 'bpmn-js-properties-panel';
import { findSla, updateSla, type ModdleElement, type SlaField } from './slaCommands.js';

/** One row of the panel: which attribute of which moddle element, shown how. */
export interface EntrySpec {
  readonly id: string;
  readonly label: string;
  readonly kind: 'text' | 'select' | 'checkbox';
  readonly options?: readonly (readonly [value: string, label: string])[];
  readonly description?: string;
}

export interface PanelEntry {
  id: string;
  element: unknown;
  component: (props: EntryProps) => unknown;
  isEdited: (node: unknown) => boolean;
  [key: string]: unknown;
}

interface EntryProps {
  readonly id: string;
  readonly element: unknown;
  readonly target: ModdleElement;
  readonly property: string;
  readonly spec: EntrySpec;
}

const EDITED = { text: isTextFieldEntryEdited, select: isSelectEntryEdited, checkbox: isCheckboxEntryEdited } as const;

/** An entry for a `ps:` attribute of `target` (the element's business object, a process, a timer). */
export function attributeEntry(element: unknown, target: ModdleElement, property: string, spec: EntrySpec): PanelEntry {
  return { id: spec.id, element, target, property, spec, component: AttributeEntry, isEdited: EDITED[spec.kind] };
}

/** An entry for one field of the `<ps:sla>` extension element of `target`. */
export function slaEntry(element: unknown, target: ModdleElement, field: SlaField, spec: EntrySpec): PanelEntry {
  return { id: spec.id, element, target, property: field, spec, component: SlaEntry, isEdited: EDITED[spec.kind] };
}

function AttributeEntry({ element, target, property, spec }: EntryProps) {
  const modeling = useService('modeling');
  const read = () => target.get(property) as string | undefined;
  const write = (value: string | undefined) => modeling.updateModdleProperties(element, target, { [property]: value });
  return render(spec, element, read, write);
}

function SlaEntry({ element, target, property, spec }: EntryProps) {
  const commandStack = useService('commandStack');
  const bpmnFactory = useService('bpmnFactory');
  const read = () => findSla(target)?.get(property) as string | undefined;
  const write = (value: string | undefined) => updateSla({ commandStack, bpmnFactory }, element, target, property as SlaField, value);
  return render(spec, element, read, write);
}

function render(spec: EntrySpec, element: unknown, read: () => string | undefined, write: (value: string | undefined) => void) {
  const debounce = useService('debounceInput');
  const common = { id: spec.id, element, label: spec.label, description: spec.description };
  const orUnset = (value: string) => (value === '' ? undefined : value);
  switch (spec.kind) {
    case 'text':
      return jsx(TextFieldEntry, { ...common, debounce, getValue: () => read() ?? '', setValue: (v: string) => write(orUnset(v.trim())) });
    case 'select':
      return jsx(SelectEntry, {
        ...common,
        getValue: () => read() ?? '',
        setValue: (v: string) => write(orUnset(v)),
        getOptions: () => [{ value: '', label: '(not set)' }, ...(spec.options ?? []).map(([value, label]) => ({ value, label }))],
      });
    case 'checkbox':
      return jsx(CheckboxEntry, { ...common, getValue: () => read() === 'true', setValue: (v: boolean) => write(v ? 'true' : undefined) });
  }
}
