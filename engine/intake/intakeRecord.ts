/**
 * The intake record: what the counter registered when the application was taken in. It is
 * evidence (the receipt quotes it) and steers the path, so no later step may rewrite it:
 * a completion naming one of these variables is refused.
 */
export const INTAKE_VARIABLES = ['applicant', 'documents', 'channel', 'serviceCode', 'trackingNumber', 'centre'] as const;
