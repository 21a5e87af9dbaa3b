export { Accounts, sessionIdOf, DEFAULT_SESSION_MS, type Session, type NewSession } from './Accounts.js';
export { LoginThrottle, DEFAULT_THROTTLE, IN_FLIGHT_RETRY_MS, type LoginAttempt, type ThrottleLimits, type ThrottleVerdict } from './LoginThrottle.js';
export { hashPassword, verifyPassword, SCRYPT_PARAMETERS, type PasswordHash } from './PasswordHash.js';
export {
  viewpointOf,
  redactTask,
  redactApplication,
  FRONT_OFFICE_IDENTITY_VARIABLES,
  BACK_OFFICE_IDENTITY_VARIABLES,
  type Viewpoint,
  type ApplicationView,
} from './redact.js';
