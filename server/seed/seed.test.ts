import { and, eq, isNull, like, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_TYPES } from '../../shared/contracts/workflow';
import { Role } from '../../shared/enums';
import { type Database, openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import {
  countyFlags,
  institutions,
  pairings,
  regionCodeChanges,
  regions,
  users,
  workflowActions,
  workflowChains,
  workflowInstances,
} from '../db/schema';
import { chainProblems } from '../modules/workflow/workflow.rules';
import { verifyPassword } from '../platform/passwords';
import { testDatabase } from '../test/db';
import { TEST_PASSWORD } from '../test/template';
import { bootstrapFirstAdmin } from './bootstrap';
import { DemoOnNonEmptyDatabase, seedDemo } from './demo';
import { DEMO_INSTITUTIONS } from './demo-institutions';
import { seedReferenceData } from './reference';
import { SICHUAN_CODE_CHANGES } from './region-code-history';
import { DEFAULT_CHAINS } from './workflow-chains';

// The test database is a copy of the run's template: reference data and demo already
// seeded, the demo with TEST_PASSWORD (server/test/template.ts).
let database: Database;
beforeAll(async () => {
  ({ database } = await testDatabase());
});

const n = sql<number>`count(*)::int`;

async function fingerprint(
  db: Database,
  table: 'regions' | 'region_code_changes' | 'county_flags' | 'institutions' | 'users' | 'workflow_chains',
) {
  const [row] = await db.query<{ n: number; h: string }>(
    `select count(*)::int as n, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as h from ${table} t`,
  );
  return row;
}

describe('seedReferenceData', () => {
  it('loads exactly 183 current Sichuan county-level divisions', async () => {
    const [row] = await database.db
      .select({ n })
      .from(regions)
      .where(
        and(eq(regions.level, 'county'), like(regions.path, '/000000/510000/%'), isNull(regions.validTo)),
      );
    expect(row?.n).toBe(183);
  });

  it('loads the nation, every province and prefecture, each under its parent with its path', async () => {
    const levels = await database.db
      .select({ level: regions.level, n })
      .from(regions)
      .where(isNull(regions.validTo))
      .groupBy(regions.level);
    expect(Object.fromEntries(levels.map((l) => [l.level, l.n]))).toMatchObject({ nation: 1, province: 31 });
    expect(levels.find((l) => l.level === 'prefecture')?.n).toBeGreaterThan(330);
    const [broken] = await database.query<{ n: number }>(
      `select count(*)::int as n from regions r left join regions p on p.code = r.parent_code
       where r.code <> '000000' and (p.code is null or r.path <> p.path || r.code || '/')`,
    );
    expect(broken?.n).toBe(0);
    const [placeholder] = await database.db.select().from(regions).where(eq(regions.code, '110100'));
    expect(placeholder?.name).toBe('北京市市辖区');
  });

  it('keeps code history: 会理县 513425 became 会理市 513402', async () => {
    const [current] = await database.db.select().from(regions).where(eq(regions.code, '513402'));
    expect(current).toMatchObject({ name: '会理市', parentCode: '513400', validTo: null });
    const [retired] = await database.db.select().from(regions).where(eq(regions.code, '513425'));
    expect(retired).toMatchObject({ name: '会理县', parentCode: '513400', level: 'county' });
    expect(retired?.validTo).toBe('2021-01-31');
    const changes = await database.db
      .select()
      .from(regionCodeChanges)
      .where(eq(regionCodeChanges.oldCode, '513425'));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ newCode: '513402', newName: '会理市' });
    expect(changes[0]?.changedOn).toBe('2021-02-01');
  });

  it('keeps a transferred code under its old prefecture: 简阳 512081 under 资阳', async () => {
    const [retired] = await database.db.select().from(regions).where(eq(regions.code, '512081'));
    expect(retired).toMatchObject({
      parentCode: '512000',
      path: '/000000/510000/512000/512081/',
      validTo: '2016-05-02',
    });
    const [current] = await database.db.select().from(regions).where(eq(regions.code, '510185'));
    expect(current).toMatchObject({ name: '简阳市', parentCode: '510100', validTo: null });
  });

  it('has a retired region and a change row for every listed change', async () => {
    const [changes] = await database.db.select({ n }).from(regionCodeChanges);
    expect(changes?.n).toBe(SICHUAN_CODE_CHANGES.length);
    const [retired] = await database.db
      .select({ n })
      .from(regions)
      .where(sql`${regions.validTo} is not null`);
    expect(retired?.n).toBe(SICHUAN_CODE_CHANGES.length);
  });

  it('changes nothing when run again', async () => {
    const tables = ['regions', 'region_code_changes', 'workflow_chains'] as const;
    const before = await Promise.all(tables.map((t) => fingerprint(database, t)));
    expect(await seedReferenceData(database)).toEqual({ regions: 0, changes: 0, chains: 0 });
    expect(await Promise.all(tables.map((t) => fingerprint(database, t)))).toEqual(before);
  });

  it('loads a default approval chain for every document type, each usable (at least one step for all)', async () => {
    const chains = await database.db.select().from(workflowChains).where(isNull(workflowChains.programmeId));
    expect(chains.map((c) => c.docType).sort()).toEqual([...DOC_TYPES].sort());
    for (const c of chains) {
      expect(c.steps, c.docType).toEqual(DEFAULT_CHAINS[c.docType]);
      expect(chainProblems(c.steps), c.docType).toEqual([]);
    }
    const dispatch = chains.find((c) => c.docType === 'dispatch')!;
    expect(dispatch.steps.map((s) => s.role)).toEqual([
      'county_authority',
      'prefecture_authority',
      'province_office',
      'tcm_bureau',
    ]);
  });

  it('leaves an edited default chain alone', async () => {
    const steps = [
      { role: 'province_office' as const, label: '省办审批（已修改）', deadlineDays: 3, tcmOnly: false },
    ];
    await database.db
      .update(workflowChains)
      .set({ steps })
      .where(and(eq(workflowChains.docType, 'plan'), isNull(workflowChains.programmeId)));
    expect((await seedReferenceData(database)).chains).toBe(0);
    const [plan] = await database.db
      .select()
      .from(workflowChains)
      .where(and(eq(workflowChains.docType, 'plan'), isNull(workflowChains.programmeId)));
    expect(plan?.steps).toEqual(steps);
  });
});

