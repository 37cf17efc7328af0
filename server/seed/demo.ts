import { and, eq, isNull, like } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type CountyFlag, Role } from '../../shared/enums';
import type { Database, Executor } from '../db/client';
import { appMeta, countyFlags, institutions, regions, userScopes, users } from '../db/schema';
import { deriveKeys, staticKeyProvider } from '../platform/crypto';
import { hashPassword, randomPassword } from '../platform/passwords';
import { seedDemoAttendance } from './demo-attendance';
import { seedDemoDispatches } from './demo-dispatches';
import { seedDemoGeofences } from './demo-geofences';
import { DEMO_INSTITUTIONS } from './demo-institutions';
import { seedDemoProgrammes } from './demo-programmes';
import { seedDemoStaff } from './demo-staff';

export interface DemoAccount {
  role: Role;
  username: string;
  password: string;
  displayName: string;
  institution: string | null;
}

const DEMO_SEEDED = 'demo_seeded';

export class DemoOnNonEmptyDatabase extends Error {
  constructor() {
    super(
      '演示数据只能载入没有账号的新数据库；此数据库已有账号，请去掉 DEMO=1 / the demo seeds only an empty database',
    );
  }
}
const FLAG_SOURCE = '示例：据公开报道';

// ---------------------------------------------------------------------------------------
// County flags (DOMAIN.md "Demo data"). All are examples (示例) for the province office to
// edit; counties are named by prefecture and name and looked up in the loaded regions.
// ---------------------------------------------------------------------------------------

const LIANGSHAN = '凉山彝族自治州';
const GARZE = '甘孜藏族自治州';
const NGAWA = '阿坝藏族羌族自治州';

type CountyList = Readonly<Record<string, readonly string[]>>;

/** The 45 deep-poverty counties: all of 甘孜 and 阿坝, 11 of 凉山 and 3 of 乐山. */
const DEEP_POVERTY: CountyList = {
  [GARZE]: [
    '康定市',
    '泸定县',
    '丹巴县',
    '九龙县',
    '雅江县',
    '道孚县',
    '炉霍县',
    '甘孜县',
    '新龙县',
    '德格县',
    '白玉县',
    '石渠县',
    '色达县',
    '理塘县',
    '巴塘县',
    '乡城县',
    '稻城县',
    '得荣县',
  ],
  [NGAWA]: [
    '马尔康市',
    '汶川县',
    '理县',
    '茂县',
    '松潘县',
    '九寨沟县',
    '金川县',
    '小金县',
    '黑水县',
    '壤塘县',
    '阿坝县',
    '若尔盖县',
    '红原县',
  ],
  [LIANGSHAN]: [
    '普格县',
    '布拖县',
    '金阳县',
    '昭觉县',
    '喜德县',
    '越西县',
    '美姑县',
    '盐源县',
    '雷波县',
    '甘洛县',
    '木里藏族自治县',
  ],
  乐山市: ['马边彝族自治县', '峨边彝族自治县', '金口河区'],
};
const DEEP_POVERTY_COUNT = 45;

/** Counties of the three autonomous prefectures (48) plus the autonomous counties outside them: 51 民族县. */
const ETHNIC_PREFECTURES = [LIANGSHAN, GARZE, NGAWA] as const;
const ETHNIC_OTHERS: CountyList = {
  绵阳市: ['北川羌族自治县'],
  乐山市: ['马边彝族自治县', '峨边彝族自治县'],
};
const ETHNIC_COUNT = 51;

/** National poverty counties besides the deep-poverty ones (秦巴山区, 乌蒙山区): a well-known subset, not the full list. */
const OTHER_NATIONAL_POVERTY: CountyList = {
  广元市: ['旺苍县', '青川县', '苍溪县'],
  巴中市: ['通江县', '南江县', '平昌县'],
  达州市: ['万源市'],
  南充市: ['仪陇县'],
  泸州市: ['叙永县', '古蔺县'],
  宜宾市: ['屏山县'],
  绵阳市: ['北川羌族自治县'],
};

/** 国家乡村振兴重点帮扶县 (2021): only the 凉山 ones we are sure of, not all 25 of Sichuan's. */
const KEY_REVITALISATION: CountyList = { [LIANGSHAN]: DEEP_POVERTY[LIANGSHAN] ?? [] };

type CountyIndex = { byName: Map<string, string>; byPrefecture: Map<string, string[]> };

/** Sichuan's current counties, keyed by "prefecture/county" and grouped by prefecture name. */
async function countyIndex(db: Executor): Promise<CountyIndex> {
  const parent = alias(regions, 'parent');
  const rows = await db
    .select({ code: regions.code, name: regions.name, prefecture: parent.name })
    .from(regions)
    .innerJoin(parent, eq(parent.code, regions.parentCode))
    .where(and(eq(regions.level, 'county'), isNull(regions.validTo), like(regions.path, '/000000/510000/%')));
  if (!rows.length) throw new Error('演示数据：行政区划尚未加载（先运行 seedReferenceData）');
  const byName = new Map<string, string>();
  const byPrefecture = new Map<string, string[]>();
  for (const r of rows) {
    byName.set(`${r.prefecture}/${r.name}`, r.code);
    byPrefecture.set(r.prefecture, [...(byPrefecture.get(r.prefecture) ?? []), r.code]);
  }
  return { byName, byPrefecture };
}

