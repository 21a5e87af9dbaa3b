import type { ModelVerdict, ProblemDetail } from './modelVerdict.js';
import { language } from '../i18n/i18n.js';
import type { Language } from '../i18n/messages.js';
import { errorWords } from './errorWords.js';
import type { TaskFormView, TaskView } from '../../../server/contracts/tasks.js';
import type { ApplicationOutcome, ApplicationView, Receipt as ReceiptAnswer, TrackingView } from '../../../server/contracts/applications.js';

/**
 * A problem the server reported: `{ error: { code, message, details? } }` with its status.
 * `message` is in words of the UI's language (errorWords.ts); `serverMessage` is the server's own.
 */
export class ApiError extends Error {
  readonly serverMessage: string;
  constructor(
    readonly status: number,
    readonly code: string,
    serverMessage: string,
    readonly body: unknown,
  ) {
    super(errorWords(code, status, serverMessage, language()));
    this.serverMessage = serverMessage;
    this.name = 'ApiError';
  }
}

/**
 * Called when a request meets a 401 after the user had logged in (the session expired or was
 * ended elsewhere): resolves true once the same user has logged in again (the request is then
 * sent once more), false when they gave up (the 401 stands).
 */
export type SessionLostHandler = () => Promise<boolean>;

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
  /** Stable (engine/model/problemCodes.ts): the UI says it in its language. */
  readonly code?: string;
  /** The message's template key and values (engine/model/problemTexts.ts): the UI says it in its language too. */
  readonly detail?: ProblemDetail;
}

export type DeployResult =
  | { readonly ok: true; readonly created: boolean; readonly key: string; readonly version: number; readonly warnings: readonly unknown[] }
  | { readonly ok: false; readonly errors: readonly DeployProblem[] };

/** An inbox task as the API shows it to the viewer (redacted by role): server/contracts/tasks.ts. */
export type { TaskView, TaskFormView } from '../../../server/contracts/tasks.js';

/** Applications, receipts, decisions and the public page's answer: server/contracts/applications.ts. */
export type { ApplicationView, ApplicationOutcome, Collection, TrackingView } from '../../../server/contracts/applications.js';

/** A receipt as the counter prints it: the server's answer, with the applicant's name from the file beside it. */
export type Receipt = ReceiptAnswer & { readonly applicant?: { readonly name?: string; readonly iin?: string; /** Chosen at registration: the receipt and documents speak it. */ readonly language?: string } };


export interface StartApplication {
  readonly serviceCode: string;
  readonly channel: 'centre' | 'agency' | 'portal';
  readonly applicant?: Record<string, unknown>;
  readonly documents?: readonly string[];
  readonly variables?: Record<string, unknown>;
}





/** A service's channels open to the caller now, and those the routing policy closes (GET /api/routing/open). */
export interface OpenChannels {
  readonly serviceCode: string;
  readonly channels: readonly StartApplication['channel'][];
  readonly closed: readonly { readonly channel: string; readonly reason?: string; readonly effectiveFrom?: string }[];
}

export interface SessionUser {
  readonly id: string;
  readonly name?: string;
  readonly roles?: readonly string[];
  readonly groups?: readonly string[];
  readonly agency?: string;
  readonly centre?: string;
  /** The UI language the user chose, kept on their record; absent until they choose. */
  readonly language?: 'kk' | 'ru' | 'en';
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
  private sessionLost: SessionLostHandler | undefined;

  constructor(private readonly base = '') {}

  /** The shell's in-place login (TerezeApp): every call that meets an expired session waits for it. */
  onSessionLost(handler: SessionLostHandler | undefined): void {
    this.sessionLost = handler;
  }

  /** `undefined` when the server has no accounts (404): everyone may design then. */
  async currentUser(): Promise<SessionUser | null | undefined> {
    const response = await this.send('GET', '/api/session');
    if (response.status === 404) return undefined;
    if (response.status === 401) return null;
    const body = (await this.json(response)) as { user?: SessionUser; mustChangePassword?: boolean };
    const user = body.user ?? (body as SessionUser);
    return body.mustChangePassword ? { ...user, mustChangePassword: true } : user;
  }

