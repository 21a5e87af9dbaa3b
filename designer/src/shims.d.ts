// The properties panel packages ship no type declarations; these name what the designer uses.
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: import('didi').ModuleDeclaration;
  export const BpmnPropertiesProviderModule: import('didi').ModuleDeclaration;
  export function useService<T = any>(name: string): T;
}

declare module '@bpmn-io/properties-panel' {
  type Entry = import('@bpmn-io/properties-panel/preact').FunctionComponent<any>;
  export const TextFieldEntry: Entry;
  export const SelectEntry: Entry;
  export const CheckboxEntry: Entry;
  export function isTextFieldEntryEdited(node: unknown): boolean;
  export function isSelectEntryEdited(node: unknown): boolean;
  export function isCheckboxEntryEdited(node: unknown): boolean;
}

declare module 'bpmn-js-bpmnlint' {
  const lintModule: import('didi').ModuleDeclaration;
  export default lintModule;
}

declare module 'bpmnlint/lib/resolver/static-resolver' {
  export default class StaticResolver {
    constructor(cache: Record<string, unknown>);
  }
}
