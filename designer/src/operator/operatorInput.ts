/** Reading the operator's text inputs: edited variables and a migration's element mapping. */

/** The variables whose value the operator changed or added in the JSON text (a bad text throws, saying so). */
export function changedVariables(original: Readonly<Record<string, unknown>>, text: string): Record<string, unknown> {
  let edited: unknown;
  try {
    edited = JSON.parse(text || '{}');
  } catch (error) {
    throw new Error(`variables: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof edited !== 'object' || edited === null || Array.isArray(edited)) throw new Error('variables: must be a JSON object');
  return Object.fromEntries(Object.entries(edited).filter(([name, value]) => JSON.stringify(original[name]) !== JSON.stringify(value)));
}

/** `old=new` per line (or comma); blank lines ignored. */
export function parseMapping(text: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const part of text.split(/[\n,]/)) {
    const line = part.trim();
    if (!line) continue;
    const [from, to, extra] = line.split('=').map((s) => s.trim());
    if (!from || !to || extra !== undefined) throw new Error(`mapping: '${line}' is not old=new`);
    mapping[from] = to;
  }
  return mapping;
}
