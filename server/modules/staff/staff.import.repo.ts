import { and, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { institutions } from '../../db/schema';
import { chunks } from '../excel/importer';

/** Batched look-ups for the staff importer: one query per few thousand names, not one per row. */

/** Institutions holding any of the names (工作单位), their role, and whether each lies in the caller's scope. */
export async function institutionsByName(db: Executor, scope: SQL, names: string[]) {
  const out = [];
  for (const part of chunks([...new Set(names)], 5000))
    out.push(
      ...(await db
        .select({
          id: institutions.id,
          name: institutions.name,
          role: institutions.role,
          inScope: sql<boolean>`coalesce(${scope}, false)`,
        })
        .from(institutions)
        .where(inArray(institutions.name, part))),
    );
  return out;
}

/** Which of these institutions lie in the caller's scope. */
export async function institutionIdsInScope(db: Executor, scope: SQL, ids: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks([...new Set(ids)], 5000)) {
    const rows = await db
      .select({ id: institutions.id })
      .from(institutions)
      .where(and(scope, inArray(institutions.id, part)));
    for (const r of rows) out.add(r.id);
  }
  return out;
}
