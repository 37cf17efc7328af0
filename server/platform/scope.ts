import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { regions } from '../db/schema';
import type { ScopeNode } from './context';

/**
 * The scope filter for anything owned by an institution (S07), as SQL for the WHERE
 * clause, so out-of-scope rows are never loaded. `regionCode` and `institutionId` are the
 * row's columns. Two-sided records pass both sides and are visible if either matches.
 */
export function institutionScope(
  user: { scope: readonly ScopeNode[]; institutionId: string | null },
  ...sides: { regionCode: AnyPgColumn; institutionId: AnyPgColumn }[]
): SQL {
  const parts: SQL[] = [];
  for (const node of user.scope) {
    if (node.kind === 'all') return sql`true`;
    for (const side of sides) {
      if (node.kind === 'region' && node.regionPath) {
        parts.push(
          sql`${side.regionCode} in (select ${regions.code} from ${regions} where ${regions.path} like ${`${node.regionPath}%`})`,
        );
      } else if (node.kind === 'institution' && node.institutionId) {
        parts.push(sql`${side.institutionId} = ${node.institutionId}`);
      } else if (node.kind === 'self' && user.institutionId) {
        parts.push(sql`${side.institutionId} = ${user.institutionId}`);
      }
    }
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}