function lookUp(index: CountyIndex, list: CountyList): string[] {
  return Object.entries(list).flatMap(([prefecture, names]) =>
    names.map((name) => {
      const code = index.byName.get(`${prefecture}/${name}`);
      if (!code) throw new Error(`演示数据：找不到县级行政区划 ${prefecture}${name}`);
      return code;
    }),
  );
}

function allOf(index: CountyIndex, prefecture: string): string[] {
  const codes = index.byPrefecture.get(prefecture);
  if (!codes?.length) throw new Error(`演示数据：找不到 ${prefecture} 的县级行政区划`);
  return codes;
}

function expectCount(what: string, codes: string[], expected: number): string[] {
  const unique = [...new Set(codes)];
  if (unique.length !== expected)
    throw new Error(`演示数据：${what}应为 ${expected} 个，实为 ${unique.length} 个`);
  return unique;
}

interface FlagSet {
  flag: CountyFlag;
  validFrom: string;
  validTo: string | null;
  codes: string[];
}

function demoFlags(index: CountyIndex): FlagSet[] {
  const deep = expectCount('深度贫困县', lookUp(index, DEEP_POVERTY), DEEP_POVERTY_COUNT);
  const ethnic = expectCount(
    '民族县',
    [...ETHNIC_PREFECTURES.flatMap((p) => allOf(index, p)), ...lookUp(index, ETHNIC_OTHERS)],
    ETHNIC_COUNT,
  );
  const national = [...new Set([...deep, ...lookUp(index, OTHER_NATIONAL_POVERTY)])];
  return [
    { flag: 'deep_poverty', validFrom: '2017-01-01', validTo: '2020-12-31', codes: deep },
    // The demo's earliest date, not when each county became a 民族县.
    { flag: 'ethnic', validFrom: '2014-01-01', validTo: null, codes: ethnic },
    { flag: 'national_poverty', validFrom: '2014-01-01', validTo: '2020-12-31', codes: national },
    { flag: 'lifted_poverty', validFrom: '2021-01-01', validTo: null, codes: national },
    {
      flag: 'key_revitalisation',
      validFrom: '2021-08-01',
      validTo: null,
      codes: lookUp(index, KEY_REVITALISATION),
    },
  ];
}

// ---------------------------------------------------------------------------------------
// Demo accounts: one per role.
// ---------------------------------------------------------------------------------------

type ScopeSpec =
  | { kind: 'all' }
  | { kind: 'region'; regionCode: string }
  | { kind: 'institution' }
  | { kind: 'self' };

interface AccountSpec {
  username: string;
  displayName: string;
  /** Name of the user's institution, from DEMO_INSTITUTIONS. */
  institution: string | null;
  /** null: no data scope (the three separated admins). */
  scope: ScopeSpec | null;
}

const SPPH = '四川省人民医院';
const ZHAOJUE_HOSPITAL = '昭觉县人民医院';

/** Keyed by role, so every role has exactly one demo account (checked by the compiler). */
const ACCOUNTS: Readonly<Record<Role, AccountSpec>> = {
  province_office: {
    username: 'province',
    displayName: '省对口支援办 张伟',
    institution: null,
    scope: { kind: 'all' },
  },
  tcm_bureau: {
    username: 'tcm',
    displayName: '省中医药管理局 李娜',
    institution: null,
    scope: { kind: 'region', regionCode: '510000' },
  },
  prefecture_authority: {
    username: 'liangshan',
    displayName: '凉山州卫生健康委员会 吉克曲布',
    institution: null,
    scope: { kind: 'region', regionCode: '513400' },
  },
  county_authority: {
    username: 'zhaojue',
    displayName: '昭觉县卫生健康局 沙马阿果',
    institution: null,
    scope: { kind: 'region', regionCode: '513431' },
  },
  county_liaison: {
    username: 'zhaojue_liaison',
    displayName: '昭觉县驻点负责人 王强',
    institution: null,
    scope: { kind: 'region', regionCode: '513431' },
  },
  supporting_admin: {
    username: 'spph_admin',
    displayName: '四川省人民医院对口支援办 刘洋',
    institution: SPPH,
    scope: { kind: 'institution' },
  },
  recipient_admin: {
    username: 'zhaojue_hosp',
    displayName: '昭觉县人民医院医务科 马海英',
    institution: ZHAOJUE_HOSPITAL,
    scope: { kind: 'institution' },
  },
  // A doctor of the provincial hospital stationed in 昭觉.
  support_staff: {
    username: 'doctor_wang',
    displayName: '王建华',
    institution: SPPH,
    scope: { kind: 'self' },
  },
  recipient_staff: {
    username: 'zhaojue_staff',
    displayName: '阿西拉作',
    institution: ZHAOJUE_HOSPITAL,
    scope: { kind: 'self' },
  },
  inspector: {
    username: 'inspector',
    displayName: '省督查组 陈静',
    institution: null,
    scope: { kind: 'region', regionCode: '510000' },
  },
  system_admin: { username: 'sysadmin', displayName: '系统管理员 赵磊', institution: null, scope: null },
  security_admin: { username: 'secadmin', displayName: '安全管理员 孙丽', institution: null, scope: null },
  audit_admin: { username: 'auditadmin', displayName: '审计管理员 周敏', institution: null, scope: null },
};

