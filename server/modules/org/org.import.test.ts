import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportIssue } from '../../../shared/contracts/imports';
import { creditCodeCheckChar } from '../../../shared/credit-code';
import { institutions, regions } from '../../db/schema';
import type { Ctx, ScopeNode, SessionUser } from '../../platform/context';
import { columnLetter, type ReadSheet } from '../../platform/xlsx';
import { type TestApp, testApp } from '../../test/app';
import { isExampleRow } from '../excel/importer';
import { EXAMPLES, institutionImporter, SHEET } from './org.import';

let t: TestApp;
let zhaojuePath: string;
beforeAll(async () => {
  t = await testApp();
  const [row] = await t.database.db
    .select({ path: regions.path })
    .from(regions)
    .where(eq(regions.code, '513431'));
  zhaojuePath = row!.path;
});

/** A province-office editor whose scope is one county, or the whole province. */
function ctxOf(scope: ScopeNode[]): Ctx {
  const user: SessionUser = {
    id: '0190f0e0-0000-7000-8000-000000000001',
    username: 'importer',
    displayName: '导入测试',
    role: 'province_office',
    institutionId: null,
    institutionName: null,
    scope,
    sessionId: 's',
    passwordExpired: false,
    mfaEnrolled: true,
  };
  return { db: t.database.db, database: t.database, clock: t.clock, user } as unknown as Ctx;
}
const county = () =>
  ctxOf([
    { kind: 'region', regionCode: '513431', regionPath: zhaojuePath, institutionId: null, name: '昭觉县' },
  ]);
const everything = () =>
  ctxOf([{ kind: 'all', regionCode: null, regionPath: null, institutionId: null, name: '全省及全部机构' }]);

const HEADERS: Record<string, string[]> = {
  [SHEET.institutions]: [
    '名称',
    '统一社会信用代码',
    '类别',
    '层级',
    '等级',
    '机构角色',
    '所在地区代码',
    '地址',
  ],
  [SHEET.departments]: ['机构名称', '科室名称', '重点科室'],
  [SHEET.geofences]: ['机构名称', '围栏名称', '坐标系', '纬度', '经度', '半径（米）'],
};

/** Sheets as the reader gives them, rows from row 3. */
function sheets(rows: Partial<Record<string, Record<string, string | number | null>[]>>) {
  return Object.fromEntries(
    Object.entries(rows).map(([name, list]): [string, ReadSheet] => {
      const headers = HEADERS[name]!;
      return [
        name,
        {
          name,
          headers,
          columnOf: Object.fromEntries(headers.map((h, i) => [h, columnLetter(i + 1)])),
          rows: (list ?? []).map((values, i) => ({ row: i + 3, values })),
        },
      ];
    }),
  );
}

let serial = 0;
function creditCode(): string {
  const first17 = `12513431MB${String(3_000_000 + ++serial * 7919).slice(-7)}`;
  return first17 + creditCodeCheckChar(first17);
}
const row = (patch: Record<string, string | number | null> = {}) => ({
  名称: `规则测试卫生院${++serial}`,
  统一社会信用代码: creditCode(),
  类别: '医疗',
  层级: '乡镇卫生院',
  等级: null,
  机构角色: '受援机构',
  所在地区代码: '513431',
  地址: null,
  ...patch,
});

const check = async (ctx: Ctx, s: ReturnType<typeof sheets>) =>
  institutionImporter.check(ctx, s, async () => {});
const where = (issues: ImportIssue[]) =>
  issues.map((i) => `${i.sheet}!${i.cell ?? `row${i.row}`}: ${i.message}`);

describe('the institutions importer judges each row as the form does', () => {
  it('keeps a county-scoped editor inside the county: regions, stored institutions and their children', async () => {
    const { issues } = await check(
      county(),
      sheets({
        [SHEET.institutions]: [
          row(),
          row({ 所在地区代码: '513432' }),
          // left in its own region: only its being out of scope is reported, as the form does
          row({ 名称: '四川省人民医院', 统一社会信用代码: null, 层级: '省级', 所在地区代码: '510000' }),
        ],
        [SHEET.departments]: [{ 机构名称: '四川大学华西医院', 科室名称: '内科' }],
      }),
    );
    expect(where(issues)).toEqual([
      '机构!G4: 喜德县（513432）不在您的数据范围内',
      '机构!row5: 已登记的机构“四川省人民医院”不在您的数据范围内，不能修改',
      '科室!A3: 机构“四川大学华西医院”不在您的数据范围内',
    ]);
    // the same file is fine for the whole province
    const all = await check(
      everything(),
      sheets({ [SHEET.institutions]: [row({ 所在地区代码: '513432' })] }),
    );
    expect(all.issues).toEqual([]);
  });

  it('refuses a credit code and a name that belong to two different stored institutions, and duplicates', async () => {
    const [a] = await t.database.db
      .insert(institutions)
      .values({
        name: '规则测试甲院',
        creditCode: creditCode(),
        category: 'medical',
        tier: 'county',
        role: 'recipient',
        regionCode: '513431',
      })
      .returning();
    const code = creditCode();
    const { issues } = await check(
      everything(),
      sheets({
        [SHEET.institutions]: [
          row({ 名称: '昭觉县人民医院', 统一社会信用代码: a!.creditCode }),
          row({ 名称: '规则测试甲院', 统一社会信用代码: null }),
          row({ 名称: '规则测试乙院', 统一社会信用代码: code }),
          row({ 名称: '规则测试丙院', 统一社会信用代码: code }),
        ],
      }),
    );
    expect(where(issues)).toEqual([
      `机构!A3: 统一社会信用代码 ${a!.creditCode} 已登记为“规则测试甲院”，而名称“昭觉县人民医院”已被另一家机构使用`,
      '机构!row4: 与第 3 行对应同一家已登记的机构“规则测试甲院”',
      '机构!B6: 与第 5 行的统一社会信用代码重复',
    ]);
  });

  it('keeps an institution within 200 departments and 20 geofences, counting those stored', async () => {
    const inst = row();
    const { issues } = await check(
      everything(),
      sheets({
        [SHEET.institutions]: [inst],
        [SHEET.departments]: Array.from({ length: 201 }, (_, i) => ({
          机构名称: inst.名称,
          科室名称: `科室${i}`,
        })),
        [SHEET.geofences]: Array.from({ length: 21 }, (_, i) => ({
          机构名称: inst.名称,
          围栏名称: `围栏${i}`,
          坐标系: ['GCJ02', '百度', 'wgs84'][i % 3]!,
          纬度: 28,
          经度: 102.8,
        })),
      }),
    );
    expect(where(issues)).toEqual([
      `科室!B203: 机构“${inst.名称}”的科室将超过 200 个`,
      `地理围栏!B23: 机构“${inst.名称}”的地理围栏将超过 20 个`,
    ]);
  });

  it('skips row 2 only while it still holds the template example', () => {
    const example = EXAMPLES[SHEET.institutions]!;
    expect(isExampleRow({ row: 2, values: { ...example } }, example)).toBe(true);
    expect(isExampleRow({ row: 2, values: { ...example, 地址: '昭觉县城' } }, example)).toBe(false);
    expect(isExampleRow({ row: 3, values: { ...example } }, example)).toBe(false);
  });
});