describe('seedDemo', () => {
  it('flags the 45 deep-poverty counties, all as examples', async () => {
    const deep = await database.db.select().from(countyFlags).where(eq(countyFlags.flag, 'deep_poverty'));
    expect(deep).toHaveLength(45);
    expect(new Set(deep.map((f) => f.regionCode)).size).toBe(45);
    const [notExample] = await database.db
      .select({ n })
      .from(countyFlags)
      .where(eq(countyFlags.example, false));
    expect(notExample?.n).toBe(0);
    const [zhaojue] = await database.db
      .select()
      .from(countyFlags)
      .where(and(eq(countyFlags.regionCode, '513431'), eq(countyFlags.flag, 'deep_poverty')));
    expect(zhaojue).toMatchObject({
      validFrom: '2017-01-01',
      validTo: '2020-12-31',
      source: '示例：据公开报道',
    });
  });

  it('has one demo account per role, and a second province-office account to approve what the first submits (S09)', async () => {
    const rows = await database.db.select({ role: users.role, n }).from(users).groupBy(users.role);
    expect(Object.fromEntries(rows.map((r) => [r.role, r.n]))).toEqual(
      Object.fromEntries(Role.values.map((r) => [r, r === 'province_office' ? 2 : 1])),
    );
  });

  it('hashes the given password for every account', async () => {
    const all = await database.db.select({ hash: users.passwordHash }).from(users);
    expect(all).toHaveLength(Role.values.length + 1);
    const ok = await Promise.all(all.map((u) => verifyPassword(u.hash, TEST_PASSWORD)));
    expect(ok.every(Boolean)).toBe(true);
  });

  it('places every institution in a loaded region, county-tier ones in a county', async () => {
    const rows = await database.db
      .select({ name: institutions.name, tier: institutions.tier, level: regions.level })
      .from(institutions)
      .leftJoin(regions, eq(regions.code, institutions.regionCode));
    expect(rows).toHaveLength(DEMO_INSTITUTIONS.length);
    expect(rows.filter((r) => r.level === null)).toEqual([]);
    const local = rows.filter((r) => ['county', 'central_township', 'township', 'village'].includes(r.tier));
    expect(local.filter((r) => r.level !== 'county')).toEqual([]);
  });

  it("sends the demo's pairing exceptions through the approval workflow, submitted by one office account and decided by the other (S09)", async () => {
    const exceptions = await database.db
      .select({ id: pairings.id, exceptionStatus: pairings.exceptionStatus })
      .from(pairings)
      .where(ne(pairings.exceptionStatus, 'none'));
    const instances = await database.db
      .select({
        docId: workflowInstances.docId,
        status: workflowInstances.status,
        currentStep: workflowInstances.currentStep,
        submitter: users.username,
      })
      .from(workflowInstances)
      .innerJoin(users, eq(users.id, workflowInstances.submittedBy));
    expect(instances.map((i) => i.docId).sort()).toEqual(exceptions.map((e) => e.id).sort());
    expect(new Set(instances.map((i) => i.submitter))).toEqual(new Set(['province']));
    const statusOf = new Map(exceptions.map((e) => [e.id, e.exceptionStatus]));
    expect(instances.map((i) => [i.status, i.currentStep, statusOf.get(i.docId)]).sort()).toEqual(
      [
        ['approved', 0, 'approved'],
        ['pending', 0, 'pending'],
        ['pending', 1, 'pending'],
        ['returned', 0, 'pending'],
      ].sort(),
    );
    const deciders = await database.db
      .selectDistinct({ username: users.username })
      .from(workflowActions)
      .innerJoin(users, eq(users.id, workflowActions.actorId))
      .where(ne(workflowActions.action, 'submit'));
    expect(deciders.map((d) => d.username)).toEqual(['province_lead']);
  });

  it('does nothing and returns [] when run again', async () => {
    const before = await Promise.all(
      (['county_flags', 'institutions', 'users'] as const).map((t) => fingerprint(database, t)),
    );
    expect(await seedDemo(database, { password: TEST_PASSWORD, now: new Date() })).toEqual([]);
    const after = await Promise.all(
      (['county_flags', 'institutions', 'users'] as const).map((t) => fingerprint(database, t)),
    );
    expect(after).toEqual(before);
  });
});

