import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase, type Tx } from '../db/client';
import { auditAnchor, auditCheckpoints, auditEvents } from '../db/schema';
import { TEST_KEY } from '../test/app';
import { type TestDatabase, testDatabase } from '../test/db';
import {
  type AuditInput,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  purgeAudit,
  recordAudit,
  verifyAudit,
} from './audit';
import { deriveKeys, staticKeyProvider } from './crypto';

const keys = deriveKeys(staticKeyProvider(Buffer.from(TEST_KEY, 'hex')));
const otherKeys = deriveKeys(staticKeyProvider(Buffer.alloc(32, 7)));
const START = new Date('2026-03-02T09:00:00+08:00').getTime();
const MINUTE = 60_000;

let t: TestDatabase;
let database: Database;
beforeAll(async () => {
  t = await testDatabase();
  database = t.database;
});

/** Change the trail as an attacker with superuser rights would: triggers off for this transaction. */
async function tamper(fn: (tx: Tx) => Promise<unknown>): Promise<void> {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await fn(tx);
  });
}

beforeEach(async () => {
  await tamper(async (tx) => {
    await tx.delete(auditEvents);
    await tx.delete(auditAnchor);
    await tx.delete(auditCheckpoints);
  });
});

function event(i: number, over: Partial<AuditInput> = {}): AuditInput {
  return {
    at: new Date(START + i * MINUTE),
    actorId: '0190f0e0-0000-7000-8000-00000000000A',
    actorName: `审计管理员 周敏（auditadmin）`,
    actorRole: 'audit_admin',
    action: i % 2 ? 'auth.login' : 'user.update',
    objectType: 'user',
    objectId: `u-${i}`,
    result: 'ok',
    ip: '10.0.0.1',
    details: { z: i, a: { y: [1, 2.5, '三'], b: null }, n: 0.1 },
    ...over,
  };
}

async function appendMany(n: number, from = 1): Promise<void> {
  for (let i = from; i < from + n; i++) await recordAudit(database.db, keys, event(i));
}

const verify = (batch?: number) => verifyAudit(database.db, keys, batch);

