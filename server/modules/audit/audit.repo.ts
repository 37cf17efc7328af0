import { and, count, desc, eq, gte, ilike, inArray, like, lt, or, type SQL } from 'drizzle-orm';
import type { AuditExportQuery } from '../../../shared/contracts/audit';
import type { PageQuery } from '../../../shared/contracts/common';
import type { Executor } from '../../db/client';
import { auditEvents, users } from '../../db/schema';

const DAY_MS = 86_400_000;

/** The start of a calendar date in Asia/Shanghai (UTC+8, no daylight saving). */
const startOfShanghaiDay = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** `%` and `_` typed by the user are literal characters, not wildcards. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The actor by username or name, partial: the name recorded in the event, or the current
 * username and display name of its account (events may record either).
 */
function actorMatches(db: Executor, actor: string): SQL | undefined {
  const pattern = `%${escapeLike(actor)}%`;
  const accounts = db
    .select({ id: users.id })
    .from(users)
    .where(or(ilike(users.username, pattern), ilike(users.displayName, pattern)));
  return or(ilike(auditEvents.actorName, pattern), inArray(auditEvents.actorId, accounts));
}

function filterOf(db: Executor, f: AuditExportQuery): SQL | undefined {
  return and(
    f.from ? gte(auditEvents.at, startOfShanghaiDay(f.from)) : undefined,
    f.to ? lt(auditEvents.at, new Date(startOfShanghaiDay(f.to).getTime() + DAY_MS)) : undefined,
    f.actor ? actorMatches(db, f.actor) : undefined,
    // A family ends in a dot (`auth.` = every sign-in event); otherwise the exact action.
    f.action
      ? f.action.endsWith('.')
        ? like(auditEvents.action, `${escapeLike(f.action)}%`)
        : eq(auditEvents.action, f.action)
      : undefined,
    f.result ? eq(auditEvents.result, f.result) : undefined,
  );
}

/** Newest first: ids follow the order of appending. */
export async function listEvents(db: Executor, f: AuditExportQuery, page: PageQuery) {
  const where = filterOf(db, f);
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export function countEvents(db: Executor, f: AuditExportQuery): Promise<number> {
  return db
    .select({ n: count() })
    .from(auditEvents)
    .where(filterOf(db, f))
    .then(([row]) => row?.n ?? 0);
}

export function allEvents(db: Executor, f: AuditExportQuery, limit: number) {
  return db.select().from(auditEvents).where(filterOf(db, f)).orderBy(desc(auditEvents.id)).limit(limit);
}

export type AuditEventRow = typeof auditEvents.$inferSelect;
