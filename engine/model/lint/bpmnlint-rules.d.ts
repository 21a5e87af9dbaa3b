// bpmnlint ships its rules as CommonJS modules without types: each exports a rule factory.
declare module 'bpmnlint/rules/*.js' {
  const factory: () => { check(node: unknown, reporter: { report(id: string, message: string): void }): void };
  export default factory;
}