describe('the audit hash chain (S12)', () => {
  it('canonicalises with sorted keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: '中' } })).toBe(
      '{"a":{"c":"中","d":[{"x":2,"y":1}]},"b":1}',
    );
  });

  it('verifies after N events, across verify batches', async () => {
    await appendMany(25);
    expect(await verify()).toEqual({ ok: true, checked: 25 });
    expect(await verify(7)).toEqual({ ok: true, checked: 25 });
    const rows = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[0]!.actorId).toBe('0190f0e0-0000-7000-8000-00000000000a');
  });

  it('hashes what the database gives back: jsonb key order, numbers, odd strings', async () => {
    const details = {
      zeta: 1e21,
      alpha: { '10': 'x', '9': 'y', 中文: '四川 🏥', nested: [{ b: 2, a: 1 }, -0, 1.5e-7, 123456789.125] },
      nul: 'a\u0000b',
      lone: 'x\ud800y',
      date: new Date('2026-03-02T01:02:03.456Z'),
      skipped: undefined,
      big: 9007199254740991,
      t: true,
      f: false,
      empty: {},
      list: [],
    };
    await recordAudit(database.db, keys, event(1, { details, actorName: '张\u0000三' }));
    expect(await verify()).toEqual({ ok: true, checked: 1 });
    const [row] = await database.db.select().from(auditEvents);
    expect(row!.details).toMatchObject({ nul: 'a\ufffdb', date: '2026-03-02T01:02:03.456Z', zeta: 1e21 });
    expect(row!.actorName).toBe('张\ufffd三');
  });

  it('detects an edited row', async () => {
    await appendMany(10);
    await tamper((tx) => tx.update(auditEvents).set({ actorName: '他人' }).where(eq(auditEvents.id, 4)));
    expect(await verify()).toEqual({
      ok: false,
      checked: 3,
      firstBroken: { id: 4, reason: '记录内容被修改' },
    });
  });

  it('detects edited details (jsonb)', async () => {
    await appendMany(10);
    await tamper((tx) =>
      tx.execute(sql`update audit_events set details = jsonb_set(details, '{z}', '99') where id = 6`),
    );
    expect((await verify()).firstBroken).toEqual({ id: 6, reason: '记录内容被修改' });
  });

  it('detects an edited row whose hashes were all recomputed, by the anchor', async () => {
    await appendMany(10);
    await tamper(async (tx) => {
      const rows = await tx.select().from(auditEvents).orderBy(asc(auditEvents.id));
      let prev = GENESIS_HASH;
      for (const row of rows) {
        const edited = row.id === 3 ? { ...row, result: 'failed' as const } : row;
        const hash = chainHash(prev, edited);
        await tx
          .update(auditEvents)
          .set({ result: edited.result, prevHash: prev, hash })
          .where(eq(auditEvents.id, row.id));
        prev = hash;
      }
    });
    expect(await verify()).toEqual({
      ok: false,
      checked: 10,
      firstBroken: { id: 10, reason: '最新记录与锚点不符' },
    });
  });

  it('detects a deleted middle row', async () => {
    await appendMany(10);
    await tamper((tx) => tx.delete(auditEvents).where(eq(auditEvents.id, 5)));
    expect(await verify()).toEqual({
      ok: false,
      checked: 4,
      firstBroken: { id: 5, reason: '记录缺失（编号不连续）' },
    });
  });

  it('detects deleted newest rows, and keeps detecting them after more appends', async () => {
    await appendMany(10);
    await tamper((tx) => tx.execute(sql`delete from audit_events where id >= 8`));
    expect(await verify()).toEqual({
      ok: false,
      checked: 7,
      firstBroken: { id: 8, reason: '最新记录被删除（与锚点不符）' },
    });
    await appendMany(2, 11);
    expect((await verify()).firstBroken).toEqual({ id: 8, reason: '记录缺失（编号不连续）' });
  });

  it('detects a forged anchor, and does not launder it on the next append', async () => {
    await appendMany(10);
    await tamper(async (tx) => {
      const [row] = await tx.select().from(auditEvents).where(eq(auditEvents.id, 7));
      await tx.execute(sql`delete from audit_events where id > 7`);
      await tx
        .update(auditAnchor)
        .set({ lastId: 7, lastHash: row!.hash, count: 7, signature: 'ab'.repeat(32) });
    });
    expect(await verify()).toEqual({
      ok: false,
      checked: 7,
      firstBroken: { id: null, reason: '锚点签名无效' },
    });
    await appendMany(3, 11);
    expect((await verify()).firstBroken).toEqual({ id: null, reason: '锚点签名无效' });
  });

  it('detects a removed anchor, and goes on appending without re-signing it', async () => {
    await appendMany(4);
    await tamper((tx) => tx.delete(auditAnchor));
    expect(await verify()).toEqual({ ok: false, checked: 4, firstBroken: { id: null, reason: '锚点缺失' } });
    await appendMany(1, 5);
    const rows = await database.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .orderBy(asc(auditEvents.id));
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(await verify()).toEqual({
      ok: false,
      checked: 5,
      firstBroken: { id: null, reason: '锚点签名无效' },
    });
  });

  it('detects an anchor signed with another key', async () => {
    await appendMany(3);
    expect((await verifyAudit(database.db, otherKeys)).firstBroken).toEqual({
      id: null,
      reason: '锚点签名无效',
    });
  });

  it('detects rows appended without the key (past the anchor)', async () => {
    await appendMany(3);
    const [last] = await database.db.select().from(auditEvents).where(eq(auditEvents.id, 3));
    const forged = { ...last!, id: 4, actorName: '伪造' };
    await database.db
      .insert(auditEvents)
      .values({ ...forged, prevHash: last!.hash, hash: chainHash(last!.hash, forged) });
    expect((await verify()).firstBroken).toEqual({ id: 4, reason: '存在锚点之后的记录（与锚点不符）' });
  });

  it('is rejected by the trigger on UPDATE, DELETE and TRUNCATE, for the owner too', async () => {
    await appendMany(3);
    const refused = /只能追加|append-only/;
    await expect(database.query(`update audit_events set actor_name = 'x' where id = 1`)).rejects.toThrow(
      refused,
    );
    await expect(database.query('delete from audit_events where id = 3')).rejects.toThrow(refused);
    await expect(database.query('truncate audit_events')).rejects.toThrow(refused);
    await expect(database.query('delete from audit_anchor')).rejects.toThrow(refused);
    expect(await verify()).toEqual({ ok: true, checked: 3 });
  });

  it('keeps one valid chain under concurrent appends from several instances', async () => {
    // On PostgreSQL: separate pools, as separate app instances would have. PGlite has one connection.
    const instances: Database[] = [database];
    if (t.target.kind === 'postgres') {
      for (let i = 0; i < 3; i++) instances.push(await openDatabase(t.target));
    }
    try {
      await Promise.all(
        instances.flatMap((inst, k) =>
          Array.from({ length: 4 }, async (_, lane) => {
            for (let i = 0; i < 10; i++) await recordAudit(inst.db, keys, event(k * 100 + lane * 10 + i));
          }),
        ),
      );
    } finally {
      for (const inst of instances.slice(1)) await inst.close();
    }
    const n = instances.length * 40;
    expect(await verify()).toEqual({ ok: true, checked: n });
  });

  it('appends inside a caller transaction and rolls back with it, leaving no gap', async () => {
    await appendMany(2);
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, keys, event(3));
        throw new Error('业务失败');
      }),
    ).rejects.toThrow('业务失败');
    await appendMany(1, 4);
    expect(await verify()).toEqual({ ok: true, checked: 3 });
  });
});

