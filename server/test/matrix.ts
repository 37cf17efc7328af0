import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Role, ScopeKind } from '../../shared/enums';
import { Role as Roles } from '../../shared/enums';
import { hasPermission, type Permission } from '../../shared/permissions';
import type { Database } from '../db/client';
import { institutions, regions, userScopes, users } from '../db/schema';
import { deriveKeys, encrypt, staticKeyProvider } from '../platform/crypto';
import { currentCode, newTotpSecret } from '../platform/totp';
import type { TestApp } from './app';
import { TEST_PASSWORD } from './template';

/**
 * The access matrix (S07): role × relation × action. Every module describes its scoped
 * routes as a MatrixSpec; `runMatrix` places records around actors in each relation and
 * checks allow/deny and the exact row counts of lists; `access-matrix.test.ts` fails when
 * a registered route is in no spec and not exempted with a reason.
 */
export type Relation = 'self' | 'descendant' | 'sibling' | 'ancestor' | 'other_prefecture' | 'counterpart';

/** Where a record sits: the region and institution of one side. */
export interface Side {
  regionCode: string;
  institutionId: string;
}

export interface MatrixSpec {
  name: string;
  /** the routes this spec covers, as `METHOD /url` exactly as registered */
  routes: string[];
  /** the permission that gates them: roles without it must get 403 */
  permission: Permission;
  /** two-sided records (pairing, dispatch, plan …) add the counterpart relation */
  twoSided?: boolean;
  /**
   * Create one record with its (first) side at `side` and, for two-sided records, its other
   * side at `other`. Return its id and the institution that owns the first side.
   */
  create(db: Database, side: Side, other?: Side): Promise<{ id: string; owner: string }>;
  /** a list route: its url (pageSize=1000) and how to read ids from its body */
  list?: { url: string; ids(body: unknown): string[] };
  /** single-record actions: allowed in scope (2xx), 404 out of scope (no existence leak) */
  actions?: {
    method: 'GET' | 'POST' | 'PUT' | 'DELETE';
    url(id: string): string;
    /** a body, or a function making a fresh one per call (e.g. a unique name) */
    body?: unknown | (() => unknown);
  }[];
}

/** Synthetic regions under Sichuan, so no demo data falls inside the matrix's scopes. */
const WORLD = {
  prefA: { code: '519100', name: '测试州甲', parent: '510000' },
  countyA1: { code: '519101', name: '测试县一', parent: '519100' },
  countyA2: { code: '519102', name: '测试县二', parent: '519100' },
  prefB: { code: '519200', name: '测试州乙', parent: '510000' },
  countyB1: { code: '519201', name: '测试县三', parent: '519200' },
} as const;
type Node = keyof typeof WORLD;

/** Where each relation puts the record, and what scope its actor gets. */
const RELATIONS: Record<Relation, { record: Node; other?: Node; actor: Node | 'owner'; visible: boolean }> = {
  self: { record: 'countyA1', actor: 'owner', visible: true },
  descendant: { record: 'countyA1', actor: 'prefA', visible: true },
  sibling: { record: 'countyA2', actor: 'countyA1', visible: false },
  ancestor: { record: 'prefA', actor: 'countyA1', visible: false },
  other_prefecture: { record: 'countyB1', actor: 'prefA', visible: false },
  counterpart: { record: 'countyA1', other: 'countyB1', actor: 'countyB1', visible: true },
};

async function buildWorld(db: Database): Promise<Record<Node, Side>> {
  const sides = {} as Record<Node, Side>;
  for (const [key, r] of Object.entries(WORLD) as [Node, (typeof WORLD)[Node]][]) {
    const [parent] = await db.db.select().from(regions).where(eq(regions.code, r.parent));
    await db.db
      .insert(regions)
      .values({
        code: r.code,
        name: r.name,
        level: r.parent === '510000' ? 'prefecture' : 'county',
        parentCode: r.parent,
        path: `${parent!.path}${r.code}/`,
      })
      .onConflictDoNothing();
    const [inst] = await db.db
      .insert(institutions)
      .values({
        name: `${r.name}矩阵测试医院${Math.random().toString(36).slice(2, 8)}`,
        category: 'medical',
        tier: 'county',
        role: 'both',
        regionCode: r.code,
      })
      .returning({ id: institutions.id });
    sides[key] = { regionCode: r.code, institutionId: inst!.id };
  }
  return sides;
}

