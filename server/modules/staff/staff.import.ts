import type { ImportIssue } from '../../../shared/contracts/imports';
import { CreateStaffBody, type StaffDto } from '../../../shared/contracts/staff';
import { Gender, type InstitutionRole, PostType, StaffSide, TitleSeries } from '../../../shared/enums';
import { idCheckChar, parseIdNumber } from '../../../shared/id-number';
import { TITLE_LABELS } from '../../../shared/policy/labels';
import { shanghaiDate } from '../../platform/clock';
import { type Ctx, requireUser } from '../../platform/context';
import { blindIndex } from '../../platform/crypto';
import { conflict } from '../../platform/errors';
import { institutionScope } from '../../platform/scope';
import { buildTemplate, type CellValue, type Column } from '../../platform/xlsx';
import {
  chunks,
  type Importer,
  type ImportOutcome,
  type Progress,
  RowReader,
  type Sheets,
  summaryOf,
} from '../excel/importer';
import * as repo from './staff.import.repo';
import {
  existingIdIndexes,
  insertStaff,
  isDuplicateIdNumber,
  type StaffInsert,
  staffScopeColumns,
} from './staff.repo';
import { staffRowFrom } from './staff.service';

/**
 * Staff from Excel (sheet 人员): creates only — an ID number already registered is an issue,
 * never an update. Each row is built by the same `staffRowFrom` as the form (GB 11643
 * checksum, gender against the ID number, the institution's side, 业务骨干), after the cells
 * are read and shaped by the form's contract; institutions and registered ID numbers are
 * looked up for the whole file in a few batched queries. No message names an ID number.
 */

export const SHEET = '人员';

const H = {
  side: '人员类别',
  name: '姓名',
  gender: '性别',
  idNumber: '身份证号',
  phone: '手机号',
  institution: '工作单位',
  department: '科室',
  specialty: '专业',
  title: '职称',
  titleSeries: '职称系列',
  postType: '岗位类型',
  workStartedOn: '参加工作时间',
  qualificationType: '执业证书类型',
  qualificationNumber: '执业证书编号',
  backbone: '业务骨干',
} as const;

/** Where a problem of the form's contract or rules (by field) shows in the sheet. */
const HEADER_OF: Record<keyof CreateStaffBody, string> = { ...H, institutionId: H.institution };

/** Stands in for an unknown institution while the rest of its row is judged (never written). */
const NO_INSTITUTION = '00000000-0000-4000-8000-000000000000';

const labelsOf = (labels: Record<string, string>) => Object.values(labels);

/**
 * The template's columns and, with their values, the export's. Text columns are formatted as
 * text (`@`), so ID numbers and phones keep every digit and never turn into 1.1E+17.
 */
export const STAFF_COLUMNS: Column<StaffDto>[] = [
  {
    header: H.side,
    key: 'side',
    required: true,
    list: labelsOf(StaffSide.labels),
    value: (s) => StaffSide.label(s.side),
  },
  {
    header: H.name,
    key: 'name',
    required: true,
    width: 16,
    note: '可含间隔号“·”，如 阿说·木呷；最多100个字',
  },
  {
    header: H.gender,
    key: 'gender',
    required: true,
    list: labelsOf(Gender.labels),
    value: (s) => Gender.label(s.gender),
  },
  {
    header: H.idNumber,
    key: 'idNumber',
    required: true,
    width: 22,
    note: '18位居民身份证号，最后一位可以是X；须与性别一致；已登记的身份证号不能再次导入',
  },
  { header: H.phone, key: 'phone', width: 14, note: '11位手机号' },
  {
    header: H.institution,
    key: 'institution',
    required: true,
    width: 30,
    note: '已登记机构的全称，须在您的数据范围内；支援人员填支援机构，受援人员填受援机构',
    value: (s) => s.institution.name,
  },
  { header: H.department, key: 'department', width: 14, note: '最多50个字' },
  { header: H.specialty, key: 'specialty', width: 14, note: '最多50个字' },
  {
    header: H.title,
    key: 'title',
    required: true,
    list: labelsOf(TITLE_LABELS),
    note: '参公管理的监督人员可选“无职称”',
    value: (s) => TITLE_LABELS[s.title],
  },
  {
    header: H.titleSeries,
    key: 'titleSeries',
    list: labelsOf(TitleSeries.labels),
    value: (s) => (s.titleSeries ? TitleSeries.label(s.titleSeries) : null),
  },
  {
    header: H.postType,
    key: 'postType',
    required: true,
    list: labelsOf(PostType.labels),
    value: (s) => PostType.label(s.postType),
  },
  { header: H.workStartedOn, key: 'workStartedOn', type: 'date', note: '用于计算工龄' },
  { header: H.qualificationType, key: 'qualificationType', width: 16, note: '如 医师执业证书；最多50个字' },
  { header: H.qualificationNumber, key: 'qualificationNumber', width: 20, note: '最多50个字' },
  { header: H.backbone, key: 'backbone', type: 'bool', note: '仅受援人员可填“是”；留空为“否”' },
];

