import type { InstanceState, Token } from './state.js';

/**
 * Variable scopes. The process's variables are the outer scope; a multi-instance inner instance
 * (runtime/elements/MultiInstance.ts) holds local ones on its token (`locals`), which every
 * token inside it (a sub-process's inner tokens) reads over the process's and writes into.
 */

/** The token whose `locals` a token writes into: itself or the nearest enclosing one; undefined: the process. */
export function localScopeOf(state: Pick<InstanceState, 'tokens'>, token: Token): Token | undefined {
  for (let current: Token | undefined = token; current; current = current.scopeId === null ? undefined : state.tokens.find((t) => t.id === current!.scopeId)) {
    if (current.locals) return current;
  }
  return undefined;
}

/** The variables a token sees: the process's, overlaid by each enclosing local scope (innermost last). */
export function variablesInScope(state: Pick<InstanceState, 'tokens' | 'variables'>, token: Token | undefined): Readonly<Record<string, unknown>> {
  const layers: Record<string, unknown>[] = [];
  for (let current: Token | undefined = token; current; current = current.scopeId === null ? undefined : state.tokens.find((t) => t.id === current!.scopeId)) {
    if (current.locals) layers.unshift(current.locals);
  }
  return layers.length ? Object.assign({}, state.variables, ...layers) : state.variables;
}
