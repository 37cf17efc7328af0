import type { Executor } from '../../db/client';
import type { WorkCalendar } from './calendar.rules';

/**
 * Load the calendar (State Council exceptions and every prefecture's regional holidays) for
 * `from`–`to` inclusive. PLACEHOLDER: implemented by the calendar work (issue 7).
 */
export async function loadWorkCalendar(_db: Executor, _from: string, _to: string): Promise<WorkCalendar> {
  return { exceptions: new Map(), regional: new Map() };
}
