import { ApiError, apiErrorOf, CSRF_HEADER, CSRF_VALUE, NETWORK_ERROR_MESSAGE, urlWithParams } from './api';

export const UPLOAD_CANCELLED = 'UPLOAD_CANCELLED';

export interface Upload<T> {
  /** the server's JSON answer; rejects with an ApiError (its Chinese message) */
  done: Promise<T>;
  /** stop sending: `done` rejects with code UPLOAD_CANCELLED */
  abort(): void;
}

/**
 * POST a file as the raw request body. XMLHttpRequest rather than fetch because only it reports
 * upload progress; `onProgress` gets the fraction sent, 0 to 1.
 */
export function uploadFile<T>(
  path: string,
  params: Parameters<typeof urlWithParams>[1],
  file: Blob,
  contentType: string,
  onProgress: (fraction: number) => void,
): Upload<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', urlWithParams(path, params));
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader(CSRF_HEADER, CSRF_VALUE);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(apiErrorOf(xhr.status, xhr.responseText, path));
        return;
      }
      try {
        resolve(JSON.parse(xhr.responseText) as T);
      } catch {
        reject(apiErrorOf(xhr.status, '', path));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', NETWORK_ERROR_MESSAGE));
    xhr.onabort = () => reject(new ApiError(0, UPLOAD_CANCELLED, '已取消上传'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
