import { attachment } from '../csv';

/** `attachment; filename="<ascii fallback>"; filename*=UTF-8''<percent-encoded Chinese name>` */
export function contentDisposition(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : '';
  // the fallback is for old clients: printable ASCII only, nothing that could end the quoted string
  const stem = (dot > 0 ? fileName.slice(0, dot) : fileName)
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\;%]/g, '')
    .trim();
  return attachment(fileName, `${stem || 'download'}${ext}`);
}
