import type {
  CSRF_HEADER as SharedCsrfHeader,
  CSRF_VALUE as SharedCsrfValue,
} from '../../shared/contracts/auth';

// Copies of the shared constants, checked against them by type: importing the values would pull
// the contract module, and with it Zod, into the first-load bundle.
export const CSRF_HEADER: typeof SharedCsrfHeader = 'x-requested-with';
export const CSRF_VALUE: typeof SharedCsrfValue = 'counterpart';

export const NETWORK_ERROR_MESSAGE = '无法连接服务器，请检查网络后重试';
export const UNKNOWN_ERROR_MESSAGE = '操作失败，请稍后重试';

/** An API failure, carrying the server's code and its Chinese message (`{ error: { code, message, details } }`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The message to show a user for any error: the server's Chinese text, never an English one. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : UNKNOWN_ERROR_MESSAGE;
}

type Params = Record<string, string | number | undefined | null>;

let sessionLost: () => void = () => {};
let passwordExpired: () => void = () => {};

/** Called when a request gets 401 UNAUTHENTICATED: the session expired or was revoked. */
export function onSessionLost(handler: () => void): void {
  sessionLost = handler;
}

/** Called when a request gets 403 PASSWORD_EXPIRED: nothing but a password change is allowed (S02). */
export function onPasswordExpired(handler: () => void): void {
  passwordExpired = handler;
}

/**
 * 401s that answer what the user typed (wrong password, wrong one-time code) rather than a lost
 * session: the user stays on the page and reads the message.
 */
const CREDENTIAL_ERRORS = new Set(['INVALID_CREDENTIALS', 'MFA_INVALID', 'WRONG_PASSWORD']);

const hasChinese = /[\u4e00-\u9fff]/;

/**
 * The ApiError for a failed response (`{ error: { code, message, details } }`), telling the app
 * when the session was lost or the password expired. Also used by requests that cannot go
 * through `api` (file downloads, uploads with progress).
 */
export function apiErrorOf(status: number, text: string, path = ''): ApiError {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // a proxy's HTML error page: the generic Chinese message below
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : 'UNKNOWN';
  // A proxy's error page or a framework default may be English: users get the generic Chinese text.
  const message =
    typeof error?.message === 'string' && hasChinese.test(error.message)
      ? error.message
      : UNKNOWN_ERROR_MESSAGE;
  // A 401 from login means wrong credentials, not a lost session.
  if (status === 401 && path !== '/api/auth/login' && !CREDENTIAL_ERRORS.has(code)) sessionLost();
  if (status === 403 && code === 'PASSWORD_EXPIRED') passwordExpired();
  return new ApiError(status, code, message, error?.details);
}

async function request<T>(method: string, path: string, options: { params?: Params; body?: unknown } = {}) {
  const url = new URL(urlWithParams(path, options.params), window.location.origin);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers[CSRF_HEADER] = CSRF_VALUE;
  if (options.body !== undefined) headers['content-type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
  }
  if (!res.ok) throw apiErrorOf(res.status, await res.text().catch(() => ''), path);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, params?: Params) => request<T>('GET', path, { params }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** A same-origin URL with the given query (empty values left out), e.g. for a download link. */
export function urlWithParams(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** The list shape of every paged endpoint (`pageOf` in shared/contracts/common.ts). */
export interface Page<T> {
  items: T[];
  total: number;
}
