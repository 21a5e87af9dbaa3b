export { Accounts, accountsOf, sessionIdOf, DEFAULT_SESSION_MS, type Session, type NewSession } from './Accounts.js';
export { LoginThrottle, DEFAULT_THROTTLE, IN_FLIGHT_RETRY_MS, type LoginAttempt, type ThrottleLimits, type ThrottleVerdict } from './LoginThrottle.js';
export { hashPassword, verifyPassword, SCRYPT_PARAMETERS, type PasswordHash } from './PasswordHash.js';
export { passwordProblem, checkPasswordPolicy, MIN_PASSWORD_LENGTH, type PasswordRule } from './passwordPolicy.js';
