import { eq } from 'drizzle-orm';
import type { DocType } from '../../../shared/contracts/workflow';
import type { Role } from '../../../shared/enums';
import { institutions, userScopes, users } from '../../db/schema';
import type { Ctx, SessionUser } from '../../platform/context';
import { deriveKeys, staticKeyProvider } from '../../platform/crypto';
import type { TestApp } from '../../test/app';
import { type DocHandler, registerDocHandler } from './workflow.handlers';
import * as repo from './workflow.repo';
import { type StartInput, startWorkflow } from './workflow.service';

/** Test fixtures of the workflow engine: people, a service context, a recording handler. */

export async function idOfInstitution(t: TestApp, name: string): Promise<string> {
  const [row] = await t.database.db
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.name, name));
  if (!row) throw new Error(`no institution ${name}`);
  return row.id;
}

export async function idOfUser(t: TestApp, username: string): Promise<string> {
  const [row] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

/** A further account (password TEST_PASSWORD, as the demo's), e.g. a colleague or an outsider. */
export async function makeUser(
  t: TestApp,
  opts: {
    username: string;
    displayName: string;
    role: Role;
    scope:
      | { kind: 'all' }
      | { kind: 'region'; regionCode: string }
      | { kind: 'institution'; institutionId: string };
  },
): Promise<string> {
  const [template] = await t.database.db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.username, 'province'));
  const [u] = await t.database.db
    .insert(users)
    .values({
      username: opts.username,
      displayName: opts.displayName,
      role: opts.role,
      passwordHash: template!.hash,
      institutionId: opts.scope.kind === 'institution' ? opts.scope.institutionId : null,
    })
    .returning({ id: users.id });
  await t.database.db.insert(userScopes).values({
    userId: u!.id,
    kind: opts.scope.kind,
    regionCode: opts.scope.kind === 'region' ? opts.scope.regionCode : null,
    institutionId: opts.scope.kind === 'institution' ? opts.scope.institutionId : null,
  });
  return u!.id;
}

/** A service context acting as a user, as a request of theirs would have it. */
export async function ctxAs(t: TestApp, username: string, clock: Ctx['clock'] = t.clock): Promise<Ctx> {
  const [u] = await t.database.db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  const [holder] = await repo.holdersByIds(t.database.db, [u.id]);
  const user: SessionUser = {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    institutionId: u.institutionId,
    institutionName: null,
    scope: [...(holder?.scope ?? [])],
    sessionId: 'test',
    passwordExpired: false,
    mfaEnrolled: true,
  };
  return {
    db: t.database.db,
    database: t.database,
    config: t.config,
    clock,
    keys: deriveKeys(staticKeyProvider(t.config.encryptionKey!)),
    user,
    ip: '127.0.0.1',
    userAgent: null,
    log: t.app.log,
  };
}

/** Submit a document for approval as a user, in a transaction of its own. */
export async function submitAs(t: TestApp, username: string, input: StartInput): Promise<string> {
  const ctx = await ctxAs(t, username);
  return ctx.db.transaction((tx) => startWorkflow(tx, ctx, input));
}

export interface HandlerCall {
  event: 'approved' | 'rejected' | 'returned' | 'withdrawn' | 'resubmitted';
  docId: string;
  comment: string | null;
  onBehalfOf: string | null;
}

/** A handler for a document type whose module does not exist yet, recording what it is told. */
export function recordingHandler(docType: DocType) {
  const calls: HandlerCall[] = [];
  const record =
    (event: HandlerCall['event']): DocHandler['onApproved'] =>
    async (_tx, _ctx, d) => {
      calls.push({ event, docId: d.instance.docId, comment: d.comment, onBehalfOf: d.onBehalfOf });
    };
  const restore = registerDocHandler(docType, {
    link: (id) => `/test/${docType}/${id}`,
    onApproved: record('approved'),
    onRejected: record('rejected'),
    onReturned: record('returned'),
    onWithdrawn: record('withdrawn'),
    onResubmitted: async (tx, ctx, d) => {
      await record('resubmitted')(tx, ctx, d);
      return undefined;
    },
  });
  return { calls, restore };
}
