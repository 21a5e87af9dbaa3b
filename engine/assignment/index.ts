export { Directory, ROLES, userSchema, type Role, type DirectoryUser, type DirectoryUserInput, type Absence } from './Directory.js';
export { TaskAssigner, type AssignmentOutcome, type AssignmentRequest, type EligibilityQuery } from './TaskAssigner.js';
export { fourEyesExcluded } from './fourEyes.js';
export { drawIndex, nextInRotation, leastLoaded, poolHash } from './strategies.js';
export { taskViewFor, type Viewer } from './taskViewFor.js';
