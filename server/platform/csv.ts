/**
 * CSV for spreadsheets (S25). A cell that starts with `= + - @`, a tab or a carriage
 * return (also after leading spaces) would be read by Excel or WPS as a formula: it is
 * written as text by prefixing an apostrophe. A UTF-8 BOM lets Excel read Chinese.
 */
const FORMULA_START = /^(?:[\t\r]| *[=+\-@])/;

export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\ufeff${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** `Content-Disposition` for a download with a Chinese name (RFC 6266 / 5987) and an ASCII fallback. */
export function attachment(filename: string, fallback: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