const EXAMPLE_ID = `51343119900101001${idCheckChar('51343119900101001')}`;

export const EXAMPLE: Record<string, CellValue> = {
  [H.side]: StaffSide.label('recipient'),
  [H.name]: '阿说·木呷',
  [H.gender]: Gender.label('male'),
  [H.idNumber]: EXAMPLE_ID,
  [H.phone]: '13800001234',
  [H.institution]: '昭觉县人民医院',
  [H.department]: '内科',
  [H.specialty]: '心血管内科',
  [H.title]: TITLE_LABELS.intermediate,
  [H.titleSeries]: TitleSeries.label('medicine'),
  [H.postType]: PostType.label('professional'),
  [H.workStartedOn]: '2013-07-01',
  [H.qualificationType]: '医师执业证书',
  [H.qualificationNumber]: '110513431000001',
  [H.backbone]: '是',
};

const INSTRUCTIONS = [
  '“人员”表每行登记一名人员，只新增：身份证号已登记的人员不能通过导入修改，请在人员页面编辑。',
  '身份证号按 GB 11643 校验（含校验位），性别须与身份证号一致，出生日期由身份证号得出；身份证号、手机号请以文本格式填写，勿用科学计数法。',
  '“工作单位”填写已登记机构的全称：支援人员须为支援机构，受援人员须为受援机构；“业务骨干”仅适用于受援人员。',
  '身份证号和手机号加密保存，页面和导出中只显示部分号码。',
  '上传后系统逐行校验全部数据：有任何问题则不导入任何数据，并列出每一个有问题的单元格；全部无误并经您确认后，一次性导入。',
];

// ---------------------------------------------------------------------------------------
// Reading the cells
// ---------------------------------------------------------------------------------------

interface Input {
  reader: RowReader;
  side: StaffSide | null;
  gender: Gender | null;
  /** the ID number's cell as typed (null when blank or unreadable) */
  idNumber: string | null;
  institution: string | null;
  body: Omit<CreateStaffBody, 'side' | 'gender' | 'idNumber' | 'institutionId' | 'title' | 'postType'> & {
    title: CreateStaffBody['title'] | null;
    postType: CreateStaffBody['postType'] | null;
  };
}

function readIdNumber(reader: RowReader): string | null {
  // An ID number typed into a number cell has lost its last digits (Excel keeps 15).
  if (typeof reader.row.values[H.idNumber] === 'number') {
    reader.problem(H.idNumber, '身份证号被存为数字，末几位已丢失；请将该列设为文本格式后重新填写');
    return null;
  }
  return reader.text(H.idNumber, { required: true });
}

