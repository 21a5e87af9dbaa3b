/** Casework commands beside the runtime: documents brought at the counter, a withdrawal. */
export { withdrawApplication, type WithdrawOptions } from './withdrawApplication.js';
export { recordDocumentsBrought, type DocumentsBroughtOptions } from './recordDocumentsBrought.js';
export { DOCUMENTS_MESSAGE, documentsTarget, waitsForDocuments } from './waitsForDocuments.js';
