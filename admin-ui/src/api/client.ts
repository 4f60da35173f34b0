// The one connection to the server: a Directus SDK client for /auth, /users and /items (tokens kept
// in localStorage and refreshed before they expire), and `api()` for the platform's /api actions
// with their { success, data, error } envelope. Every failure becomes an ApiError with the server's
// stable code, a human message and the field it is about.
import { authentication, createDirectus, rest, type AuthenticationData } from '@directus/sdk';

const TOKENS_KEY = 'phone-shop.auth';

export const serverUrl = (): string => window.location.origin;

const storage = {
  get(): AuthenticationData | null {
    const raw = localStorage.getItem(TOKENS_KEY);
    return raw ? (JSON.parse(raw) as AuthenticationData) : null;
  },
  set(value: AuthenticationData | null): void {
    // The SDK empties the tokens before it asks for new ones (a refresh, a login). Offline, that
    // refresh fails and the phone would be signed out: the tokens are kept until new ones come, and
    // only clearSession() (a logout, a refused session) removes them.
    if (value && value.access_token === null && value.refresh_token === null) return;
    if (value) localStorage.setItem(TOKENS_KEY, JSON.stringify(value));
    else localStorage.removeItem(TOKENS_KEY);
  },
};

/** Fired when the server refuses the session itself (401 even after a refresh). */
export const SESSION_EXPIRED = 'phone-shop:session-expired';
/** Fired when the shop requires two-factor authentication of the account and it is off (403). */
export const TWO_FACTOR_REQUIRED = 'phone-shop:two-factor-required';
/** Fired when the server asks to slow down (429 RATE_LIMITED); `detail` is a RateLimit. */
export const RATE_LIMITED = 'phone-shop:rate-limited';

export interface RateLimit {
  /** Seconds to wait, from the Retry-After header (or the message). */
  seconds: number;
  message: string;
}

export const directus = createDirectus(serverUrl())
  .with(authentication('json', { storage, autoRefresh: true, msRefreshBeforeExpires: 60_000 }))
  .with(rest());

export function hasStoredSession(): boolean {
  return storage.get()?.refresh_token != null;
}

export function clearSession(): void {
  storage.set(null);
}

/** The refresh token this device holds: its SHA-256 names the session (profile/security.ts). */
export function storedRefreshToken(): string | null {
  return storage.get()?.refresh_token ?? null;
}

/** A refusal or failure of the server, in one shape whatever the surface (/api, /items, /auth). */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  readonly details: Record<string, string[]> | undefined;
  readonly context: Record<string, unknown> | undefined;
  /** Seconds the server asks to wait before trying again (429), when it says. */
  readonly retryAfter: number | undefined;

  constructor(
    code: string,
    message: string,
    status: number,
    extra: {
      field?: string | undefined;
      details?: Record<string, string[]> | undefined;
      context?: Record<string, unknown> | undefined;
      retryAfter?: number | undefined;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.field = extra.field;
    this.details = extra.details;
    this.context = extra.context;
    this.retryAfter = extra.retryAfter;
  }
}

interface DirectusErrorBody {
  errors?: { message?: string; extensions?: { code?: string; field?: string } & Record<string, unknown> }[];
}
interface EnvelopeError {
  success: false;
  error: {
    code: string;
    message: string;
    details?: Record<string, string[]>;
    context?: Record<string, unknown>;
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * The seconds of a Retry-After header (a number of seconds or an HTTP date), or, failing that, of a
 * message that says "in N s"; undefined when neither says.
 */
export function retryAfterSeconds(header: string | null, message = '', now = Date.now()): number | undefined {
  if (header) {
    if (/^\d+$/.test(header.trim())) return Number(header.trim());
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  const said = /in (\d+) s\b/.exec(message);
  return said ? Number(said[1]) : undefined;
}

/** Reads either error format (the /api envelope or Directus's `errors` list) into an ApiError. */
export function toApiError(body: unknown, status: number, retryAfterHeader: string | null = null): ApiError {
  if (isRecord(body) && body['success'] === false && isRecord(body['error'])) {
    const { error } = body as unknown as EnvelopeError;
    const field = error.details ? Object.keys(error.details)[0] : undefined;
    return new ApiError(error.code, error.message, status, {
      field,
      details: error.details,
      context: error.context,
      retryAfter: status === 429 ? retryAfterSeconds(retryAfterHeader, error.message) : undefined,
    });
  }
  const first = isRecord(body) ? (body as DirectusErrorBody).errors?.[0] : undefined;
  if (first) {
    const { code, field, ...context } = first.extensions ?? {};
    const message = first.message ?? 'Request failed';
    return new ApiError(code ?? 'ERROR', message, status, {
      field,
      context,
      retryAfter: status === 429 ? retryAfterSeconds(retryAfterHeader, message) : undefined,
    });
  }
  if (status === 0) return new ApiError('NETWORK', 'The server cannot be reached', 0);
  return new ApiError('HTTP_' + String(status), `Request failed (${String(status)})`, status);
}

/** Errors thrown by the SDK carry `errors` and `response`; anything else is a network failure. */
export function fromSdkError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isRecord(error) && 'errors' in error) {
    const response = error['response'];
    const status = response instanceof Response ? response.status : 400;
    return toApiError(
      error,
      status,
      response instanceof Response ? response.headers.get('retry-after') : null,
    );
  }
  if (error instanceof TypeError) return new ApiError('NETWORK', 'The server cannot be reached', 0);
  return new ApiError('ERROR', error instanceof Error ? error.message : String(error), 0);
}

/** Whether a 401 means the session itself is refused (not a wrong password or code at sign-in). */
export const refusesSession = (error: ApiError): boolean =>
  error.status === 401 && error.code !== 'INVALID_CREDENTIALS' && error.code !== 'INVALID_OTP';

/** Whether a refusal is about the whole session, told once by the app rather than by each request. */
export const isSessionWide = (error: ApiError): boolean =>
  refusesSession(error) ||
  (error.status === 403 && error.code === 'TWO_FACTOR_REQUIRED') ||
  (error.status === 429 && error.code === 'RATE_LIMITED');

/** The texts of the last session-wide refusals: the notice of a failed page load is not repeated. */
const quiet: string[] = [];

export function isQuietMessage(text: unknown): boolean {
  return typeof text === 'string' && quiet.includes(text);
}

/**
 * Tells the app about refusals that concern the whole session rather than one action: a shop that
 * requires two-factor authentication first, a server asking to slow down. Answers the error.
 */
export function announce(error: ApiError): ApiError {
  if (!isSessionWide(error)) return error;
  if (!quiet.includes(error.message)) {
    quiet.push(error.message);
    if (quiet.length > 20) quiet.shift();
  }
  if (error.code === 'TWO_FACTOR_REQUIRED') window.dispatchEvent(new Event(TWO_FACTOR_REQUIRED));
  if (error.code === 'RATE_LIMITED') {
    const detail: RateLimit = { seconds: error.retryAfter ?? 0, message: error.message };
    window.dispatchEvent(new CustomEvent(RATE_LIMITED, { detail }));
  }
  return error;
}

/**
 * Runs an SDK request, turning its failures into ApiError. A session refused (revoked by a password
 * change or a sign-out everywhere) is refreshed once; if that fails too, the app is told.
 */
export async function sdk<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const failure = fromSdkError(error);
    if (!refusesSession(failure)) throw announce(failure);
    const refreshed = await directus.refresh().then(
      () => true,
      () => false,
    );
    if (!refreshed) {
      window.dispatchEvent(new Event(SESSION_EXPIRED));
      throw announce(failure);
    }
    try {
      return await run();
    } catch (again) {
      const second = fromSdkError(again);
      if (refusesSession(second)) window.dispatchEvent(new Event(SESSION_EXPIRED));
      throw announce(second);
    }
  }
}

