import type { TaskFormView, TaskView } from '../../../server/contracts/tasks.js';

/** A problem the server reported: `{ error: { code, message, details? } }` with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface DefinitionSummary {
  readonly key: string;
  readonly version: number;
  readonly id: string;
  readonly name?: string;
  readonly serviceCode?: string;
  readonly deployedAt?: string;
}

export interface DeployProblem {
  readonly elementId?: string | null;
  readonly message: string;
}

export type DeployResult =
  | { readonly ok: true; readonly created: boolean; readonly key: string; readonly version: number; readonly warnings: readonly unknown[] }
  | { readonly ok: false; readonly errors: readonly DeployProblem[] };

/** An inbox task as the API shows it to the viewer (redacted by role): server/contracts/tasks.ts. */
export type { TaskView, TaskFormView } from '../../../server/contracts/tasks.js';

export interface ApplicationView {
  readonly id: string;
  readonly key: string;
  readonly state: 'active' | 'incident' | 'completed' | 'terminated';
  readonly trackingNumber: string;
  readonly channel?: 'centre' | 'agency' | 'portal';
  readonly serviceCode?: string;
  readonly variables: Record<string, unknown>;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly dueAt?: string;
  readonly applicant?: { readonly name?: string; readonly iin?: string };
  readonly atRisk?: boolean;
  readonly overdue?: boolean;
  readonly tasks?: readonly TaskView[];
}

export interface StartApplication {
  readonly serviceCode: string;
  readonly channel: 'centre' | 'agency' | 'portal';
  readonly applicant?: Record<string, unknown>;
  readonly documents?: readonly string[];
  readonly variables?: Record<string, unknown>;
}

export interface Receipt {
  readonly trackingNumber: string;
  readonly serviceCode: string;
  readonly service: string;
  readonly agency?: string;
  readonly channel?: string;
  readonly receivedAt: string;
  readonly documents: readonly string[];
  readonly dueAt?: string;
  readonly applicant?: { readonly name?: string; readonly iin?: string };
}

export interface TrackingView {
  readonly trackingNumber: string;
  readonly service: string;
  readonly serviceCode?: string;
  readonly status: string;
  readonly nextSteps: readonly string[];
  readonly receivedAt: string;
  readonly dueAt?: string;
  readonly overdue?: boolean;
  readonly completedAt?: string;
}

export interface SessionUser {
  readonly id: string;
  readonly name?: string;
  readonly roles?: readonly string[];
  readonly groups?: readonly string[];
  readonly agency?: string;
  readonly centre?: string;
  /** Logged in with a temporary password: the app shows only the change form. */
  readonly mustChangePassword?: boolean;
}

const CSRF_COOKIE = 'tereze_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The REST API as the designer uses it. Sends the bearer token once it has one, and the
 * session cookie always (`credentials: 'include'`) with its CSRF echo on unsafe methods.
 */
export class ApiClient {
  private token: string | undefined;

  constructor(private readonly base = '') {}

  /** `undefined` when the server has no accounts (404): everyone may design then. */
  async currentUser(): Promise<SessionUser | null | undefined> {
    const response = await this.send('GET', '/api/session');
    if (response.status === 404) return undefined;
    if (response.status === 401) return null;
    const body = (await this.json(response)) as { user?: SessionUser; mustChangePassword?: boolean };
    const user = body.user ?? (body as SessionUser);
    return body.mustChangePassword ? { ...user, mustChangePassword: true } : user;
  }

  async login(username: string, password: string): Promise<SessionUser> {
    const response = await this.send('POST', '/api/session', JSON.stringify({ username, password }), 'application/json');
    const body = (await this.json(response)) as { token?: string; user: SessionUser; mustChangePassword?: boolean };
    this.token = body.token;
    return body.mustChangePassword ? { ...body.user, mustChangePassword: true } : body.user;
  }

  async logout(): Promise<void> {
    await this.send('DELETE', '/api/session');
    this.token = undefined;
  }

  async startApplication(application: StartApplication): Promise<{ id: string; trackingNumber: string; dueAt?: string }> {
    return (await this.json(await this.send('POST', '/api/applications', JSON.stringify(application), 'application/json'))) as { id: string; trackingNumber: string; dueAt?: string };
  }

