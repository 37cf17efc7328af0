import type { ImportIssue } from '../../../shared/contracts/imports';
import { GEOFENCE_RADIUS } from '../../../shared/contracts/org';
import { checkCreditCode, creditCodeCheckChar } from '../../../shared/credit-code';
import {
  InstitutionCategory,
  InstitutionGrade,
  InstitutionRole,
  InstitutionTier,
} from '../../../shared/enums';
import { CRS_LABELS, type Crs, toWgs84 } from '../../../shared/geo';
import { institutions } from '../../db/schema';
import { type Ctx, requireUser } from '../../platform/context';
import { conflict } from '../../platform/errors';
import { institutionScope } from '../../platform/scope';
import { buildTemplate, type CellValue, type Column } from '../../platform/xlsx';
import {
  type Importer,
  type ImportOutcome,
  type Progress,
  RowReader,
  type Sheets,
  summaryOf,
} from '../excel/importer';
import * as repo from './org.repo';
import { regionWithinScope } from './org.rules';

/**
 * Institutions from Excel, with their departments and geofences (sheets 机构, 科室, 地理围栏).
 * An institution matches a stored one by credit code, else by exact name, and updates it;
 * otherwise it is new. Departments and geofences are added or updated by (institution, name),
 * never removed. Every check of the institution form applies, judged for the whole file
 * with a few batched queries, so ten thousand rows check in seconds.
 */

export const SHEET = { institutions: '机构', departments: '科室', geofences: '地理围栏' } as const;

const H = {
  name: '名称',
  creditCode: '统一社会信用代码',
  category: '类别',
  tier: '层级',
  grade: '等级',
  role: '机构角色',
  regionCode: '所在地区代码',
  address: '地址',
  institution: '机构名称',
  department: '科室名称',
  isMain: '重点科室',
  fence: '围栏名称',
  crs: '坐标系',
  lat: '纬度',
  lng: '经度',
  radius: '半径（米）',
} as const;

/** The form's limits (shared/contracts/org.ts): 200 departments and 20 geofences per institution. */
const MAX_DEPARTMENTS = 200;
const MAX_GEOFENCES = 20;

export interface InstitutionExportRow {
  name: string;
  creditCode: string | null;
  category: InstitutionCategory;
  tier: InstitutionTier;
  grade: InstitutionGrade;
  role: InstitutionRole;
  regionCode: string;
  regionName: string;
  address: string | null;
}
export interface DepartmentExportRow {
  institutionName: string;
  name: string;
  isMain: boolean;
}
export interface GeofenceExportRow {
  institutionName: string;
  name: string;
  crs: Crs;
  lat: number;
  lng: number;
  radiusM: number;
}

const labelsOf = (labels: Record<string, string>) => Object.values(labels);

/** The columns of the template and, with their values, of the export (so an export can be re-imported). */
export const INSTITUTION_COLUMNS: Column<InstitutionExportRow>[] = [
  { header: H.name, key: 'name', required: true, width: 30, note: '机构全称，2至100个字' },
  {
    header: H.creditCode,
    key: 'creditCode',
    width: 22,
    note: '18位；已登记的代码用于匹配并更新该机构；留空时按名称匹配，并保留已登记的代码',
  },
  {
    header: H.category,
    key: 'category',
    required: true,
    list: labelsOf(InstitutionCategory.labels),
    value: (r) => InstitutionCategory.label(r.category),
  },
  {
    header: H.tier,
    key: 'tier',
    required: true,
    list: labelsOf(InstitutionTier.labels),
    value: (r) => InstitutionTier.label(r.tier),
  },
  {
    header: H.grade,
    key: 'grade',
    list: labelsOf(InstitutionGrade.labels),
    note: '留空为“未定级”',
    value: (r) => InstitutionGrade.label(r.grade),
  },
  {
    header: H.role,
    key: 'role',
    required: true,
    list: labelsOf(InstitutionRole.labels),
    value: (r) => InstitutionRole.label(r.role),
  },
  {
    header: H.regionCode,
    key: 'regionCode',
    required: true,
    width: 14,
    note: '6位行政区划代码（GB/T 2260），如 513431（昭觉县）；须为现行代码，且在您的数据范围内',
  },
  { header: H.address, key: 'address', width: 40, note: '最多200个字' },
];

