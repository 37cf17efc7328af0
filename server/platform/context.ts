import type { FastifyBaseLogger } from 'fastify';
import type { Role, ScopeKind } from '../../shared/enums';
import type { Config } from '../config';
import type { Database, Db } from '../db/client';
import type { Clock } from './clock';
import type { DataKeys } from './crypto';
import { unauthorized } from './errors';

export interface ScopeNode {
  kind: ScopeKind;
  regionCode: string | null;
  /** `/000000/510000/…/` of the region, for subtree matching */
  regionPath: string | null;
  institutionId: string | null;
  name: string;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  institutionId: string | null;
  institutionName: string | null;
  scope: ScopeNode[];
  sessionId: string;
  /** must change the password before anything else (S02) */
  passwordExpired: boolean;
  mfaEnrolled: boolean;
}

/** What a service needs of a request: who, what they may see, the clock, the database — not HTTP. */
export interface Ctx {
  db: Db;
  database: Database;
  config: Config;
  clock: Clock;
  /** keys derived from the master key (S15) */
  keys: DataKeys;
  user: SessionUser | null;
  ip: string;
  userAgent: string | null;
  log: FastifyBaseLogger;
}

export function requireUser(ctx: Ctx): SessionUser {
  if (!ctx.user) throw unauthorized();
  return ctx.user;
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
  }
}
