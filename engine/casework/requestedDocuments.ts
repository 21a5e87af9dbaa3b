/**
 * The documents an official asked the applicant to bring: the ones picked from the standard's
 * list (`requestedDocuments`, a list or one name) and the ones written in free text
 * (`otherRequestedDocuments`, one a line: a form-js list cannot hold free text, so the
 * catalogue's decision form has a text area beside it). The one reading of that pair, for the
 * receipt, the public page, the case file and the notification alike.
 */
export function requestedDocumentsOf(variables: Readonly<Record<string, unknown>>): string[] {
  const picked = variables['requestedDocuments'];
  const listed = (Array.isArray(picked) ? picked : [picked]).filter((d): d is string => typeof d === 'string');
  const other = variables['otherRequestedDocuments'];
  const written = typeof other === 'string' ? other.split(/\r?\n/) : [];
  const names = [...listed, ...written].map((d) => d.trim()).filter(Boolean);
  return [...new Set(names)];
}