export const DEPARTMENT_COLUMNS: Column<DepartmentExportRow>[] = [
  {
    header: H.institution,
    key: 'institutionName',
    required: true,
    width: 30,
    note: '“机构”表中的机构或已登记的机构',
  },
  { header: H.department, key: 'name', required: true, width: 20, note: '最多50个字' },
  { header: H.isMain, key: 'isMain', type: 'bool', note: '重点科室承担帮扶目标；留空为“否”' },
];

export const GEOFENCE_COLUMNS: Column<GeofenceExportRow>[] = [
  {
    header: H.institution,
    key: 'institutionName',
    required: true,
    width: 30,
    note: '“机构”表中的机构或已登记的机构',
  },
  { header: H.fence, key: 'name', required: true, width: 16, note: '如“院区”“分院”，最多50个字' },
  {
    header: H.crs,
    key: 'crs',
    required: true,
    width: 30,
    list: labelsOf(CRS_LABELS),
    note: '取点所用地图的坐标系：高德、腾讯地图为 GCJ-02，百度地图为 BD-09，GPS 为 WGS-84',
    value: (r) => CRS_LABELS[r.crs],
  },
  { header: H.lat, key: 'lat', type: 'number', required: true, note: '-90 至 90，如 28.0105' },
  { header: H.lng, key: 'lng', type: 'number', required: true, note: '-180 至 180，如 102.8455' },
  {
    header: H.radius,
    key: 'radiusM',
    type: 'int',
    note: `${GEOFENCE_RADIUS.min} 至 ${GEOFENCE_RADIUS.max} 米，留空为 ${GEOFENCE_RADIUS.default} 米`,
  },
];

/** A valid-looking code for the example row (事业单位 registered in 昭觉县). */
const EXAMPLE_CODE = `12513431MB0000001${creditCodeCheckChar('12513431MB0000001')}`;
const EXAMPLE_NAME = '示例县人民医院';

export const EXAMPLES: Record<string, Record<string, CellValue>> = {
  [SHEET.institutions]: {
    [H.name]: EXAMPLE_NAME,
    [H.creditCode]: EXAMPLE_CODE,
    [H.category]: InstitutionCategory.label('medical'),
    [H.tier]: InstitutionTier.label('county'),
    [H.grade]: InstitutionGrade.label('II_A'),
    [H.role]: InstitutionRole.label('recipient'),
    [H.regionCode]: '513431',
    [H.address]: '四川省凉山彝族自治州昭觉县示例路1号',
  },
  [SHEET.departments]: { [H.institution]: EXAMPLE_NAME, [H.department]: '内科', [H.isMain]: '是' },
  [SHEET.geofences]: {
    [H.institution]: EXAMPLE_NAME,
    [H.fence]: '院区',
    [H.crs]: CRS_LABELS.gcj02,
    [H.lat]: 28.0105,
    [H.lng]: 102.8455,
    [H.radius]: 300,
  },
};

const INSTRUCTIONS = [
  '“机构”表每行一家机构：统一社会信用代码已登记的，更新该机构；否则按机构名称匹配已登记的机构并更新；都未匹配到的新增。',
  '更新已登记的机构时以本行内容为准（“等级”“地址”留空即改为未定级、清空地址）；“统一社会信用代码”留空时保留已登记的代码。',
  '“科室”“地理围栏”表按“机构名称 + 科室名称（围栏名称）”新增或更新，不会删除机构已有的科室和围栏；如需删除，请在机构编辑页面操作。',
  '“科室”“地理围栏”表中的机构名称，须为“机构”表中的机构或已登记的机构。',
  '坐标按取点所用地图的坐标系填写，系统统一换算为 WGS-84 用于打卡比对。',
  '上传后系统逐行校验全部数据：有任何问题则不导入任何数据，并列出每一个有问题的单元格；全部无误并经您确认后，一次性导入。',
];

/** Template columns: the export's value functions are not part of a template. */
const templateColumns = <R>(columns: Column<R>[]): Column[] =>
  columns.map(({ value: _, ...column }) => column);

const CRS_ALIASES: Record<string, Crs> = {
  WGS84: 'wgs84',
  GPS: 'wgs84',
  GCJ02: 'gcj02',
  高德: 'gcj02',
  腾讯: 'gcj02',
  BD09: 'bd09',
  百度: 'bd09',
};

// ---------------------------------------------------------------------------------------
// Reading the rows (cell by cell, every bad cell reported)
// ---------------------------------------------------------------------------------------

interface InstitutionInput {
  row: number;
  reader: RowReader;
  name: string | null;
  creditCode: string | null;
  category: InstitutionCategory | null;
  tier: InstitutionTier | null;
  grade: InstitutionGrade;
  role: InstitutionRole | null;
  regionCode: string | null;
  address: string | null;
}

