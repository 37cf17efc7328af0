/**
 * Print the State Council calendar from the `chinese-days` package (a maintained source of
 * the official holidays and 调休 days) as the `STATE_COUNCIL_CALENDAR` literal of
 * server/seed/calendar-cn.ts. The State Council publishes the next year's calendar each
 * November: update the package, raise `CALENDAR_YEARS.last`, run
 * `npx tsx scripts/calendar-from-chinese-days.ts`, paste the output; calendar-cn.test.ts
 * checks the data against the package.
 */
import { createRequire } from 'node:module';
import { CALENDAR_YEARS, officialHolidayName } from '../server/seed/calendar-cn';

const require = createRequire(import.meta.url);
const source: Record<
  'holidays' | 'workdays',
  Record<string, string>
> = require('chinese-days/dist/chinese-days.json');

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Consecutive dates as `from..to` spans, single dates as themselves. */
function spans(dates: string[]): string[] {
  const out: string[] = [];
  let start: string | null = null;
  let prev: string | null = null;
  for (const d of [...dates].sort()) {
    if (prev && nextDay(prev) === d) {
      prev = d;
      continue;
    }
    if (start && prev) out.push(start === prev ? start : `${start}..${prev}`);
    start = prev = d;
  }
  if (start && prev) out.push(start === prev ? start : `${start}..${prev}`);
  return out;
}

const q = (d: string) => `'${d}'`;
const inRange = (date: string) =>
  date >= `${CALENDAR_YEARS.first}-01-01` && date <= `${CALENDAR_YEARS.last}-12-31`;
/** The notice a day belongs to: 元旦 days in late December are in the next year's notice. */
const noticeYear = (date: string, name: string) =>
  Number(date.slice(0, 4)) + (name === '元旦' && date.slice(5, 7) === '12' ? 1 : 0);

// One arrangement per notice year and holiday, in the order of the holiday's first day off.
const years = new Map<number, Map<string, { off: string[]; work: string[] }>>();
const take = (kind: 'off' | 'work', table: Record<string, string>) => {
  for (const [date, value] of Object.entries(table).sort(([a], [b]) => a.localeCompare(b))) {
    if (!inRange(date)) continue;
    const name = officialHolidayName(value);
    const year = noticeYear(date, name);
    if (!years.has(year)) years.set(year, new Map());
    const byName = years.get(year)!;
    if (!byName.has(name)) byName.set(name, { off: [], work: [] });
    byName.get(name)![kind].push(date);
  }
};
take('off', source.holidays);
take('work', source.workdays);

const lines = [
  'export const STATE_COUNCIL_CALENDAR: Readonly<Record<number, readonly HolidayArrangement[]>> = {',
];
for (const year of [...years.keys()].sort()) {
  lines.push(`  ${year}: [`);
  for (const [name, a] of years.get(year)!)
    lines.push(
      `    { name: '${name}', off: [${spans(a.off).map(q).join(', ')}], work: [${a.work.map(q).join(', ')}] },`,
    );
  lines.push('  ],');
}
lines.push('};');
console.log(lines.join('\n'));
