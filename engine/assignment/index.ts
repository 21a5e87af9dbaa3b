export { Directory, ROLES, USER_LANGUAGES, userSchema, type Role, type UserLanguage, type DirectoryUser, type DirectoryUserInput, type Absence } from './Directory.js';
export { TaskAssigner, type AssignmentOutcome, type AssignmentRequest, type EligibilityQuery } from './TaskAssigner.js';
export { fourEyesExcluded } from './fourEyes.js';
export { drawIndex, nextInRotation, leastLoaded, poolHash } from './strategies.js';
export { taskViewFor, type Viewer } from './taskViewFor.js';
export {
  viewpointOf,
  redactTask,
  redactApplication,
  FRONT_OFFICE_IDENTITY_VARIABLES,
  BACK_OFFICE_IDENTITY_VARIABLES,
  type Viewpoint,
  type ApplicationView,
} from './redact.js';
export { ORG_UNIT_KINDS, orgUnitSchema, unitTextIn, unitNamesOf, type OrgUnit, type OrgUnitKind, type OrgUnitTranslations } from './Directory.js';
export { recordAbsence, redrawAbsentTasks, REDRAW_LIMIT, type AbsenceRecorded, type AbsenceRedraw, type RedrawnTask, type KeptTask } from './redrawAbsent.js';
