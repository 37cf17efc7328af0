import type {
  CSRF_HEADER as SharedCsrfHeader,
  CSRF_VALUE as SharedCsrfValue,
} from '../../shared/contracts/auth';

// Copies of the shared constants, checked against them by type: importing the values would pull
// the contract module, and with it Zod, into the first-load bundle.
const CSRF_HEADER: typeof SharedCsrfHeader = 'x-requested-with';
const CSRF_VALUE: typeof SharedCsrfValue = 'counterpart';

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

/** Called when a request other than login gets 401: the session expired or was revoked. */
export function onSessionLost(handler: () => void): void {
  sessionLost = handler;
}

const hasChinese = /[\u4e00-\u9fff]/;

async function toApiError(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : 'UNKNOWN';
  // A proxy's error page or a framework default may be English: users get the generic Chinese text.
  const message =
    typeof error?.message === 'string' && hasChinese.test(error.message)
      ? error.message
      : UNKNOWN_ERROR_MESSAGE;
  return new ApiError(res.status, code, message, error?.details);
}

async function request<T>(method: string, path: string, options: { params?: Params; body?: unknown } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
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
  if (!res.ok) {
    // A 401 from login means wrong credentials, not a lost session.
    if (res.status === 401 && path !== '/api/auth/login') sessionLost();
    throw await toApiError(res);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, params?: Params) => request<T>('GET', path, { params }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
};

/** The list shape of every paged endpoint (`pageOf` in shared/contracts/common.ts). */
export interface Page<T> {
  items: T[];
  total: number;
}
