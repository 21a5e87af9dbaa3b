/** Casework commands beside the runtime: a withdrawal ends an application at the applicant's request. */
export { withdrawApplication, type WithdrawOptions } from './withdrawApplication.js';
