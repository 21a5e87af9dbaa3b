import type { InstanceView } from '../api.js';
import type { Role } from './Directory.js';
import { taskViewFor } from './taskViewFor.js';
import type { TaskRecord } from '../store/port.js';

/**
 * What a viewer may learn about the people on a file. Random assignment only curbs corruption
 * if the front office and the applicant cannot learn who reviews a file, and the reviewer
 * cannot learn which clerk took it in (DOMAIN.md). Supervisors and auditors see both.
 */
export interface Viewpoint {
  /** Who holds or decided a back-office task. */
  readonly backOffice: boolean;
  /** Which clerk took the application in, holds or handed back a front-office task. */
  readonly frontOffice: boolean;
}

/** `applicant` is the public tracking page and anyone not logged in. */
export function viewpointOf(roles: readonly Role[] | 'applicant'): Viewpoint {
  if (roles === 'applicant') return { backOffice: false, frontOffice: false };
  const has = (role: Role) => roles.includes(role);
  if (has('supervisor') || has('auditor')) return { backOffice: true, frontOffice: true };
  // Someone who is both clerk and official gets the narrower view of each.
  return { backOffice: !has('clerk'), frontOffice: !has('official') };
}

/** An application as the REST API shows it: the instance, who took it in, and its tasks. */
export type ApplicationView = InstanceView & {
  readonly intake?: { readonly by?: string; readonly at: string };
  readonly tasks?: readonly TaskRecord[];
};

/** Variables that name the people on a file, by office (the catalogue's conventions). */
export const FRONT_OFFICE_IDENTITY_VARIABLES = ['acceptedBy', 'clerk', 'intakeClerk', 'receivedBy', 'returnedBy', 'handedBackBy'] as const;
export const BACK_OFFICE_IDENTITY_VARIABLES = ['assignee', 'official', 'reviewer', 'reviewedBy', 'decidedBy'] as const;

type TaskView = Omit<TaskRecord, 'assignee' | 'completedBy'> & Partial<Pick<TaskRecord, 'assignee' | 'completedBy'>>;

export function redactTask(viewpoint: Viewpoint, task: TaskRecord): TaskView {
  // The engine's own rule covers the back office; the front office's clerk is hidden here.
  const view: TaskView = taskViewFor(viewpoint.backOffice ? 'supervisor' : 'clerk', task);
  if (task.office === 'front' && !viewpoint.frontOffice) {
    const { assignee: _a, completedBy: _c, ...rest } = view;
    return rest;
  }
  return view;
}

/** `taskViewpoint`: the viewpoint for one of its tasks, when the viewer sees some tasks more widely (the counter's own work). */
export function redactApplication(viewpoint: Viewpoint, application: ApplicationView, taskViewpoint: (task: TaskRecord) => Viewpoint = () => viewpoint): ApplicationView {
  const hidden = new Set<string>([
    ...(viewpoint.frontOffice ? [] : FRONT_OFFICE_IDENTITY_VARIABLES),
    ...(viewpoint.backOffice ? [] : BACK_OFFICE_IDENTITY_VARIABLES),
  ]);
  const keep = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).filter(([name]) => !hidden.has(name)));
  const { intake, tasks, tokens, ...rest } = application;
  return {
    ...rest,
    variables: keep(application.variables),
    // A multi-instance inner instance's local variables (on its token) are variables too.
    tokens: tokens && tokens.map((token) => (token.locals ? { ...token, locals: keep(token.locals) } : token)),
    ...(intake ? { intake: viewpoint.frontOffice ? intake : { at: intake.at } } : {}),
    ...(tasks ? { tasks: tasks.map((t) => redactTask(taskViewpoint(t), t) as TaskRecord) } : {}),
  };
}
