import { timingSafeEqual } from 'node:crypto';
import { and, asc, count, desc, eq, gt, gte, like, lte, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { AuditAction } from '../../shared/audit-actions';
import type { AUDIT_RESULTS, AuditVerifyDto } from '../../shared/contracts/audit';
import type { Executor, Tx } from '../db/client';
import { auditAnchor, auditCheckpoints, auditEvents } from '../db/schema';
import { keepSince, purgeRefusal, retentionMessage } from './audit-retention';
import type { Ctx, SessionUser } from './context';
import { type DataKeys, hmacSm3, sm3 } from './crypto';
import { AppError } from './errors';

/**
 * The tamper-evident audit trail (S11, S12, S13). Each row's hash is
 * SM3(prev_hash + canonical JSON of the row), the head of the chain is kept in a signed
 * anchor outside it, and purges leave signed checkpoints. See docs/decisions/003-audit-trail.md.
 */

export type AuditResult = (typeof AUDIT_RESULTS)[number];

export interface AuditInput {
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  result: AuditResult;
  ip?: string | null;
  details?: Record<string, unknown> | null;
}

/** Any fixed number: the advisory lock that serialises appends and purges across app instances. */
const AUDIT_LOCK = 727_2017_173;
export const GENESIS_HASH = '0'.repeat(64);
const VERIFY_BATCH = 2_000;
/** Written instead of a signature once the anchor failed its check, so a later append cannot launder it. */
const UNSIGNED = 'unsigned';

type AuditRow = typeof auditEvents.$inferSelect;
type ChainedFields = Omit<AuditRow, 'prevHash' | 'hash'>;

/** JSON with the keys of every object sorted: the same text for the same value, however jsonb reorders it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The hash of a row chained to its predecessor. Every field is taken as the database gives
 * it back (`at` to the millisecond, `details` as parsed jsonb), so verify recomputes it
 * from the stored row alone.
 */
export function chainHash(prevHash: string, row: ChainedFields): string {
  return sm3(
    prevHash +
      canonicalJson({
        id: row.id,
        at: row.at.toISOString(),
        actorId: row.actorId,
        actorName: row.actorName,
        actorRole: row.actorRole,
        action: row.action,
        objectType: row.objectType,
        objectId: row.objectId,
        result: row.result,
        ip: row.ip,
        details: row.details,
      }),
  );
}

/** PostgreSQL text and jsonb refuse NUL, and jsonb refuses lone surrogates: replace them before hashing. */
function cleanText(s: string): string {
  return s
    .replaceAll('\u0000', '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function cleanJson(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanJson);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanJson(v)]));
  return value;
}

const optionalText = (s: string | null | undefined) => (s == null ? null : cleanText(s));

/**
 * The row as it will read back: JSON-only values (a JSON round trip drops undefined, turns
 * dates into strings and -0 into 0), clean strings, milliseconds, a lower-case uuid.
 */
function normalise(event: AuditInput): Omit<ChainedFields, 'id'> {
  const details = event.details == null ? null : (JSON.parse(JSON.stringify(event.details)) as unknown);
  return {
    at: new Date(event.at.getTime()),
    actorId: event.actorId?.toLowerCase() ?? null,
    actorName: optionalText(event.actorName),
    actorRole: optionalText(event.actorRole),
    action: cleanText(event.action),
    objectType: optionalText(event.objectType),
    objectId: optionalText(event.objectId),
    result: event.result,
    ip: optionalText(event.ip),
    details: details === null ? null : (cleanJson(details) as Record<string, unknown>),
  };
}

interface Head {
  lastId: number;
  lastHash: string;
  count: number;
}

const sign = (keys: DataKeys, text: string) => hmacSm3(keys.audit, text).toString('hex');
const anchorSignature = (keys: DataKeys, h: Head) =>
  sign(keys, `anchor|${h.lastId}|${h.lastHash}|${h.count}`);
const checkpointSignature = (
  keys: DataKeys,
  c: { upToId: number; hash: string; rowsPurged: number; at: Date },
) => sign(keys, `checkpoint|${c.upToId}|${c.hash}|${c.rowsPurged}|${c.at.toISOString()}`);

function sameSignature(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(actual, 'hex');
  return a.length === b.length && b.length > 0 && timingSafeEqual(a, b);
}

async function lockChain(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK}::bigint)`);
}

/**
 * Where the next row goes. The anchor is trusted only with a valid signature; a forged or
 * missing anchor is still appended to (auditing must go on) but is left unsigned, so the
 * next append cannot launder the tampering into a valid head and verify keeps reporting it.
 */
async function readHead(tx: Tx, keys: DataKeys): Promise<Head & { trusted: boolean }> {
  const [anchor] = await tx.select().from(auditAnchor).where(eq(auditAnchor.id, 1));
  if (anchor) return { ...anchor, trusted: sameSignature(anchorSignature(keys, anchor), anchor.signature) };
  const [last] = await tx
    .select({ id: auditEvents.id, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  const [checkpoint] = await latestCheckpoint(tx);
  const [rows] = await tx.select({ n: count() }).from(auditEvents);
  if (!last && !checkpoint) return { lastId: 0, lastHash: GENESIS_HASH, count: 0, trusted: true };
  const head =
    last && last.id > (checkpoint?.upToId ?? 0) ? last : { id: checkpoint!.upToId, hash: checkpoint!.hash };
  return { lastId: head.id, lastHash: head.hash, count: rows?.n ?? 0, trusted: false };
}

async function writeAnchor(tx: Tx, keys: DataKeys, head: Head, at: Date, trusted: boolean): Promise<void> {
  const values = { ...head, signature: trusted ? anchorSignature(keys, head) : UNSIGNED, updatedAt: at };
  await tx
    .insert(auditAnchor)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: auditAnchor.id, set: values });
}

function latestCheckpoint(db: Executor) {
  return db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.upToId)).limit(1);
}

/**
 * Append one event (S11). Appends are serialised across app instances by a transaction
 * advisory lock: inside the caller's transaction it is held until that commits, so record
 * the event last. The id is the anchor's last id + 1, so ids have no gaps.
 */
export async function recordAudit(db: Executor, keys: DataKeys, event: AuditInput): Promise<void> {
  const fields = normalise(event);
  await db.transaction(async (tx) => {
    await lockChain(tx);
    const head = await readHead(tx, keys);
    const row = { id: head.lastId + 1, ...fields };
    const hash = chainHash(head.lastHash, row);
    await tx.insert(auditEvents).values({ ...row, prevHash: head.lastHash, hash });
    await writeAnchor(
      tx,
      keys,
      { lastId: row.id, lastHash: hash, count: head.count + 1 },
      row.at,
      head.trusted,
    );
  });
}

/** How the trail names a user: `显示名（用户名）` as they were at the time; survives the account. */
export function actorLabel(user: Pick<SessionUser, 'displayName' | 'username'>): string {
  return `${user.displayName}（${user.username}）`;
}

export interface AuditFields {
  objectType?: string | null;
  objectId?: string | null;
  /** default 'ok' */
  result?: AuditResult;
  details?: Record<string, unknown> | null;
  /** used when nobody is signed in, e.g. a failed login: who it was about */
  actorId?: string | null;
  actorName?: string | null;
  actorRole?: string | null;
}

/**
 * Record an event of the current request: actor, IP, time and keys come from ctx. Pass the
 * transaction as `db` when the event belongs to it; an event that must survive a failure
 * (a refused login) goes through `ctx.db`, outside the transaction that rolls back.
 */
export async function audit(
  ctx: Ctx,
  action: AuditAction,
  fields: AuditFields = {},
  db: Executor = ctx.db,
): Promise<void> {
  const user = ctx.user;
  await recordAudit(db, ctx.keys, {
    at: ctx.clock.now(),
    actorId: user ? user.id : (fields.actorId ?? null),
    actorName: user ? actorLabel(user) : (fields.actorName ?? null),
    actorRole: user ? user.role : (fields.actorRole ?? null),
    action,
    objectType: fields.objectType ?? null,
    objectId: fields.objectId ?? null,
    result: fields.result ?? 'ok',
    ip: ctx.ip,
    details: fields.details ?? null,
  });
}

/**
 * Walk the chain from the latest checkpoint in id order, recomputing every hash, then
 * compare its end with the signed anchor (S12). Reads one snapshot, so appends made
 * meanwhile do not show up as a mismatch.
 */
export async function verifyAudit(
  db: Executor,
  keys: DataKeys,
  batchSize = VERIFY_BATCH,
): Promise<AuditVerifyDto> {
  if (db instanceof PgTransaction) return verifyChain(db, keys, batchSize);
  return db.transaction((tx) => verifyChain(tx, keys, batchSize), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

async function verifyChain(db: Executor, keys: DataKeys, batchSize = VERIFY_BATCH): Promise<AuditVerifyDto> {
  const [anchor] = await db.select().from(auditAnchor).where(eq(auditAnchor.id, 1));
  const [checkpoint] = await latestCheckpoint(db);
  let checked = 0;
  const broken = (id: number | null, reason: string): AuditVerifyDto => ({
    ok: false,
    checked,
    firstBroken: { id, reason },
  });

  if (checkpoint) {
    if (!sameSignature(checkpointSignature(keys, checkpoint), checkpoint.signature))
      return broken(checkpoint.upToId, '清理检查点签名无效');
    const [left] = await db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(lte(auditEvents.id, checkpoint.upToId))
      .limit(1);
    if (left) return broken(left.id, '清理检查点之前存在记录（检查点之后被插入）');
  }

  let lastId = checkpoint?.upToId ?? 0;
  let lastHash = checkpoint?.hash ?? GENESIS_HASH;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, lastId))
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    for (const row of rows) {
      if (row.id !== lastId + 1) return broken(lastId + 1, '记录缺失（编号不连续）');
      if (row.prevHash !== lastHash) return broken(row.id, '哈希链断裂（与前一条记录不衔接）');
      if (chainHash(lastHash, row) !== row.hash) return broken(row.id, '记录内容被修改');
      lastId = row.id;
      lastHash = row.hash;
      checked++;
    }
    if (rows.length < batchSize) break;
  }

  if (!anchor) return lastId === 0 ? { ok: true, checked } : broken(null, '锚点缺失');
  if (!sameSignature(anchorSignature(keys, anchor), anchor.signature)) return broken(null, '锚点签名无效');
  if (lastId < anchor.lastId) return broken(lastId + 1, '最新记录被删除（与锚点不符）');
  if (lastId > anchor.lastId) return broken(anchor.lastId + 1, '存在锚点之后的记录（与锚点不符）');
  if (lastHash !== anchor.lastHash) return broken(lastId, '最新记录与锚点不符');
  if (checked !== anchor.count) return broken(null, '记录条数与锚点不符');
  return { ok: true, checked };
}

export interface PurgeResult {
  purged: number;
  /** the checkpoint left, or null when nothing was old enough */
  upToId: number | null;
}

/**
 * Delete the old part of the chain and leave a signed checkpoint (S13). Refuses a `before`
 * younger than the security retention, a range holding personal-information records
 * younger than theirs, and a chain that does not verify (purging would destroy the
 * evidence). Removes a prefix of the chain: the rows before the first one at or after
 * `before`, so the rest stays contiguous even if instances' clocks disagreed.
 */
export async function purgeAudit(
  db: Executor,
  keys: DataKeys,
  opts: { before: Date; now: Date; actor?: Pick<AuditInput, 'actorId' | 'actorName' | 'actorRole' | 'ip'> },
): Promise<PurgeResult> {
  const { before, now } = opts;
  const refusal = purgeRefusal('security', before, now);
  if (refusal) throw new AppError(400, 'AUDIT_RETENTION', refusal);
  return db.transaction(async (tx) => {
    await lockChain(tx);
    const state = await verifyChain(tx, keys);
    if (!state.ok)
      throw new AppError(409, 'AUDIT_BROKEN', `审计日志校验未通过（${state.firstBroken?.reason}），不能清理`);
    const [checkpoint] = await latestCheckpoint(tx);
    const from = checkpoint?.upToId ?? 0;
    const [firstKept] = await tx
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(gte(auditEvents.at, before))
      .orderBy(asc(auditEvents.id))
      .limit(1);
    const [anchor] = await tx.select().from(auditAnchor).where(eq(auditAnchor.id, 1));
    const upTo = firstKept ? firstKept.id - 1 : (anchor?.lastId ?? 0);
    const purged = Math.max(upTo - from, 0);

    if (purged > 0) {
      const [youngPi] = await tx
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(
          and(
            lte(auditEvents.id, upTo),
            like(auditEvents.action, 'pi.%'),
            gte(auditEvents.at, keepSince('personalInformation', now)),
          ),
        )
        .limit(1);
      if (youngPi) throw new AppError(400, 'AUDIT_RETENTION', retentionMessage('personalInformation', now));
      const [last] = await tx
        .select({ hash: auditEvents.hash })
        .from(auditEvents)
        .where(eq(auditEvents.id, upTo));
      // The trigger lets DELETE through only while this transaction-local flag is on (migration 0003).
      await tx.execute(sql`select set_config('counterpart.audit_purge', 'on', true)`);
      await tx.delete(auditEvents).where(lte(auditEvents.id, upTo));
      await tx.execute(sql`select set_config('counterpart.audit_purge', 'off', true)`);
      const mark = { upToId: upTo, hash: last!.hash, rowsPurged: purged, at: now };
      await tx.insert(auditCheckpoints).values({ ...mark, signature: checkpointSignature(keys, mark) });
      const head = { lastId: anchor!.lastId, lastHash: anchor!.lastHash, count: anchor!.count - purged };
      await writeAnchor(tx, keys, head, now, true);
    }

    await recordAudit(tx, keys, {
      at: now,
      actorId: opts.actor?.actorId ?? null,
      actorName: opts.actor?.actorName ?? '系统（保留期清理）',
      actorRole: opts.actor?.actorRole ?? null,
      action: 'audit.purge',
      result: 'ok',
      ip: opts.actor?.ip ?? null,
      details: { before: before.toISOString(), purged, upToId: purged > 0 ? upTo : null },
    });
    return { purged, upToId: purged > 0 ? upTo : null };
  });
}
