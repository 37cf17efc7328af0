import type { ImportIssue } from '../../../shared/contracts/imports';
import { idCheckChar, parseIdNumber } from '../../../shared/id-number';
import { BOND_TRIGGER_LABELS } from '../../../shared/policy/labels';
import { shanghaiDate } from '../../platform/clock';
import { type Ctx, requireUser } from '../../platform/context';
import { blindIndex } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { buildTemplate, type CellValue, type Column } from '../../platform/xlsx';
import type { BondTrigger } from '../dispatch/bond.rules';
import {
  type Importer,
  type ImportOutcome,
  type Progress,
  RowReader,
  type Sheets,
  summaryOf,
} from '../excel/importer';
import { packInForce } from '../programme/programme.service';
import * as repo from './bond.repo';
import { bondScope, periodFor } from './bond.service';

/**
 * Service bonds from Excel (sheet 服务年限约定): creates only. The person is found by the
 * blind index of the ID number (never echoed back), the name must match, and the period is
 * computed from the programme's pack in force on the event's day, exactly as the form does.
 */

export const SHEET = '服务年限约定';

const H = {
  idNumber: '身份证号',
  name: '姓名',
  programme: '项目',
  trigger: '约定起算事项',
  eventOn: '起算日期',
  source: '事由',
} as const;

const COLUMNS: Column[] = [
  {
    header: H.idNumber,
    key: 'idNumber',
    required: true,
    width: 22,
    note: '已登记受援人员的18位身份证号，请以文本格式填写',
  },
  { header: H.name, key: 'name', required: true, width: 16, note: '须与人员登记的姓名一致' },
  { header: H.programme, key: 'programme', required: true, width: 36, note: '项目全称或项目代码' },
  { header: H.trigger, key: 'trigger', required: true, list: Object.values(BOND_TRIGGER_LABELS) },
  {
    header: H.eventOn,
    key: 'eventOn',
    required: true,
    type: 'date',
    note: '考核合格、取得资格、晋升或派出进修之日',
  },
  { header: H.source, key: 'source', width: 30, note: '如 师带徒考核合格（普外科）；最多200个字' },
];

const EXAMPLE_ID = `51343119900101001${idCheckChar('51343119900101001')}`;

export const EXAMPLE: Record<string, CellValue> = {
  [H.idNumber]: EXAMPLE_ID,
  [H.name]: '阿说·木呷',
  [H.programme]: '四川省城乡医疗卫生对口支援“传帮带”工程',
  [H.trigger]: BOND_TRIGGER_LABELS.mentoring_passed,
  [H.eventOn]: '2025-07-01',
  [H.source]: '师带徒考核合格（普外科）',
};

const INSTRUCTIONS = [
  '“服务年限约定”表每行登记一条受援人员的服务年限约定，只新增。',
  '人员按身份证号查找，须为已登记、在您数据范围内的受援人员，姓名须与登记一致。',
  '约定期限按项目政策包（P20）在起算日期生效的版本计算：自起算日期起，至第N周年前一日止；政策包未启用或不含该起算事项的，不能导入。',
  '上传后系统逐行校验全部数据：有任何问题则不导入任何数据，并列出每一个有问题的单元格；全部无误并经您确认后，一次性导入。',
];

interface Plan {
  issues: ImportIssue[];
  rows: repo.BondInsert[];
}