/** Second accounts for roles whose work needs two people: a submission and its approver (S09). */
const EXTRA_ACCOUNTS: readonly (AccountSpec & { role: Role })[] = [
  {
    role: 'province_office',
    username: 'province_lead',
    displayName: '省对口支援办 处长 陈刚',
    institution: null,
    scope: { kind: 'all' },
  },
];

/** The demo username of a role's first account (tests sign in with it). */
export function demoUsername(role: Role): string {
  return ACCOUNTS[role].username;
}

/**
 * Seed the demo province once: example county flags, the demo institutions and one account
 * per role. Returns the accounts with their clear passwords (`opts.password` for all, else
 * a random one each) so the caller can print them once; [] if the demo was seeded before.
 */
export async function seedDemo(
  database: Database,
  /** `encryptionKey`: the master key the app runs with; without it no staff are seeded (their ID numbers are encrypted) */
  opts: { password?: string; now: Date; encryptionKey?: Buffer },
): Promise<DemoAccount[]> {
  const seeded = await database.db.select().from(appMeta).where(eq(appMeta.key, DEMO_SEEDED));
  if (seeded.length) return [];
  // Demo data never mixes with real accounts (e.g. a first admin created without DEMO=1).
  const [anyUser] = await database.db.select({ id: users.id }).from(users).limit(1);
  if (anyUser) throw new DemoOnNonEmptyDatabase();

  const specs = [...Role.values.map((role) => ({ role, ...ACCOUNTS[role] })), ...EXTRA_ACCOUNTS];
  const accounts: DemoAccount[] = specs.map(({ role, username, displayName, institution }) => ({
    role,
    username,
    displayName,
    institution,
    password: opts.password ?? randomPassword(),
  }));
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));

  return database.db.transaction(async (tx) => {
    // Claimed first: a second instance starting at the same time waits here, then finds the key and stops.
    const claimed = await tx
      .insert(appMeta)
      .values({ key: DEMO_SEEDED, value: opts.now.toISOString(), updatedAt: opts.now })
      .onConflictDoNothing()
      .returning({ key: appMeta.key });
    if (!claimed.length) return [];

    const index = await countyIndex(tx);
    const flagRows = demoFlags(index).flatMap(({ codes, ...f }) =>
      codes.map((regionCode) => ({
        ...f,
        regionCode,
        example: true,
        source: FLAG_SOURCE,
        createdAt: opts.now,
      })),
    );
    await tx.insert(countyFlags).values(flagRows).onConflictDoNothing();

    const inserted = await tx
      .insert(institutions)
      .values(DEMO_INSTITUTIONS.map((i) => ({ ...i, createdAt: opts.now, updatedAt: opts.now })))
      .returning({ id: institutions.id, name: institutions.name });
    const institutionId = (name: string | null): string | null => {
      if (name === null) return null;
      const found = inserted.find((i) => i.name === name);
      if (!found) throw new Error(`演示数据：找不到机构 ${name}`);
      return found.id;
    };

    const created = await tx
      .insert(users)
      .values(
        accounts.map((a, i) => ({
          username: a.username,
          displayName: a.displayName,
          role: a.role,
          institutionId: institutionId(a.institution),
          passwordHash: hashes[i] as string,
          passwordChangedAt: opts.now,
          createdAt: opts.now,
          updatedAt: opts.now,
        })),
      )
      .returning({ id: users.id, username: users.username, institutionId: users.institutionId });

    const scopeRows = created.flatMap((u): (typeof userScopes.$inferInsert)[] => {
      const scope = specs.find((s) => s.username === u.username)?.scope;
      if (!scope) return [];
      if (scope.kind === 'region') return [{ userId: u.id, kind: 'region', regionCode: scope.regionCode }];
      if (scope.kind === 'institution')
        return [{ userId: u.id, kind: 'institution', institutionId: u.institutionId }];
      return [{ userId: u.id, kind: scope.kind }];
    });
    await tx.insert(userScopes).values(scopeRows);
    await seedDemoGeofences(tx, opts.now);
    await seedDemoProgrammes(tx, opts.now);
    const keys = opts.encryptionKey ? deriveKeys(staticKeyProvider(opts.encryptionKey)) : null;
    if (keys) await seedDemoStaff(tx, opts.now, keys);
    await seedDemoDispatches(tx, opts.now);
    // Punches carry an encrypted location, so attendance needs the key as staff do.
    if (keys) await seedDemoAttendance(tx, opts.now, keys);
    return accounts;
  });
}
