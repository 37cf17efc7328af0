import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { Role, ScopeKind } from '../../../shared/enums';
import { createdAt, id, oneOf, updatedAt, version } from './columns';
import { institutions, regions } from './org';

export const USER_STATUSES = ['active', 'disabled'] as const;

/** One account per person (S01). */
export const users = pgTable(
  'users',
  {
    id: id(),
    username: varchar('username', { length: 64 }).notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: Role.values }).notNull(),
    institutionId: uuid('institution_id').references(() => institutions.id),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
    /** set by an admin reset or the first-admin bootstrap: change before anything else */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** TOTP secret, SM4-encrypted (S04, S15); null until enrolled */
    totpSecret: text('totp_secret'),
    /** the last accepted TOTP time step, so a code cannot be replayed */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    check('users_role', oneOf('role', Role.values)),
    check('users_status', oneOf('status', USER_STATUSES)),
    uniqueIndex('users_username').on(sql`lower(${t.username})`),
  ],
);

/** A user's data scope (S07): a set of org nodes, everything, or oneself. */
export const userScopes = pgTable(
  'user_scopes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ScopeKind.values }).notNull(),
    regionCode: varchar('region_code', { length: 6 }).references(() => regions.code),
    institutionId: uuid('institution_id').references(() => institutions.id),
  },
  (t) => [
    check('user_scopes_kind', oneOf('kind', ScopeKind.values)),
    check(
      'user_scopes_ref',
      sql`(kind = 'region') = (region_code is not null) and (kind = 'institution') = (institution_id is not null)`,
    ),
    index('user_scopes_user').on(t.userId),
  ],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256 (S05). */
export const sessions = pgTable(
  'sessions',
  {
    id: varchar('id', { length: 64 }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const LOGIN_TICKET_PURPOSES = ['mfa', 'enrol'] as const;

/**
 * The first step of a two-step login (S04): a short-lived ticket, stored as a digest,
 * that only a TOTP code can turn into a session. An enrolment ticket carries the new,
 * SM4-encrypted secret until the first code confirms it.
 */
export const loginTickets = pgTable(
  'login_tickets',
  {
    id: varchar('id', { length: 64 }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: LOGIN_TICKET_PURPOSES }).notNull(),
    pendingSecret: text('pending_secret'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    check('login_tickets_purpose', oneOf('purpose', LOGIN_TICKET_PURPOSES)),
    index('login_tickets_user').on(t.userId),
  ],
);