  /** Moves an application to the caller's centre at the applicant's request (tracking number and IIN must match: 404 otherwise). */
  async transferApplication(request: { trackingNumber: string; iin: string; reason: string }): Promise<{ id: string; trackingNumber: string; centre: string }> {
    return (await this.json(await this.send('POST', '/api/applications/transfer', JSON.stringify(request), 'application/json'))) as { id: string; trackingNumber: string; centre: string };
  }

  async application(id: string): Promise<ApplicationView> {
    return (await this.json(await this.send('GET', `/api/applications/${encodeURIComponent(id)}`))) as ApplicationView;
  }

  async receipt(id: string): Promise<Receipt> {
    return (await this.json(await this.send('GET', `/api/applications/${encodeURIComponent(id)}/receipt`))) as Receipt;
  }

  /** The inbox, by deadline (the server orders it; scoped by role). */
  async tasks(query: Record<string, string> = {}): Promise<TaskView[]> {
    const search = new URLSearchParams(query).toString();
    return (await this.json(await this.send('GET', `/api/tasks${search ? `?${search}` : ''}`))) as TaskView[];
  }

  async claimTask(id: string): Promise<TaskView> {
    return (await this.json(await this.send('POST', `/api/tasks/${encodeURIComponent(id)}/claim`))) as TaskView;
  }

  /** The task's form-js schema (its ps:form), or `schema: null`. */
  async taskForm(id: string): Promise<TaskFormView> {
    return (await this.json(await this.send('GET', `/api/tasks/${encodeURIComponent(id)}/form`))) as TaskFormView;
  }

  async completeTask(id: string, body: { outcome?: string; variables?: Record<string, unknown> }): Promise<ApplicationView> {
    return (await this.json(await this.send('POST', `/api/tasks/${encodeURIComponent(id)}/complete`, JSON.stringify(body), 'application/json'))) as ApplicationView;
  }

  /** Public: no login needed. */
  async track(trackingNumber: string): Promise<TrackingView> {
    return (await this.json(await this.send('GET', `/api/track/${encodeURIComponent(trackingNumber)}`))) as TrackingView;
  }

  async definitions(): Promise<DefinitionSummary[]> {
    return (await this.json(await this.send('GET', '/api/definitions'))) as DefinitionSummary[];
  }

  async versions(key: string): Promise<DefinitionSummary[]> {
    return (await this.json(await this.send('GET', `/api/definitions/${encodeURIComponent(key)}`))) as DefinitionSummary[];
  }

  async definitionXml(key: string, version?: number): Promise<string> {
    const query = version ? `?version=${version}` : '';
    const response = await this.send('GET', `/api/definitions/${encodeURIComponent(key)}/xml${query}`);
    if (!response.ok) await this.json(response);
    return response.text();
  }

  /** A 422 is an answer, not a failure: the problems, each naming its element. */
  async deploy(xml: string): Promise<DeployResult> {
    const response = await this.send('POST', '/api/definitions', xml, 'application/xml');
    if (response.status === 422) {
      const body = (await response.json()) as { errors?: DeployProblem[]; error?: { details?: { errors?: DeployProblem[] }; message?: string } };
      const errors = body.errors ?? body.error?.details?.errors ?? [{ message: body.error?.message ?? 'invalid model' }];
      return { ok: false, errors };
    }
    const body = (await this.json(response)) as { created?: boolean; key: string; version: number; warnings?: unknown[] };
    return { ok: true, created: body.created ?? response.status === 201, key: body.key, version: body.version, warnings: body.warnings ?? [] };
  }

  /** Any JSON route: the typed wrappers for the oversight pages live in `oversightApi.ts`. */
  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json');
    return (await this.json(response)) as T;
  }

  private async send(method: string, path: string, body?: string, type?: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (type) headers['Content-Type'] = type;
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf && UNSAFE.has(method)) headers['X-CSRF-Token'] = csrf;
    return fetch(this.base + path, { method, headers, credentials: 'include', ...(body === undefined ? {} : { body }) });
  }

  private async json(response: Response): Promise<unknown> {
    const text = await response.text();
    const body: unknown = text ? safeParse(text) : undefined;
    if (!response.ok) {
      const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? `${response.status} ${response.statusText}`, body);
    }
    return body;
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function readCookie(name: string): string | undefined {
  const pair = document.cookie.split('; ').find((entry) => entry.startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.slice(name.length + 1)) : undefined;
}
