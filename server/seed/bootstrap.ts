import { count } from 'drizzle-orm';
import type { Database } from '../db/client';
import { users } from '../db/schema';
import { hashPassword, randomPassword } from '../platform/passwords';

/**
 * S01: no default account. A database without users gets one system admin with a random
 * password, returned so start-up can print it once; it must be changed at first login.
 */
export async function bootstrapFirstAdmin(
  database: Database,
  now: Date,
): Promise<{ username: string; password: string } | null> {
  const [row] = await database.db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return null;
  const password = randomPassword();
  // Several instances may start together on one PostgreSQL: only the insert that lands prints.
  const inserted = await database.db
    .insert(users)
    .values({
      username: 'sysadmin',
      displayName: '系统管理员',
      role: 'system_admin',
      passwordHash: await hashPassword(password),
      // Dated in the past so the periodic-change rule asks for a new password at first login.
      passwordChangedAt: new Date(0),
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return inserted.length ? { username: 'sysadmin', password } : null;
}