async function makeActor(
  t: TestApp,
  role: Role,
  scope: { kind: ScopeKind; regionCode?: string; institutionId?: string },
): Promise<string> {
  const username = `mx_${Math.random().toString(36).slice(2, 10)}`;
  const [template] = await t.database.db.select({ hash: users.passwordHash }).from(users).limit(1);
  const [u] = await t.database.db
    .insert(users)
    .values({
      username,
      displayName: '矩阵测试',
      role,
      passwordHash: template!.hash,
      institutionId: scope.institutionId ?? null,
    })
    .returning({ id: users.id });
  await t.database.db.insert(userScopes).values({
    userId: u!.id,
    kind: scope.kind,
    regionCode: scope.regionCode ?? null,
    institutionId: scope.institutionId ?? null,
  });
  // Roles with a second factor (the province office) get an enrolled authenticator, as in life.
  const secret = newTotpSecret();
  const keys = deriveKeys(staticKeyProvider(t.config.encryptionKey!));
  await t.database.db
    .update(users)
    .set({ totpSecret: encrypt(keys, secret) })
    .where(eq(users.id, u!.id));
  let res = await t.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  if (res.json().mfaRequired) {
    res = await t.request({
      method: 'POST',
      url: '/api/auth/mfa',
      payload: { ticket: res.json().ticket, code: currentCode(secret, t.clock.now()) },
    });
  }
  const cookie = res.cookies[0];
  if (!cookie) throw new Error(`matrix actor ${role} could not sign in: ${res.body}`);
  return `${cookie.name}=${cookie.value}`;
}

/** Register the matrix tests of one spec in the calling test file. */
export function runMatrix(getApp: () => TestApp, spec: MatrixSpec): void {
  const relations = (Object.keys(RELATIONS) as Relation[]).filter(
    (r) => spec.twoSided || r !== 'counterpart',
  );

  it(`${spec.name}: roles without ${spec.permission} are refused (403)`, async () => {
    const t = getApp();
    for (const role of Roles.values.filter((r) => !hasPermission(r, spec.permission))) {
      const cookie = await t.loginAs(role);
      if (spec.list)
        expect((await t.request({ method: 'GET', url: spec.list.url, cookie })).statusCode, role).toBe(403);
      for (const a of spec.actions ?? []) {
        const res = await t.request({
          method: a.method,
          url: a.url('0190f0e0-0000-7000-8000-000000000000'),
          cookie,
          payload: bodyOf(a.body),
        });
        expect(res.statusCode, `${role} ${a.method}`).toBe(403);
      }
    }
  });

  it.each(relations)(
    `${spec.name}: %s — every permitted role sees exactly what its scope covers`,
    async (relation) => {
      const t = getApp();
      const world = await buildWorld(t.database);
      const rel = RELATIONS[relation];
      const created: { relation: Relation; id: string; owner: string }[] = [];
      for (const r of relations) {
        const { record, other } = RELATIONS[r];
        created.push({
          relation: r,
          ...(await spec.create(t.database, world[record], other ? world[other] : undefined)),
        });
      }
      const mine = created.find((c) => c.relation === relation)!;
      const actorScope =
        rel.actor === 'owner'
          ? { kind: 'institution' as const, institutionId: mine.owner }
          : { kind: 'region' as const, regionCode: world[rel.actor].regionCode };
      const visibleTo = (c: (typeof created)[number]) => {
        const { record, other } = RELATIONS[c.relation];
        if (actorScope.kind === 'institution') return c.owner === actorScope.institutionId;
        const within = (n: Node) =>
          WORLD[n].code === actorScope.regionCode || WORLD[n].parent === actorScope.regionCode;
        return within(record) || (other !== undefined && within(other));
      };
      expect(visibleTo(mine)).toBe(rel.visible);

      for (const role of Roles.values.filter((r) => hasPermission(r, spec.permission))) {
        const cookie = await makeActor(t, role, actorScope);
        if (spec.list) {
          const res = await t.request({ method: 'GET', url: spec.list.url, cookie });
          expect(res.statusCode, `${role} list`).toBe(200);
          const ids = new Set(spec.list.ids(res.json()));
          const seen = created.filter((c) => ids.has(c.id)).map((c) => c.relation);
          expect(seen, `${role} (${relation}) list rows`).toEqual(
            created.filter(visibleTo).map((c) => c.relation),
          );
        }
        for (const a of spec.actions ?? []) {
          const res = await t.request({
            method: a.method,
            url: a.url(mine.id),
            cookie,
            payload: bodyOf(a.body),
          });
          if (rel.visible) expect(res.statusCode, `${role} ${a.method} ${relation}`).toBeLessThan(300);
          else expect(res.statusCode, `${role} ${a.method} ${relation}`).toBe(404);
        }
      }
    },
  );
}

const bodyOf = (body: unknown) => (typeof body === 'function' ? body() : body) as object | undefined;