  /** Keeps the user's choice of UI language on their record (PUT /api/users/me/language). */
  async setLanguage(lang: 'kk' | 'ru' | 'en'): Promise<SessionUser> {
    return this.request<SessionUser>('PUT', '/api/users/me/language', { language: lang });
  }

  async login(username: string, password: string): Promise<SessionUser> {
    // A token of an ended session would be refused before the password is even read.
    this.token = undefined;
    const response = await this.send('POST', '/api/session', JSON.stringify({ username, password }), 'application/json');
    const body = (await this.json(response)) as { token?: string; user: SessionUser; mustChangePassword?: boolean };
    this.token = body.token;
    return body.mustChangePassword ? { ...body.user, mustChangePassword: true } : body.user;
  }

  async logout(): Promise<void> {
    await this.send('DELETE', '/api/session');
    this.token = undefined;
  }

  /** With an `idempotencyKey`, sending the same application twice (a second click, a retry) starts it once. */
  async startApplication(application: StartApplication, options: { idempotencyKey?: string } = {}): Promise<{ id: string; trackingNumber: string; dueAt?: string }> {
    const extra: Record<string, string> = options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {};
    return (await this.json(await this.send('POST', '/api/applications', JSON.stringify(application), 'application/json', extra))) as { id: string; trackingNumber: string; dueAt?: string };
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

  /** The decision, its grounds, and where and until when to collect the result. */
  async outcome(id: string): Promise<ApplicationOutcome> {
    return (await this.json(await this.send('GET', `/api/applications/${encodeURIComponent(id)}/outcome`))) as ApplicationOutcome;
  }

  /** The printed result or refusal document (a PDF the session cookie opens in a new tab). */
  documentUrl(id: string, lang: Language): string {
    return `${this.base}/api/applications/${encodeURIComponent(id)}/document.pdf?lang=${lang}`;
  }

  /** Which channels the registration forms may offer this user, per deployed service. */
  async openChannels(): Promise<OpenChannels[]> {
    return (await this.json(await this.send('GET', '/api/routing/open'))) as OpenChannels[];
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

  /** What a deploy of `xml` would answer, without deploying (`POST /api/definitions/validate`). */
  async validate(xml: string): Promise<ModelVerdict> {
    return (await this.json(await this.send('POST', '/api/definitions/validate', xml, 'application/xml'))) as ModelVerdict;
  }

  /** Any JSON route: the typed wrappers for the oversight pages live in `oversightApi.ts`. */
  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json');
    return (await this.json(response)) as T;
  }

  /** A file as the raw body of a POST (an attachment): the same token, CSRF echo and lost-session login as every call. */
  async upload<T>(path: string, file: Blob, type: string): Promise<T> {
    return (await this.json(await this.send('POST', path, file, type))) as T;
  }

  private async send(method: string, path: string, body?: string | Blob, type?: string, extra: Record<string, string> = {}): Promise<Response> {
    const response = await this.sendOnce(method, path, body, type, extra);
    // The session's own route answers 401 as a fact (wrong password, logged out), not a loss.
    if (response.status !== 401 || path === '/api/session' || !this.sessionLost) return response;
    if (!(await this.sessionLost())) return response;
    return this.sendOnce(method, path, body, type, extra);
  }

  private async sendOnce(method: string, path: string, body: string | Blob | undefined, type: string | undefined, extra: Record<string, string>): Promise<Response> {
    // The server words its error messages in the UI's language (the codes stay the same).
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language(), ...extra };
    if (type) headers['Content-Type'] = type;
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf && UNSAFE.has(method)) headers['X-CSRF-Token'] = csrf;
    try {
      return await fetch(this.base + path, { method, headers, credentials: 'include', ...(body === undefined ? {} : { body }) });
    } catch {
      // Offline, the server down, a proxy refusing: in words too, not "Failed to fetch".
      throw new ApiError(0, 'unreachable', '', undefined);
    }
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