function readInstitution(reader: RowReader): InstitutionInput {
  const name = reader.text(H.name, { required: true, min: 2, max: 100 });
  const code = reader.text(H.creditCode);
  let creditCode: string | null = null;
  if (code !== null) {
    const checked = checkCreditCode(code);
    if (checked.ok) creditCode = checked.code;
    else reader.problem(H.creditCode, checked.reason);
  }
  const regionCode = reader.text(H.regionCode, { required: true });
  if (regionCode !== null && !/^\d{6}$/.test(regionCode))
    reader.problem(H.regionCode, `行政区划代码应为6位数字，实为“${regionCode}”`);
  return {
    row: reader.row.row,
    reader,
    name,
    creditCode,
    category: reader.choice(H.category, InstitutionCategory.labels, { required: true }),
    tier: reader.choice(H.tier, InstitutionTier.labels, { required: true }),
    grade: reader.choice(H.grade, InstitutionGrade.labels) ?? 'none',
    role: reader.choice(H.role, InstitutionRole.labels, { required: true }),
    regionCode: regionCode !== null && /^\d{6}$/.test(regionCode) ? regionCode : null,
    address: reader.text(H.address, { max: 200 }),
  };
}

interface DepartmentInput {
  reader: RowReader;
  institution: string | null;
  name: string | null;
  isMain: boolean;
}

const readDepartment = (reader: RowReader): DepartmentInput => ({
  reader,
  institution: reader.text(H.institution, { required: true }),
  name: reader.text(H.department, { required: true, max: 50 }),
  isMain: reader.yesNo(H.isMain, false),
});

interface GeofenceInput {
  reader: RowReader;
  institution: string | null;
  name: string | null;
  crs: Crs | null;
  lat: number | null;
  lng: number | null;
  radiusM: number;
}

const readGeofence = (reader: RowReader): GeofenceInput => ({
  reader,
  institution: reader.text(H.institution, { required: true }),
  name: reader.text(H.fence, { required: true, max: 50 }),
  crs: reader.choice(H.crs, CRS_LABELS, { required: true, aliases: CRS_ALIASES }),
  lat: reader.number(H.lat, { required: true, min: -90, max: 90 }),
  lng: reader.number(H.lng, { required: true, min: -180, max: 180 }),
  radiusM:
    reader.number(H.radius, { min: GEOFENCE_RADIUS.min, max: GEOFENCE_RADIUS.max, int: true, unit: '米' }) ??
    GEOFENCE_RADIUS.default,
});

// ---------------------------------------------------------------------------------------
// Judging the file against the database, and what to write
// ---------------------------------------------------------------------------------------

type Stored = Awaited<ReturnType<typeof repo.institutionsByNameOrCode>>[number];

/** Where a department or geofence goes: a stored institution, or one the file creates (by name). */
type Target = { id: string; key: string } | { id: null; key: string; name: string };

interface Plan {
  issues: ImportIssue[];
  creates: repo.InstitutionFields[];
  updates: (repo.InstitutionFields & { id: string; version: number })[];
  departmentInserts: { target: Target; name: string; isMain: boolean; sort: number }[];
  departmentUpdates: { id: string; isMain: boolean }[];
  fenceInserts: { target: Target; fence: Fence }[];
  fenceUpdates: (Fence & { id: string })[];
  counts: Record<string, { created: number; updated: number }>;
}

interface Fence {
  name: string;
  crs: Crs;
  lat: number;
  lng: number;
  latWgs84: number;
  lngWgs84: number;
  radiusM: number;
}

const sameFields = (a: repo.InstitutionFields, b: repo.InstitutionFields) =>
  (Object.keys(a) as (keyof repo.InstitutionFields)[]).every((k) => a[k] === b[k]);

