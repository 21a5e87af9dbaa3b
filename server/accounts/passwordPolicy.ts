import { HttpProblem } from '../HttpProblem.js';

/** The shortest password an administrator, a user or `npm run admin:create` may set. */
export const MIN_PASSWORD_LENGTH = 12;

/** The rule a password broke, named in the 400 (`details.rule`). */
export type PasswordRule = 'min_length' | 'not_username' | 'common';

/**
 * Passwords people choose first and attackers try first (lower-case, compared without case).
 * Short on purpose: the length rule already stops most of the usual lists.
 */
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  'qwertyuiop12',
  'qwertyuiopas',
  'password1234',
  'password12345',
  'passwordpassword',
  'iloveyou1234',
  'adminadmin12',
  'administrator',
  'administrator1',
  'changeme1234',
  'welcome12345',
  'letmein12345',
  'tereze123456',
  'terezeadmin1',
  'qwerty123456',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
]);

/** The rule a password breaks, with a sentence a person can act on; undefined when it is good enough. */
export function checkPasswordPolicy(password: string, username: string): { rule: PasswordRule; message: string } | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return { rule: 'min_length', message: `the password must have at least ${MIN_PASSWORD_LENGTH} characters` };
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name && (lower === name || (name.length >= 4 && lower.includes(name)))) return { rule: 'not_username', message: 'the password must not be or contain the user name' };
  if (COMMON.has(lower)) return { rule: 'common', message: 'the password is on the list of common passwords: choose another' };
  return undefined;
}

/** 400 `weak_password` naming the field and the rule, or nothing. */
export function passwordProblem(password: string, username: string, field = 'password'): HttpProblem | undefined {
  const broken = checkPasswordPolicy(password, username);
  return broken ? new HttpProblem(400, 'weak_password', `${field}: ${broken.message}`, { field, rule: broken.rule }) : undefined;
}
