/** Casework commands beside the runtime: documents brought at the counter, a withdrawal. */
export { withdrawApplication, type WithdrawOptions } from './withdrawApplication.js';
export { recordDocumentsBrought, DOCUMENTS_MESSAGE, type DocumentsBroughtOptions } from './recordDocumentsBrought.js';