describe('purging the audit trail (S13)', () => {
  const now = new Date('2026-03-02T09:00:00+08:00');
  const monthsAgo = (m: number, days = 0) => {
    const d = new Date('2026-03-02T09:00:00+08:00');
    d.setUTCMonth(d.getUTCMonth() - m);
    return new Date(d.getTime() + days * 86_400_000);
  };

  async function appendAt(at: Date, action = 'auth.login'): Promise<void> {
    await recordAudit(database.db, keys, { ...event(0), at, action });
  }

  it('refuses rows younger than 6 months, at the boundary', async () => {
    await appendAt(monthsAgo(12));
    await expect(purgeAudit(database.db, keys, { before: monthsAgo(6, 1), now })).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/至少保留 6 个月/),
    });
    await expect(purgeAudit(database.db, keys, { before: monthsAgo(6), now })).resolves.toEqual({
      purged: 1,
      upToId: 1,
    });
  });

  it('refuses personal-information records younger than 3 years', async () => {
    await appendAt(monthsAgo(40), 'pi.reveal');
    await appendAt(monthsAgo(24), 'pi.export');
    await appendAt(monthsAgo(7));
    await expect(purgeAudit(database.db, keys, { before: monthsAgo(6), now })).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/个人信息处理记录至少保留 3 年/),
    });
    expect(await purgeAudit(database.db, keys, { before: monthsAgo(36), now })).toEqual({
      purged: 1,
      upToId: 1,
    });
  });

  it('leaves a signed checkpoint after which verify is ok, and appends go on', async () => {
    for (let m = 12; m >= 1; m--) await appendAt(monthsAgo(m));
    const result = await purgeAudit(database.db, keys, { before: monthsAgo(6), now });
    // the row of exactly 6 months ago is not older than `before`: it stays
    expect(result).toEqual({ purged: 6, upToId: 6 });
    const [checkpoint] = await database.db.select().from(auditCheckpoints);
    expect(checkpoint).toMatchObject({ upToId: 6, rowsPurged: 6 });
    const left = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(left.map((r) => r.id)).toEqual([7, 8, 9, 10, 11, 12, 13]);
    expect(left.at(-1)).toMatchObject({ action: 'audit.purge', details: { purged: 6, upToId: 6 } });
    expect(await verify()).toEqual({ ok: true, checked: 7 });
    await expect(database.query('update audit_checkpoints set rows_purged = 0')).rejects.toThrow(/只能追加/);

    await appendAt(now);
    const later = new Date('2026-09-15T09:00:00+08:00');
    expect(await purgeAudit(database.db, keys, { before: monthsAgo(3), now: later })).toEqual({
      purged: 3,
      upToId: 9,
    });
    expect(await verify()).toEqual({ ok: true, checked: 6 });
    // The purge flag was transaction-local: outside a purge the trigger refuses again.
    await expect(database.query('delete from audit_events')).rejects.toThrow(/只能追加|append-only/);
  });

  it('purges nothing when nothing is old enough, but still records the attempt', async () => {
    await appendAt(monthsAgo(1));
    expect(await purgeAudit(database.db, keys, { before: monthsAgo(6), now })).toEqual({
      purged: 0,
      upToId: null,
    });
    expect(await verify()).toEqual({ ok: true, checked: 2 });
  });

  it('detects a forged checkpoint', async () => {
    for (let m = 12; m >= 8; m--) await appendAt(monthsAgo(m));
    await purgeAudit(database.db, keys, { before: monthsAgo(6), now });
    await tamper((tx) => tx.update(auditCheckpoints).set({ rowsPurged: 1 }));
    expect((await verify()).firstBroken).toEqual({ id: 5, reason: '清理检查点签名无效' });
  });

  it('refuses to purge a chain that does not verify', async () => {
    for (let m = 12; m >= 8; m--) await appendAt(monthsAgo(m));
    await tamper((tx) => tx.update(auditEvents).set({ ip: '6.6.6.6' }).where(eq(auditEvents.id, 2)));
    await expect(purgeAudit(database.db, keys, { before: monthsAgo(6), now })).rejects.toMatchObject({
      statusCode: 409,
      message: expect.stringMatching(/校验未通过.*记录内容被修改/),
    });
  });
});
