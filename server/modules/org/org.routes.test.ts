import { eq, like, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { institutions, pairings, programmes, regions, users } from '../../db/schema';
import { type TestApp, testApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

async function countUnder(path: string): Promise<number> {
  const [row] = await t.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(institutions)
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(like(regions.path, `${path}%`));
  return row!.n;
}

const list = (cookie: string, query = '') =>
  t.request({ method: 'GET', url: `/api/institutions?pageSize=1000${query}`, cookie });

describe('GET /api/institutions is filtered by scope in the query (S07)', () => {
  it('shows the province office every institution', async () => {
    const [all] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(institutions);
    const res = await list(await t.loginAs('province_office'));
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(all!.n);
    expect(res.json().items).toHaveLength(all!.n);
  });

  it('shows a prefecture authority only the institutions of its prefecture', async () => {
    const [u] = await t.database.db.select().from(users).where(eq(users.role, 'prefecture_authority'));
    const me = (
      await t.request({ method: 'GET', url: '/api/auth/me', cookie: await t.loginAs('prefecture_authority') })
    ).json();
    const code = me.scope[0].ref as string;
    const [region] = await t.database.db.select().from(regions).where(eq(regions.code, code));
    const expected = await countUnder(region!.path);
    expect(u).toBeDefined();
    expect(expected).toBeGreaterThan(0);
    const body = (await list(await t.loginAs('prefecture_authority'))).json();
    expect(body.total).toBe(expected);
    for (const item of body.items) {
      const [r] = await t.database.db.select().from(regions).where(eq(regions.code, item.regionCode));
      expect(r!.path.startsWith(region!.path)).toBe(true);
    }
  });

  it('shows an institution admin only its own institution', async () => {
    const cookie = await t.loginAs('recipient_admin');
    const me = (await t.request({ method: 'GET', url: '/api/auth/me', cookie })).json();
    const body = (await list(cookie)).json();
    expect(body.total).toBe(1);
    expect(body.items[0].id).toBe(me.user.institutionId);
  });

  it('pages: items of a page plus the total of all pages', async () => {
    const cookie = await t.loginAs('province_office');
    const all = (await list(cookie)).json();
    const page2 = (
      await t.request({ method: 'GET', url: '/api/institutions?page=2&pageSize=10', cookie })
    ).json();
    expect(page2.total).toBe(all.total);
    expect(page2.items.map((i: { id: string }) => i.id)).toEqual(
      all.items.slice(10, 20).map((i: { id: string }) => i.id),
    );
  });

  it('filters by region subtree, category and role', async () => {
    const cookie = await t.loginAs('province_office');
    const [liangshan] = await t.database.db.select().from(regions).where(eq(regions.code, '513400'));
    const body = (await list(cookie, '&regionCode=513400')).json();
    expect(body.total).toBe(await countUnder(liangshan!.path));
    const tcm = (await list(cookie, '&category=tcm')).json();
    expect(tcm.total).toBeGreaterThan(0);
    expect(tcm.items.every((i: { category: string }) => i.category === 'tcm')).toBe(true);
    const recipients = (await list(cookie, '&role=recipient')).json();
    expect(recipients.items.every((i: { role: string }) => i.role === 'recipient')).toBe(true);
  });
});

describe('GET /api/regions', () => {
  it('lists the 21 prefectures of Sichuan', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/api/regions?parentCode=510000&pageSize=100',
      cookie: await t.loginAs('county_authority'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(21);
    expect(res.json().items.map((r: { name: string }) => r.name)).toContain('凉山彝族自治州');
  });

  it('lists current counties with their example flags, not retired codes', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/api/regions?parentCode=513400&pageSize=100',
      cookie: await t.loginAs('province_office'),
    });
    const items = res.json().items as {
      code: string;
      name: string;
      flags: { flag: string; example: boolean }[];
    }[];
    expect(items.map((r) => r.code)).toContain('513402');
    expect(items.map((r) => r.code)).not.toContain('513425');
    const zhaojue = items.find((r) => r.name === '昭觉县')!;
    expect(zhaojue.flags.some((f) => f.flag === 'deep_poverty' && f.example)).toBe(true);
  });
});

describe('GET /api/institutions?programmeId', () => {
  it("lists exactly the institutions on either side of the programme's pairings", async () => {
    const [programme] = await t.database.db.select().from(programmes).limit(1);
    const rows = await t.database.db.select().from(pairings).where(eq(pairings.programmeId, programme!.id));
    const expected = new Set(rows.flatMap((p) => [p.supportingInstitutionId, p.recipientInstitutionId]));
    expect(expected.size).toBeGreaterThan(1);
    const cookie = await t.loginAs('province_office');
    const body = (await list(cookie, `&programmeId=${programme!.id}`)).json();
    expect(body.total).toBe(expected.size);
    expect(new Set(body.items.map((i: { id: string }) => i.id))).toEqual(expected);
  });
});