async function planImport(ctx: Ctx, sheets: Sheets, progress: Progress): Promise<Plan> {
  const user = requireUser(ctx);
  const issues: ImportIssue[] = [];
  const readAll = <T>(name: string, read: (r: RowReader) => T): T[] => {
    const sheet = sheets[name];
    return sheet ? sheet.rows.map((row) => read(new RowReader(sheet, row, issues))) : [];
  };
  const instRows = readAll(SHEET.institutions, readInstitution);
  const depRows = readAll(SHEET.departments, readDepartment);
  const fenceRows = readAll(SHEET.geofences, readGeofence);

  // One query each for the regions, the institutions named or coded anywhere in the file, and their
  // children; one after the other, as they may run in the commit's transaction (one connection).
  const scope = institutionScope(user, {
    regionCode: institutions.regionCode,
    institutionId: institutions.id,
  });
  const regionRows = await repo.regionsByCodes(
    ctx.db,
    instRows.flatMap((r) => (r.regionCode ? [r.regionCode] : [])),
  );
  const stored = await repo.institutionsByNameOrCode(
    ctx.db,
    scope,
    [...instRows, ...depRows, ...fenceRows].flatMap((r) => {
      const name = 'institution' in r ? r.institution : r.name;
      return name ? [name] : [];
    }),
    instRows.flatMap((r) => (r.creditCode ? [r.creditCode] : [])),
  );
  const regionOf = new Map(regionRows.map((r) => [r.code, r]));
  const storedByName = new Map(stored.map((s) => [s.name, s]));
  const storedByCode = new Map(stored.flatMap((s) => (s.creditCode ? [[s.creditCode, s] as const] : [])));

  let processed = 0;
  const step = async () => progress(++processed);

  // --- 机构 ---------------------------------------------------------------------------
  const plan: Plan = {
    issues,
    creates: [],
    updates: [],
    departmentInserts: [],
    departmentUpdates: [],
    fenceInserts: [],
    fenceUpdates: [],
    counts: {},
  };
  /** file institutions by name: where their departments and fences go (null: the row is bad) */
  const inFile = new Map<string, Target | null>();
  const nameRow = new Map<string, number>();
  const codeRow = new Map<string, number>();
  const storedRow = new Map<string, number>();
  for (const r of instRows) {
    const { reader } = r;
    if (r.name !== null) {
      const first = nameRow.get(r.name);
      if (first !== undefined) reader.problem(H.name, `与第 ${first} 行的机构名称重复`);
      else nameRow.set(r.name, r.row);
    }
    if (r.creditCode !== null) {
      const first = codeRow.get(r.creditCode);
      if (first !== undefined) reader.problem(H.creditCode, `与第 ${first} 行的统一社会信用代码重复`);
      else codeRow.set(r.creditCode, r.row);
    }
    const byCode = r.creditCode ? storedByCode.get(r.creditCode) : undefined;
    const byName = r.name ? storedByName.get(r.name) : undefined;
    const match: Stored | undefined = byCode ?? byName;
    if (byCode && byName && byName.id !== byCode.id)
      reader.problem(
        H.name,
        `统一社会信用代码 ${r.creditCode} 已登记为“${byCode.name}”，而名称“${r.name}”已被另一家机构使用`,
      );
    if (match) {
      const first = storedRow.get(match.id);
      if (first !== undefined) reader.problem(null, `与第 ${first} 行对应同一家已登记的机构“${match.name}”`);
      else storedRow.set(match.id, r.row);
      if (!match.inScope) reader.problem(null, `已登记的机构“${match.name}”不在您的数据范围内，不能修改`);
    }
    if (r.regionCode) {
      const region = regionOf.get(r.regionCode);
      if (!region || region.validTo !== null)
        reader.problem(H.regionCode, `行政区划代码 ${r.regionCode} 不存在或已停用`);
      // As the form: a stored institution left in its region was found in scope already.
      else if (r.regionCode !== match?.regionCode && !regionWithinScope(user.scope, region.path))
        reader.problem(H.regionCode, `${region.name}（${r.regionCode}）不在您的数据范围内`);
    }
    const ok = !reader.bad && r.name && r.category && r.tier && r.role && r.regionCode;
    if (r.name !== null && !inFile.has(r.name))
      inFile.set(
        r.name,
        ok
          ? match
            ? { id: match.id, key: match.id }
            : { id: null, key: `new:${r.name}`, name: r.name }
          : null,
      );
    if (ok) {
      const fields: repo.InstitutionFields = {
        name: r.name!,
        creditCode: r.creditCode ?? match?.creditCode ?? null,
        category: r.category!,
        tier: r.tier!,
        grade: r.grade,
        role: r.role!,
        regionCode: r.regionCode!,
        address: r.address,
      };
      if (!match) plan.creates.push(fields);
      else if (!sameFields(fields, match))
        plan.updates.push({ ...fields, id: match.id, version: match.version });
    }
    await step();
  }
  plan.counts[SHEET.institutions] = { created: plan.creates.length, updated: storedRow.size };

  /** Where a department or fence row goes; undefined once it reported why it cannot, null when its 机构 row is bad. */
  const targetOf = (reader: RowReader, name: string): Target | null | undefined => {
    if (inFile.has(name)) return inFile.get(name);
    const s = storedByName.get(name);
    if (!s) {
      reader.problem(H.institution, `机构“${name}”既不在“机构”表中，也不是已登记的机构`);
      return undefined;
    }
    if (!s.inScope) {
      reader.problem(H.institution, `机构“${name}”不在您的数据范围内`);
      return undefined;
    }
    return { id: s.id, key: s.id };
  };

  const storedIds = [...new Set([...storedRow.keys(), ...stored.filter((s) => s.inScope).map((s) => s.id)])];
  const storedDeps = depRows.length ? await repo.departmentsOfInstitutions(ctx.db, storedIds) : [];
  const storedFences = fenceRows.length ? await repo.geofencesOfInstitutions(ctx.db, storedIds) : [];

  // --- 科室 ---------------------------------------------------------------------------
  const depSheet = sheets[SHEET.departments];
  const depSeen = new Map<string, number>();
  const depCount = new Map<string, number>();
  for (const s of storedDeps) depCount.set(s.institutionId, (depCount.get(s.institutionId) ?? 0) + 1);
  const nextSort = new Map<string, number>();
  for (const s of storedDeps)
    nextSort.set(s.institutionId, Math.max(nextSort.get(s.institutionId) ?? 0, s.sort + 1));
  const storedDep = new Map(storedDeps.map((d) => [`${d.institutionId}|${d.name}`, d]));
  let depUpdated = 0;
  for (const d of depRows) {
    const target = d.institution ? targetOf(d.reader, d.institution) : undefined;
    if (target && d.name) {
      const key = `${target.key}|${d.name}`;
      const first = depSeen.get(key);
      if (first !== undefined) d.reader.problem(H.department, `与第 ${first} 行重复（同一机构的同名科室）`);
      else depSeen.set(key, d.reader.row.row);
      const existing = target.id ? storedDep.get(`${target.id}|${d.name}`) : undefined;
      if (!existing && first === undefined) {
        const n = (depCount.get(target.key) ?? 0) + 1;
        depCount.set(target.key, n);
        if (n > MAX_DEPARTMENTS)
          d.reader.problem(H.department, `机构“${d.institution}”的科室将超过 ${MAX_DEPARTMENTS} 个`);
      }
      if (!d.reader.bad) {
        if (existing) {
          depUpdated++;
          if (existing.isMain !== d.isMain)
            plan.departmentUpdates.push({ id: existing.id, isMain: d.isMain });
        } else {
          const sort = nextSort.get(target.key) ?? 0;
          nextSort.set(target.key, sort + 1);
          plan.departmentInserts.push({ target, name: d.name, isMain: d.isMain, sort });
        }
      }
    }
    await step();
  }
  if (depSheet)
    plan.counts[SHEET.departments] = { created: plan.departmentInserts.length, updated: depUpdated };

  // --- 地理围栏 ------------------------------------------------------------------------
  const fenceSheet = sheets[SHEET.geofences];
  const fenceSeen = new Map<string, number>();
  const fenceCount = new Map<string, number>();
  for (const f of storedFences) fenceCount.set(f.institutionId, (fenceCount.get(f.institutionId) ?? 0) + 1);
  const storedFence = new Map(storedFences.map((f) => [`${f.institutionId}|${f.name}`, f]));
  let fenceUpdated = 0;
  for (const f of fenceRows) {
    const target = f.institution ? targetOf(f.reader, f.institution) : undefined;
    if (target && f.name) {
      const key = `${target.key}|${f.name}`;
      const first = fenceSeen.get(key);
      if (first !== undefined) f.reader.problem(H.fence, `与第 ${first} 行重复（同一机构的同名围栏）`);
      else fenceSeen.set(key, f.reader.row.row);
      const existing = target.id ? storedFence.get(`${target.id}|${f.name}`) : undefined;
      if (!existing && first === undefined) {
        const n = (fenceCount.get(target.key) ?? 0) + 1;
        fenceCount.set(target.key, n);
        if (n > MAX_GEOFENCES)
          f.reader.problem(H.fence, `机构“${f.institution}”的地理围栏将超过 ${MAX_GEOFENCES} 个`);
      }
      if (!f.reader.bad && f.crs && f.lat !== null && f.lng !== null) {
        const wgs = toWgs84({ crs: f.crs, lat: f.lat, lng: f.lng });
        const fence: Fence = {
          name: f.name,
          crs: f.crs,
          lat: f.lat,
          lng: f.lng,
          latWgs84: wgs.lat,
          lngWgs84: wgs.lng,
          radiusM: f.radiusM,
        };
        if (existing) {
          fenceUpdated++;
          if (
            existing.crs !== fence.crs ||
            existing.lat !== fence.lat ||
            existing.lng !== fence.lng ||
            existing.radiusM !== fence.radiusM
          )
            plan.fenceUpdates.push({ ...fence, id: existing.id });
        } else plan.fenceInserts.push({ target, fence });
      }
    }
    await step();
  }
  if (fenceSheet) plan.counts[SHEET.geofences] = { created: plan.fenceInserts.length, updated: fenceUpdated };
  return plan;
}

