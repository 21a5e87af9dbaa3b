/**
 * The browser's stand-in for `node:module`, aliased by designer/vite.config.ts so the designer
 * imports engine/model/lint/ruleSet.ts unchanged (one rule set for deploy and designer).
 * ruleSet.ts loads the upstream bpmnlint rules with `createRequire(...)('bpmnlint/rules/<name>')`;
 * here those are bundled ahead of time and `require` looks them up.
 */
const rules = import.meta.glob<unknown>('../../../../node_modules/bpmnlint/rules/*.js', { eager: true, import: 'default' });

const byName = new Map(Object.entries(rules).map(([path, rule]) => [path.replace(/^.*\/rules\/(.*)\.js$/, '$1'), rule]));

export function createRequire(_from: string | URL): (id: string) => unknown {
  return (id: string) => {
    const name = id.replace(/^bpmnlint\/rules\//, '').replace(/\.js$/, '');
    const rule = byName.get(name);
    if (!rule) throw new Error(`the designer bundles no bpmnlint rule '${id}'`);
    return rule;
  };
}
