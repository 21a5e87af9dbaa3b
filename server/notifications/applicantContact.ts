/**
 * How an applicant may be told, as registration records it (the casework contract's
 * `applicant: { name, iin, phone?, email?, language? }`): checked where it comes in, so the
 * worker never meets a number it cannot send to. Other applicant fields pass as they are.
 */
import { z } from 'zod';
import { NOTICE_LANGUAGES } from './messageTexts.js';

/** Kazakhstan's numbers: +7 and ten digits. */
export const PHONE_FORMAT = /^\+7\d{10}$/;

export const ApplicantContact = z.looseObject({
  phone: z.string().regex(PHONE_FORMAT, 'expected +7 and 10 digits, e.g. +77011234567').optional(),
  email: z.email('expected an e-mail address').max(254).optional(),
  language: z.enum(NOTICE_LANGUAGES, { error: (issue) => `expected one of ${NOTICE_LANGUAGES.join(', ')}, got ${JSON.stringify(issue.input)}` }).optional(),
  /** The applicant agreed to be told by SMS or e-mail (the registration form asks). */
  consent: z.boolean().optional(),
});