/** A unique index refused a row: someone saved the same name or code between the check and the write. */
function isDuplicate(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (e.code === '23505') return true;
  return false;
}

/** Write a clean plan: batched inserts and updates in the caller's transaction. */
async function writePlan(ctx: Ctx, plan: Plan): Promise<void> {
  await writeRows(ctx, plan).catch((err: unknown) => {
    throw isDuplicate(err)
      ? conflict(
          '导入时发现重复的机构名称、信用代码或科室（可能有他人同时录入），本次导入未保存任何数据，请重新上传校验',
        )
      : err;
  });
}

async function writeRows(ctx: Ctx, plan: Plan): Promise<void> {
  const now = ctx.clock.now();
  const created = await repo.insertInstitutions(
    ctx.db,
    plan.creates.map((f) => ({ ...f, createdAt: now, updatedAt: now })),
  );
  const idByName = new Map(created.map((r) => [r.name, r.id]));
  const updated = await repo.updateInstitutionsVersioned(ctx.db, plan.updates, now);
  if (updated !== plan.updates.length)
    throw conflict('导入期间有机构被他人修改，本次导入未保存任何数据，请重新上传校验');
  const idOf = (t: Target) => t.id ?? idByName.get(t.name)!;
  await repo.insertDepartments(
    ctx.db,
    plan.departmentInserts.map((d) => ({
      institutionId: idOf(d.target),
      name: d.name,
      isMain: d.isMain,
      sort: d.sort,
    })),
  );
  await repo.updateDepartmentsMain(ctx.db, plan.departmentUpdates);
  // Created one millisecond apart, so fences keep the file's order (as the form does).
  await repo.insertGeofences(
    ctx.db,
    plan.fenceInserts.map((f, i) => ({
      ...f.fence,
      institutionId: idOf(f.target),
      createdAt: new Date(now.getTime() + i),
    })),
  );
  await repo.updateGeofencePoints(ctx.db, plan.fenceUpdates);
}

