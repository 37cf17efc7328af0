/**
 * Dates as a Chinese official reads them, always in Beijing time whatever the browser's zone:
 * `2026-03-05 14:07:09`. Intl rather than a dayjs timezone plugin, which would join the first load.
 */
const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = Object.fromEntries(dateTimeFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** `YYYY-MM-DD HH:mm` (Beijing time), for "locked until" and the like. */
export const formatDateTimeMinutes = (iso: string | null | undefined) =>
  formatDateTime(iso).replace(/:\d{2}$/, '');

/** Today's calendar date in Beijing time, whatever the browser's zone (`YYYY-MM-DD`). */
export function todayInShanghai(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