function readRow(reader: RowReader): Input {
  return {
    reader,
    side: reader.choice(H.side, StaffSide.labels, { required: true }),
    gender: reader.choice(H.gender, Gender.labels, { required: true }),
    idNumber: readIdNumber(reader),
    institution: reader.text(H.institution, { required: true }),
    body: {
      name: reader.text(H.name, { required: true, max: 100 }) ?? '',
      phone: reader.text(H.phone),
      department: reader.text(H.department, { max: 50 }),
      specialty: reader.text(H.specialty, { max: 50 }),
      title: reader.choice(H.title, TITLE_LABELS, { required: true }),
      titleSeries: reader.choice(H.titleSeries, TitleSeries.labels),
      postType: reader.choice(H.postType, PostType.labels, { required: true }),
      workStartedOn: reader.date(H.workStartedOn),
      qualificationType: reader.text(H.qualificationType, { max: 50 }),
      qualificationNumber: reader.text(H.qualificationNumber, { max: 50 }),
      backbone: reader.yesNo(H.backbone, false),
    },
  };
}

// ---------------------------------------------------------------------------------------
// Judging the file
// ---------------------------------------------------------------------------------------

type Registered = Awaited<ReturnType<typeof existingIdIndexes>> extends Map<string, infer V> ? V : never;

interface Plan {
  issues: ImportIssue[];
  rows: StaffInsert[];
}

/** Report each field's first problem on its cell, skipping fields whose cell already has one. */
function report(reader: RowReader, problems: { path: string; message: string }[], seen: Set<string>) {
  for (const p of problems) {
    const header = HEADER_OF[p.path as keyof CreateStaffBody] ?? null;
    const key = header ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    reader.problem(header, p.message);
  }
}

async function planImport(ctx: Ctx, sheets: Sheets, progress: Progress): Promise<Plan> {
  const user = requireUser(ctx);
  const today = shanghaiDate(ctx.clock.now());
  const issues: ImportIssue[] = [];
  const sheet = sheets[SHEET];
  const inputs = sheet ? sheet.rows.map((row) => readRow(new RowReader(sheet, row, issues))) : [];

  const scope = institutionScope(user, staffScopeColumns);
  const named = await repo.institutionsByName(
    ctx.db,
    scope,
    inputs.flatMap((r) => (r.institution ? [r.institution] : [])),
  );
  const institutionNamed = new Map(named.map((i) => [i.name, i]));

  // The ID numbers that parse: for duplicates in the file and, by blind index, in the registry.
  const idChecks = inputs.map((r) => (r.idNumber === null ? null : parseIdNumber(r.idNumber, today)));
  const parsed = idChecks.map((c) => (c && !('error' in c) ? c : null));
  const indexes = parsed.map((id) => (id ? blindIndex(ctx.keys, id.value) : null));
  const registered = new Map<string, Registered>();
  for (const part of chunks(
    indexes.filter((i): i is string => i !== null),
    5000,
  ))
    for (const [index, hit] of await existingIdIndexes(ctx.db, part)) registered.set(index, hit);
  // Name where an ID number is registered only when the caller may see that institution (S07).
  const visible = await repo.institutionIdsInScope(
    ctx.db,
    scope,
    [...registered.values()].map((h) => h.institutionId),
  );

  const readerCells = new Map<number, string[]>();
  for (const issue of issues)
    if (issue.column) readerCells.set(issue.row, [...(readerCells.get(issue.row) ?? []), issue.column]);

  const plan: Plan = { issues, rows: [] };
  const firstRowOf = new Map<string, number>();
  let processed = 0;
  for (const [i, r] of inputs.entries()) {
    const { reader } = r;
    // Cells the reader already refused are not judged again.
    const reported = new Set(readerCells.get(reader.row.row));
    const mark = (header: string, message: string) => {
      reported.add(header);
      reader.problem(header, message);
    };

    let institution: { id: string; name: string; role: InstitutionRole } | undefined;
    if (r.institution !== null) {
      const found = institutionNamed.get(r.institution);
      if (!found) mark(H.institution, `工作单位“${r.institution}”未登记，请填写已登记机构的全称`);
      else if (!found.inScope) mark(H.institution, `工作单位“${r.institution}”不在您的数据范围内`);
      else institution = found;
    }

    const id = parsed[i];
    const index = indexes[i];
    const idCheck = idChecks[i];
    if (idCheck && 'error' in idCheck) mark(H.idNumber, idCheck.error);
    if (id && index) {
      const first = firstRowOf.get(id.value);
      const hit = registered.get(index);
      if (first !== undefined) mark(H.idNumber, `与第 ${first} 行身份证号重复`);
      else {
        firstRowOf.set(id.value, reader.row.row);
        if (hit)
          mark(
            H.idNumber,
            visible.has(hit.institutionId)
              ? `该身份证号已登记（${hit.institutionName}），导入只新增人员，请在人员页面修改`
              : '该身份证号已登记，导入只新增人员',
          );
      }
    }

    // Cells left blank or refused above are already reported: placeholders let the other cells
    // be judged by the form's contract and rules, and any problem on a reported cell is dropped.
    const { title, postType, ...rest } = r.body;
    const body: CreateStaffBody = {
      ...rest,
      side: r.side ?? 'support',
      gender: r.gender ?? 'male',
      idNumber: id?.value ?? r.idNumber ?? '',
      title: title ?? 'none',
      postType: postType ?? 'professional',
      institutionId: institution?.id ?? NO_INSTITUTION,
    };
    const shaped = CreateStaffBody.safeParse(body);
    const built = staffRowFrom({ keys: ctx.keys, today, institution }, shaped.success ? shaped.data : body);
    const problems = [
      ...(shaped.success
        ? []
        : shaped.error.issues.map((e) => ({ path: String(e.path[0] ?? ''), message: e.message }))),
      ...(built.problems ?? []),
    ];
    // Without a side, the side's rules (institution role, 业务骨干) cannot be judged.
    report(
      reader,
      r.side ? problems : problems.filter((p) => p.path !== 'institutionId' && p.path !== 'backbone'),
      reported,
    );
    if (built.row && shaped.success && !reader.bad) plan.rows.push(built.row);
    await progress(++processed);
  }
  // The cells were all read before any row was judged: list the issues row by row.
  issues.sort((a, b) => a.row - b.row);
  return plan;
}