const outcomeOf = (plan: Plan): ImportOutcome => ({ issues: plan.issues, summary: summaryOf(plan.counts) });

export const institutionImporter: Importer = {
  entity: 'institutions',
  permission: 'org.manage',
  templateName: '机构导入模板.xlsx',
  expected: [
    { sheet: SHEET.institutions, headers: INSTITUTION_COLUMNS.map((c) => c.header) },
    { sheet: SHEET.departments, headers: DEPARTMENT_COLUMNS.map((c) => c.header), optional: true },
    { sheet: SHEET.geofences, headers: GEOFENCE_COLUMNS.map((c) => c.header), optional: true },
  ],
  examples: EXAMPLES,
  template: () =>
    buildTemplate({
      title: '机构导入模板（含科室、地理围栏）',
      instructions: INSTRUCTIONS,
      sheets: [
        {
          name: SHEET.institutions,
          columns: templateColumns(INSTITUTION_COLUMNS),
          example: EXAMPLES[SHEET.institutions],
        },
        {
          name: SHEET.departments,
          columns: templateColumns(DEPARTMENT_COLUMNS),
          example: EXAMPLES[SHEET.departments],
        },
        {
          name: SHEET.geofences,
          columns: templateColumns(GEOFENCE_COLUMNS),
          example: EXAMPLES[SHEET.geofences],
        },
      ],
    }),
  check: async (ctx, sheets, progress) => outcomeOf(await planImport(ctx, sheets, progress)),
  commit: async (ctx, sheets, progress) => {
    const plan = await planImport(ctx, sheets, progress);
    if (!plan.issues.length) await writePlan(ctx, plan);
    return outcomeOf(plan);
  },
};