async function planImport(ctx: Ctx, sheets: Sheets, progress: Progress): Promise<Plan> {
  const user = requireUser(ctx);
  const today = shanghaiDate(ctx.clock.now());
  const issues: ImportIssue[] = [];
  const sheet = sheets[SHEET];
  const inputs = (sheet?.rows ?? []).map((row) => {
    const reader = new RowReader(sheet!, row, issues);
    const rawId = reader.row.values[H.idNumber];
    let idNumber: string | null;
    if (typeof rawId === 'number') {
      reader.problem(H.idNumber, '身份证号被存为数字，末几位已丢失；请将该列设为文本格式后重新填写');
      idNumber = null;
    } else idNumber = reader.text(H.idNumber, { required: true });
    return {
      reader,
      idNumber,
      name: reader.text(H.name, { required: true, max: 100 }),
      programme: reader.text(H.programme, { required: true }),
      trigger: reader.choice<BondTrigger>(H.trigger, BOND_TRIGGER_LABELS, { required: true }),
      eventOn: reader.date(H.eventOn, { required: true }),
      source: reader.text(H.source, { max: 200 }),
    };
  });

  const scope = bondScope(ctx);
  const parsed = inputs.map((r) => (r.idNumber === null ? null : parseIdNumber(r.idNumber, today)));
  const indexes = parsed.map((p) => (p && !('error' in p) ? blindIndex(ctx.keys, p.value) : null));
  const people = new Map(
    (
      await repo.staffByIdIndexes(
        ctx.db,
        scope,
        indexes.filter((i): i is string => i !== null),
      )
    ).map((p) => [p.index, p]),
  );
  const named = await repo.programmesByName(
    ctx.db,
    inputs.flatMap((r) => (r.programme ? [r.programme] : [])),
  );
  const programmeOf = (text: string) =>
    named.find((p) => p.name === text) ?? named.find((p) => p.code === text);
  const packs = new Map<string, Awaited<ReturnType<typeof packInForce>> | null>();
  const packOn = async (programmeId: string, on: string) => {
    const key = `${programmeId}|${on}`;
    if (!packs.has(key))
      packs.set(
        key,
        await packInForce(ctx.db, programmeId, on).catch((err: unknown) => {
          if (err instanceof AppError && err.statusCode === 404) return null;
          throw err;
        }),
      );
    return packs.get(key) ?? null;
  };

  const plan: Plan = { issues, rows: [] };
  let processed = 0;
  for (const [i, r] of inputs.entries()) {
    const { reader } = r;
    const check = parsed[i];
    const index = indexes[i];
    let person: { id: string } | undefined;
    if (check && 'error' in check) reader.problem(H.idNumber, check.error);
    else if (index) {
      const hit = people.get(index);
      // Out of scope reads as not registered: the registry cannot be probed (S07).
      if (!hit?.inScope) reader.problem(H.idNumber, '未找到该身份证号的人员，或不在您的数据范围内');
      else if (hit.side !== 'recipient')
        reader.problem(H.idNumber, '该人员不是受援人员，服务年限约定只适用于受援人员');
      else if (r.name !== null && r.name !== hit.name)
        reader.problem(H.name, `姓名“${r.name}”与该身份证号登记的姓名不一致`);
      else person = hit;
    }
    let programmeId: string | undefined;
    if (r.programme !== null) {
      const found = programmeOf(r.programme);
      if (!found) reader.problem(H.programme, `项目“${r.programme}”不存在，请填写项目全称或项目代码`);
      else programmeId = found.id;
    }
    let period: { start: string; end: string; version: number } | undefined;
    if (programmeId && r.eventOn && r.trigger) {
      const inForce = await packOn(programmeId, r.eventOn);
      if (!inForce) reader.problem(H.eventOn, `该项目在 ${r.eventOn} 没有生效的政策包版本`);
      else {
        const p = periodFor(inForce.pack.rules.P20, r.trigger, r.eventOn);
        if ('error' in p) reader.problem(H.trigger, p.error);
        else period = { ...p, version: inForce.version };
      }
    }
    if (!reader.bad && person && programmeId && period && r.trigger)
      plan.rows.push({
        staffId: person.id,
        programmeId,
        trigger: r.trigger,
        source: r.source,
        startsOn: period.start,
        endsOn: period.end,
        policyVersion: period.version,
        createdBy: user.id,
      });
    await progress(++processed);
  }
  // Cells are read before the row is judged: list the issues row by row, cell by cell.
  issues.sort((a, b) => a.row - b.row || (a.cell ?? '').localeCompare(b.cell ?? ''));
  return plan;
}

const outcomeOf = (plan: Plan): ImportOutcome => ({
  issues: plan.issues,
  summary: summaryOf({ [SHEET]: { created: plan.rows.length, updated: 0 } }),
});

export const bondImporter: Importer = {
  entity: 'bonds',
  permission: 'bond.manage',
  templateName: '服务年限约定导入模板.xlsx',
  expected: [{ sheet: SHEET, headers: COLUMNS.map((c) => c.header) }],
  examples: { [SHEET]: EXAMPLE },
  template: () =>
    buildTemplate({
      title: '服务年限约定导入模板（受援人员）',
      instructions: INSTRUCTIONS,
      sheets: [{ name: SHEET, columns: COLUMNS, example: EXAMPLE }],
    }),
  check: async (ctx, sheets, progress) => outcomeOf(await planImport(ctx, sheets, progress)),
  commit: async (ctx, sheets, progress) => {
    const plan = await planImport(ctx, sheets, progress);
    if (!plan.issues.length) {
      const now = ctx.clock.now();
      await repo.insertBonds(
        ctx.db,
        plan.rows.map((row) => ({ ...row, createdAt: now, updatedAt: now })),
      );
    }
    return outcomeOf(plan);
  },
};