const outcomeOf = (plan: Plan): ImportOutcome => ({
  issues: plan.issues,
  summary: summaryOf({ [SHEET]: { created: plan.rows.length, updated: 0 } }),
});

/** Insert a clean plan in the commit's transaction, in batches within the driver's parameter limit. */
async function writePlan(ctx: Ctx, plan: Plan): Promise<void> {
  const now = ctx.clock.now();
  try {
    for (const part of chunks(plan.rows, 1000))
      await insertStaff(
        ctx.db,
        part.map((row) => ({ ...row, createdAt: now, updatedAt: now })),
      );
  } catch (err) {
    if (isDuplicateIdNumber(err))
      throw conflict(
        '导入时发现已登记的身份证号（可能有他人同时录入），本次导入未保存任何数据，请重新上传校验',
      );
    throw err;
  }
}

/** Template columns: the export's value functions are not part of a template. */
const TEMPLATE_COLUMNS: Column[] = STAFF_COLUMNS.map(({ value: _, ...column }) => column);

export const staffImporter: Importer = {
  entity: 'staff',
  permission: 'staff.manage',
  templateName: '人员导入模板.xlsx',
  expected: [{ sheet: SHEET, headers: STAFF_COLUMNS.map((c) => c.header) }],
  examples: { [SHEET]: EXAMPLE },
  template: () =>
    buildTemplate({
      title: '人员导入模板（支援人员、受援人员）',
      instructions: INSTRUCTIONS,
      sheets: [{ name: SHEET, columns: TEMPLATE_COLUMNS, example: EXAMPLE }],
    }),
  check: async (ctx, sheets, progress) => outcomeOf(await planImport(ctx, sheets, progress)),
  commit: async (ctx, sheets, progress) => {
    const plan = await planImport(ctx, sheets, progress);
    if (!plan.issues.length) await writePlan(ctx, plan);
    return outcomeOf(plan);
  },
};
