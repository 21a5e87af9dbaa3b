import { CheckboxEntry, SelectEntry, TextFieldEntry, isCheckboxEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { jsx } from '@bpmn-io/properties-panel/preact/jsx-runtime';
import { useService } from 'bpmn-js-properties-panel';
import { t } from '../i18n/i18n.js';
import type { CandidateGroups } from './candidateGroups.js';
import { fieldCount, findForm, readFormSchema, updateForm } from './formCommands.js';
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

/**
 * `ps:candidateGroup` as a select of the server's groups ("id — N members, agency"). Free text
 * while the list loads or when it could not load; a group the server does not know stays in
 * the model, offered as "unknown group". Edits are `element.updateModdleProperties` commands.
 */
export function candidateGroupEntry(element: unknown, target: ModdleElement, spec: EntrySpec): PanelEntry {
  return { id: spec.id, element, target, property: 'candidateGroup', spec, component: CandidateGroupEntry, isEdited: isSelectEntryEdited };
}

/**
 * A sequence flow's condition, FEEL in a `bpmn:FormalExpression` (a leading `=` optional): what
 * an exclusive or inclusive gateway, or an activity with conditional flows, chooses by. Cleared,
 * the flow has no condition.
 */
export function conditionEntry(element: unknown, target: ModdleElement, spec: EntrySpec): PanelEntry {
  return { id: spec.id, element, target, property: 'conditionExpression', spec, component: ConditionEntry, isEdited: isTextFieldEntryEdited };
}

function ConditionEntry({ element, target, spec }: EntryProps) {
  const modeling = useService('modeling');
  const bpmnFactory = useService('bpmnFactory');
  const debounce = useService('debounceInput');
  const read = () => ((target.get('conditionExpression') as ModdleElement | undefined)?.get('body') as string | undefined) ?? '';
  const write = (value: string | undefined) => {
    const body = blankToUndefined(value);
    modeling.updateProperties(element, { conditionExpression: body === undefined ? undefined : bpmnFactory.create('bpmn:FormalExpression', { body }) });
  };
  return jsx(TextFieldEntry, { id: spec.id, element, label: spec.label, description: spec.description, debounce, getValue: read, setValue: write });
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

function CandidateGroupEntry({ element, target, property, spec }: EntryProps) {
  const modeling = useService('modeling');
  const groups = useService<CandidateGroups>('candidateGroups');
  const debounce = useService('debounceInput');
  const read = () => (target.get(property) as string | undefined) ?? '';
  // The panel's text field hands over `undefined` when it is cleared, a string otherwise.
  const write = (value: string | undefined) => modeling.updateModdleProperties(element, target, { [property]: blankToUndefined(value) });
  const current = read();
  // `=…` is FEEL giving the group per token (a multi-instance inner instance's scope): typed, not picked.
  if (groups.state !== 'loaded' || current.startsWith('=')) {
    const description = current.startsWith('=')
      ? t('modeler.groupExpressionHint')
      : groups.state === 'failed'
        ? t('modeler.groupListFailed')
        : t('modeler.groupListLoading');
    return jsx(TextFieldEntry, { id: spec.id, element, label: spec.label, description, debounce, getValue: read, setValue: write });
  }
  const unknown = current !== '' && !groups.find(current);
  const options = [
    { value: '', label: t('modeler.groupPick') },
    ...groups.groups.map((g) => ({
      value: g.id,
      label: t('modeler.groupOption', { id: g.id, members: g.members, agency: [...g.agencies, ...g.centres].join(', ') || '—' }),
    })),
    ...(unknown ? [{ value: current, label: t('modeler.groupUnknownOption', { id: current }) }] : []),
    { value: '=', label: t('modeler.groupExpressionOption') },
  ];
  return jsx(SelectEntry, {
    id: spec.id,
    element,
    label: spec.label,
    description: unknown ? t('modeler.groupUnknown', { id: current }) : spec.description,
    getValue: read,
    setValue: write,
    getOptions: () => options,
  });
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
  switch (spec.kind) {
    case 'text':
      return jsx(TextFieldEntry, { ...common, debounce, getValue: () => read() ?? '', setValue: (v: string | undefined) => write(blankToUndefined(v)) });
    case 'select':
      return jsx(SelectEntry, {
        ...common,
        getValue: () => read() ?? '',
        setValue: (v: string | undefined) => write(blankToUndefined(v)),
        getOptions: () => [{ value: '', label: t('ps.notSet') }, ...(spec.options ?? []).map(([value, label]) => ({ value, label }))],
      });
    case 'checkbox':
      return jsx(CheckboxEntry, { ...common, getValue: () => read() === 'true', setValue: (v: boolean) => write(v ? 'true' : undefined) });
  }
}

/** A field's new value as the model stores it: trimmed, and no attribute at all when blank (a cleared field sends `undefined`). */
export function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The "Form" group's entry: what the task's form holds and a button that opens the form editor
 * (lazily loaded, designer/src/forms/FormEditorDialog.ts) on it; the edited schema is written
 * into `<ps:form>` as one undoable command.
 */
export function formEntry(element: unknown, target: ModdleElement): PanelEntry {
  return { id: 'ps-form', element, target, component: FormEntry, isEdited: () => Boolean(findForm(target)) };
}

function FormEntry({ element, target }: EntryProps) {
  const commandStack = useService('commandStack');
  const bpmnFactory = useService('bpmnFactory');
  const schema = readFormSchema(target);
  const open = async () => {
    const { FormEditorDialog } = await import('../forms/FormEditorDialog.js');
    const dialog = new FormEditorDialog();
    dialog.taskName = (target.get('name') as string | undefined) ?? (target.get('id') as string);
    dialog.schema = readFormSchema(target);
    dialog.onApply = (edited) => updateForm({ commandStack, bpmnFactory }, element, target, edited);
    dialog.onRemove = () => updateForm({ commandStack, bpmnFactory }, element, target, undefined);
    document.body.append(dialog);
  };
  return jsx('div', {
    class: 'bio-properties-panel-entry',
    'data-entry-id': 'ps-form',
    children: [
      jsx('p', { class: 'bio-properties-panel-description', children: findForm(target) ? t('formEditor.summary', { count: fieldCount(schema) }) : t('formEditor.none') }),
      jsx('button', { type: 'button', class: 'tereze-edit-form', onClick: () => void open(), children: t('formEditor.edit') }),
    ],
  });
}
