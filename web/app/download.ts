import { ApiError, apiErrorOf, NETWORK_ERROR_MESSAGE, urlWithParams } from './api';

type Params = Parameters<typeof urlWithParams>[1];

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
  if (!res.ok) throw apiErrorOf(res.status, await res.text().catch(() => ''), path);
  const fileName = fileNameFrom(res.headers.get('content-disposition'), fallbackName);
  saveBlob(await res.blob(), fileName);
  return fileName;
}
