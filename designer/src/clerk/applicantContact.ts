import type { MessageKey } from '../i18n/messages.js';

export type ContactField = 'phone' | 'email';

/**
 * The applicant's phone and e-mail as the clerk typed them, normalised (spaces, dashes and
 * brackets go; a domestic 8 7xx… becomes +7 7xx…) and checked as the server checks them
 * (server/notifications/applicantContact.ts): +7 and 10 digits, an address with a domain.
 * With the consent given, at least one of the two is needed.
 */
export function contactProblems(phoneInput: string, emailInput: string): { value: { phone?: string; email?: string }; problems: Partial<Record<ContactField, MessageKey>> } {
  const digits = phoneInput.replace(/[\s()-]/g, '');
  const phone = /^8\d{10}$/.test(digits) ? `+7${digits.slice(1)}` : digits;
  const email = emailInput.trim();
  const problems: Partial<Record<ContactField, MessageKey>> = {};
  if (phone && !/^\+7\d{10}$/.test(phone)) problems.phone = 'notify.phoneInvalid';
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.email = 'notify.emailInvalid';
  if (!phone && !email) problems.phone = 'notify.contactRequired';
  return { value: { ...(phone ? { phone } : {}), ...(email ? { email } : {}) }, problems };
}
