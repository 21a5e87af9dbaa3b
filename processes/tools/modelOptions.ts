import type { ServiceTerm } from '../standard.js';

/** What a service's model needs beyond its standard: who reviews, and how its steps read. */
export interface ModelOptions {
  /** The back office's candidate group (`ps:candidateGroup`). */
  readonly group: string;
  readonly reviewName: string;
  /** The review's `ps:sla` when it is not the applicant's term. */
  readonly reviewTerm?: ServiceTerm;
  readonly issueName: string;
  readonly handBackName: string;
  /** The agency checks the package itself first (the term is `stageTerms.agency_check`). */
  readonly agencyCheck?: boolean;
  /**
   * Land: after the draft resolution, the akimat's departments concur in parallel (a
   * multi-instance task, one per department, each in the group `akimat-<department>`, its term
   * `stageTerms.concurrence`); an objection sends the file back to the review.
   */
  readonly concurrence?: readonly string[];
  /** Kindergarten: after the queue number, a place is offered within the service's term. */
  readonly offer?: boolean;
  readonly documentation: string;
  /**
   * The applicant may withdraw at any moment: an interrupting message event sub-process
   * (message `applicationWithdrawn`) records the withdrawal and ends the application.
   */
  readonly withdrawal?: boolean;
}

export const MODEL_OPTIONS: Readonly<Record<string, ModelOptions>> = {
  'ID-CARD': {
    group: 'mvd-passport',
    reviewName: 'Check the identity and order the document',
    issueName: 'Send the personalised document to the centre',
    handBackName: 'Hand over the ID card or passport',
    documentation: 'ID card / passport (Interior Ministry): 15 working days; the back office works to D-1.',
  },
  'BIRTH-REG': {
    group: 'rags-registration',
    reviewName: 'Register the birth',
    issueName: 'Send the birth certificate to the centre',
    handBackName: 'Hand over the birth certificate',
    documentation: 'Birth registration (registry office): 2 working days; the registrar works to D-1, the next working day after receipt.',
  },
  'MARRIAGE-REG': {
    group: 'rags-registration',
    reviewName: 'Check for obstacles and set the registration day',
    issueName: 'Prepare the marriage certificate for the 15th day',
    handBackName: 'Register the marriage and hand over the certificate (15th day)',
    documentation:
      'Marriage registration (registry office): the marriage is registered on the 15th calendar day after the joint application. The process SLA is 15 calendar days on the centre calendar (moved to the next working day when that day is closed); the registrar checks by D-1, and the ceremony is the hand-back.',
  },
  'NO-CRIMINAL-RECORD': {
    group: 'kpssu-records',
    reviewName: 'Check the records (with the special check)',
    issueName: 'Send the certificate to the centre',
    handBackName: 'Hand over the certificate',
    documentation: "Certificate of no criminal record (prosecutor's statistics committee): 5 working days.",
  },
  'COMPANY-REG': {
    group: 'mj-registration',
    reviewName: 'Review the founding documents',
    issueName: 'Register the entity and send the certificate (BIN) to the centre',
    handBackName: 'Hand over the registration certificate',
    documentation: 'Company registration (Ministry of Justice): 1 working day; a second registrar, never the first, confirms the decision (four eyes).',
  },
  'REAL-ESTATE-REG': {
    group: 'mj-real-estate',
    reviewName: 'Examine the title documents',
    issueName: 'Enter the right in the legal cadastre and notify the centre',
    handBackName: 'Hand over the registered documents',
    documentation: 'Registration of rights to real estate (registering body, justice): 3 working days; four-eyes second review.',
  },
  'LAND-USE-CHANGE': {
    group: 'land-relations',
    reviewName: 'Prepare the draft resolution',
    agencyCheck: true,
    concurrence: ['land', 'architecture', 'environment'],
    issueName: "Send the akimat's resolution to the centre",
    handBackName: 'Hand over the resolution',
    documentation:
      "Change of land-plot use (land agency / akimat): 30 calendar days; the agency first checks the package within 2 working days and refuses an incomplete one; the akimat's land, architecture and environment departments concur with the draft resolution in parallel (an objection returns it to the review); four-eyes second review of the draft resolution.",
  },
  'MILITARY-REG': {
    group: 'mil-registration',
    reviewName: 'Register the reservist',
    issueName: 'Send the registration certificate to the centre',
    handBackName: 'Hand over the military ID with the registration entry',
    documentation: 'Military registration of reservists (local military administration): the standard leaves the term to the designer, 3 working days here.',
  },
  'CHILDCARE-BENEFIT': {
    group: 'social-benefits',
    reviewName: 'Decide on the child-care benefit',
    issueName: 'Send the decision notice to the centre',
    handBackName: 'Hand over the decision notice',
    documentation: 'Child-care benefit (social protection): 8 working days. The applicant may withdraw the application at any moment (message applicationWithdrawn).',
    withdrawal: true,
  },
  'LARGE-FAMILY': {
    group: 'social-benefits',
    reviewName: 'Decide on the large-family allowance',
    issueName: 'Send the decision notice to the centre',
    handBackName: 'Hand over the decision notice',
    documentation: 'Large-family allowance (social protection): 7 working days, paused up to 30 calendar days while missing documents are brought.',
  },
  'KINDERGARTEN-QUEUE': {
    group: 'edu-preschool',
    reviewName: 'Register the child in the queue',
    reviewTerm: { duration: 30, unit: 'minutes', calendar: 'centre' },
    offer: true,
    issueName: 'Send the queue number and the direction to the centre',
    handBackName: 'Hand over the queue number and the direction',
    documentation:
      'Kindergarten queue (education department): the queue number within 30 minutes (the review SLA, in minutes: no D-1), the offer of a place within 3 working days (the process SLA).',
  },
  'HOUSING-QUEUE': {
    group: 'housing-queue',
    reviewName: "Check the family's need for housing",
    issueName: 'Send the queue number to the centre',
    handBackName: 'Hand over the queue number',
    documentation: 'Municipal housing queue (city housing department): 30 calendar days.',
  },
};
