export { Directory, ROLES, userSchema, type Role, type DirectoryUser, type DirectoryUserInput, type Absence } from './Directory.js';
export { TaskAssigner, type AssignmentOutcome, type AssignmentRequest } from './TaskAssigner.js';
export { drawIndex, nextInRotation, leastLoaded, poolHash } from './strategies.js';
export { taskViewFor, type Viewer } from './taskViewFor.js';