async function authHeader(): Promise<Record<string, string>> {
  const token = await directus.getToken().catch(() => null);
  return token ? { authorization: `Bearer ${token}` } : {};
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A body sent as it is (a CSV file, an upload), with its content type. */
  raw?: { body: BodyInit; type?: string };
}

export function apiUrl(path: string, query: ApiOptions['query'] = {}): string {
  const url = new URL(path, serverUrl());
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/**
 * The stored access token while it has more than the SDK's refresh margin to live. Read at once, so
 * that a request leaves in the same tick as its call (the till's first requests go out while the
 * rest of the app's code is still being evaluated); otherwise the SDK refreshes it first.
 */
function freshToken(): string | null {
  const data = storage.get();
  const expiresAt = data?.expires_at ?? 0;
  return data?.access_token && expiresAt - Date.now() > 60_000 ? data.access_token : null;
}

async function request(path: string, options: ApiOptions, auth: Record<string, string>): Promise<Response> {
  const headers: Record<string, string> = { ...auth, ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.raw?.type) headers['content-type'] = options.raw.type;
  try {
    return await fetch(apiUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.raw ? options.raw.body : options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('NETWORK', 'The server cannot be reached', 0);
  }
}

function send(path: string, options: ApiOptions): Promise<Response> {
  const token = freshToken();
  if (token) return request(path, options, { authorization: `Bearer ${token}` });
  return authHeader().then((auth) => request(path, options, auth));
}

export interface Envelope<T> {
  data: T;
  meta?: { total?: number; limit?: number; offset?: number };
  message?: string;
}

/** Calls an /api action and answers its envelope; throws ApiError on a refusal. */
export async function apiEnvelope<T>(path: string, options: ApiOptions = {}): Promise<Envelope<T>> {
  let response = await send(path, options);
  if (response.status === 401) {
    // An access token that expired while the tab slept: refresh once and try again.
    const refreshed = await directus.refresh().then(
      () => true,
      () => false,
    );
    if (refreshed) response = await send(path, options);
    if (response.status === 401) window.dispatchEvent(new Event(SESSION_EXPIRED));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok || (isRecord(body) && body['success'] === false))
    throw announce(toApiError(body, response.status, response.headers.get('retry-after')));
  return body as Envelope<T>;
}

export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  return (await apiEnvelope<T>(path, options)).data;
}

/** What an upload is for: the server checks its content against it (a logo must be an image...). */
export type UploadPurpose = 'expense_receipt' | 'logo' | 'document';

/**
 * Uploads a file to Directus's files (kept in the uploader's shop) and answers its id. The purpose
 * goes before the file: the server reads it first, to know what the file may be.
 */
export async function uploadFile(file: File, purpose: UploadPurpose = 'document'): Promise<string> {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', file, file.name);
  const uploaded = await apiEnvelope<{ id: string }>('/files', { method: 'POST', raw: { body: form } });
  return uploaded.data.id;
}

/** A file's address for an <img> or a link: /assets with the session's token (no header there). */
export function assetUrl(id: string): string {
  const token = storage.get()?.access_token;
  return apiUrl(`/assets/${id}`, token ? { access_token: token } : {});
}

/** Downloads a binary answer (a receipt PDF or ESC/POS bytes) with the session's token. */
export async function apiBlob(path: string, query: ApiOptions['query'] = {}): Promise<Blob> {
  const response = await send(path, { query });
  if (!response.ok)
    throw announce(
      toApiError(
        await response.json().catch(() => null),
        response.status,
        response.headers.get('retry-after'),
      ),
    );
  return response.blob();
}
