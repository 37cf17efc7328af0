import { ApiError, NETWORK_ERROR_MESSAGE, UNKNOWN_ERROR_MESSAGE, urlWithParams } from './api';
import { forgetSession, markPasswordExpired } from './query-client';

type Params = Parameters<typeof urlWithParams>[1];

const hasChinese = /[\u4e00-\u9fff]/;

/**
 * The ApiError for a failed response body (`{ error: { code, message, details } }`), as `api.ts`
 * makes it, for the requests that cannot go through `api` (file downloads and uploads). A lost
 * session or an expired password is handled the same way too.
 */
export function apiErrorOf(status: number, text: string): ApiError {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // a proxy's HTML error page: the generic Chinese message below
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : 'UNKNOWN';
  const message =
    typeof error?.message === 'string' && hasChinese.test(error.message)
      ? error.message
      : UNKNOWN_ERROR_MESSAGE;
  if (status === 401) forgetSession();
  if (status === 403 && code === 'PASSWORD_EXPIRED') markPasswordExpired();
  return new ApiError(status, code, message, error?.details);
}

/**
 * The file name a `Content-Disposition` header gives: the UTF-8 `filename*` (the Chinese name)
 * when present, else the plain `filename`, else `fallback`.
 */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim().replace(/^"|"$/g, ''));
    } catch {
      // malformed percent-encoding: try the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || fallback;
}

/** Hand a blob to the browser as a download named `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started reading the blob by the time the click returns; free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * GET a file (a template, an export, a report) with the session cookie and save it under the
 * server's file name. A plain link would show the user a page of JSON when the server refuses;
 * this throws an ApiError with the Chinese message instead. Resolves to the saved file name.
 */
export async function downloadFile(
  path: string,
  params: Params = {},
  fallbackName = '下载.xlsx',
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(new URL(urlWithParams(path, params), window.location.origin), {
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE);
  }
  if (!res.ok) throw apiErrorOf(res.status, await res.text().catch(() => ''));
  const fileName = fileNameFrom(res.headers.get('content-disposition'), fallbackName);
  saveBlob(await res.blob(), fileName);
  return fileName;
}