describe('seedDemo on a new database without a password', () => {
  let fresh: Database;
  beforeAll(async () => {
    fresh = await openDatabase({ kind: 'pglite' });
    await migrateDatabase(fresh, { kind: 'pglite' });
    await seedReferenceData(fresh);
  });
  afterAll(() => fresh.close());

  it('gives each account its own random password, and its hash verifies it', async () => {
    const accounts = await seedDemo(fresh, { now: new Date('2026-01-05T09:00:00+08:00') });
    expect(accounts.map((a) => a.role)).toEqual([...Role.values, 'province_office']);
    expect(new Set(accounts.map((a) => a.password)).size).toBe(accounts.length);
    const stored = await fresh.db.select({ username: users.username, hash: users.passwordHash }).from(users);
    const hashOf = new Map(stored.map((u) => [u.username, u.hash]));
    const ok = await Promise.all(
      accounts.map((a) => verifyPassword(hashOf.get(a.username) ?? '', a.password)),
    );
    expect(ok.every(Boolean)).toBe(true);
  });
});

describe('seedDemo beside real accounts', () => {
  it('refuses a database that already has accounts but no demo', async () => {
    const fresh = await openDatabase({ kind: 'pglite' });
    await migrateDatabase(fresh, { kind: 'pglite' });
    await seedReferenceData(fresh);
    expect(await bootstrapFirstAdmin(fresh, new Date())).toMatchObject({ username: 'sysadmin' });
    expect(await bootstrapFirstAdmin(fresh, new Date())).toBeNull();
    await expect(seedDemo(fresh, { now: new Date() })).rejects.toThrow(DemoOnNonEmptyDatabase);
    await fresh.close();
  });
});
