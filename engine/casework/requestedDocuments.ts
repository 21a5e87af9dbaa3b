/**
 * The documents an official asked the applicant to bring: the ones picked from the standard's
 * list (`requestedDocuments`, a list or one name) and the ones written in free text
 * (`otherRequestedDocuments`, one a line: a form-js list cannot hold free text, so the
 * catalogue's decision form has a text area beside it). The one reading of that pair, for the
 * receipt, the public page, the case file and the notification alike.
 */
export function requestedDocumentsOf(variables: Readonly<Record<string, unknown>>): string[] {
  const other = variables['otherRequestedDocuments'];
  const written = typeof other === 'string' ? namesOf(other.split(/\r?\n/)) : [];
  return [...new Set([...namesOf(variables['requestedDocuments']), ...written])];
}

/**
 * A list variable of the casework contract as names: one string or a list of strings (grounds,
 * documents handed in, asked for, brought), trimmed, blanks and non-strings dropped.
 */
export function namesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((name): name is string => typeof name === 'string').map((name) => name.trim()).filter(Boolean);
}
