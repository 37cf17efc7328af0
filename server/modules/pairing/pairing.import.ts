import type { Violation } from '../../../shared/contracts/pairing';
import { CreatePairingBody, PAIRING_MODE_LABELS, type PairingDto } from '../../../shared/contracts/pairing';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { buildTemplate, type CellValue, type Column } from '../../platform/xlsx';
import {
  type Importer,
  type ImportOutcome,
  type Progress,
  RowReader,
  type Sheets,
  summaryOf,
} from '../excel/importer';
import { institutionIdsByName } from '../org/org.service';
import { listProgrammes } from '../programme/programme.service';
import { createPairing } from './pairing.service';

/**
 * Pairings from Excel (sheet 结对关系). Each row goes through the pairing service exactly as
 * the form does (P01, P02, scope, programme period, duplicates, exceptions), inside its own
 * savepoint of one transaction: a refused row becomes an issue and the next row goes on. The
 * dry run rolls the whole transaction back; the commit keeps it only when no row was refused.
 */

export const SHEET = '结对关系';

const H = {
  programme: '项目',
  supporting: '支援机构',
  recipient: '受援机构',
  mode: '帮扶模式',
  departments: '所包科室',
  periodStart: '开始日期',
  periodEnd: '结束日期',
  exceptionReason: '例外理由',
} as const;

/** The columns of the template and, with their values, of the export. */
export const PAIRING_COLUMNS: Column<PairingDto>[] = [
  {
    header: H.programme,
    key: 'programmeName',
    required: true,
    width: 36,
    note: '从下拉列表中选择项目名称（也可填写项目代码）',
  },
  {
    header: H.supporting,
    key: 'supporting',
    required: true,
    width: 30,
    note: '已登记的机构全称',
    value: (p) => p.supporting.name,
  },
  {
    header: H.recipient,
    key: 'recipient',
    required: true,
    width: 30,
    note: '已登记的机构全称',
    value: (p) => p.recipient.name,
  },
  {
    header: H.mode,
    key: 'mode',
    required: true,
    list: Object.values(PAIRING_MODE_LABELS),
    value: (p) => PAIRING_MODE_LABELS[p.mode],
  },
  {
    header: H.departments,
    key: 'departments',
    width: 24,
    note: '以院包科时必填，多个科室用“、”分隔',
    value: (p) => p.departments.join('、'),
  },
  { header: H.periodStart, key: 'periodStart', type: 'date', required: true },
  { header: H.periodEnd, key: 'periodEnd', type: 'date', note: '留空为不定期（须项目本身不定期）' },
  {
    header: H.exceptionReason,
    key: 'exceptionReason',
    width: 36,
    note: '不符合结对规定（如 P02 帮扶机构数）确需结对的，填写理由，导入后作为例外报批',
  },
];

export const EXAMPLES: Record<string, Record<string, CellValue>> = {
  [SHEET]: {
    [H.programme]: '（示例）对口支援项目',
    [H.supporting]: '（示例）省人民医院',
    [H.recipient]: '（示例）县人民医院',
    [H.mode]: PAIRING_MODE_LABELS.hospital_department,
    [H.departments]: '内科、儿科',
    [H.periodStart]: '2026-01-01',
    [H.periodEnd]: '2028-12-31',
  },
};

const INSTRUCTIONS = [
  '每行一条新的结对关系；项目、支援机构、受援机构须为系统中已有的。',
  '每行按与“新建结对关系”页面相同的规则校验（实施范围 P01、帮扶机构数 P02、项目期限、数据范围、同期重复结对）。',
  '不符合“原则上”规则但确需结对的，请在“例外理由”列填写理由，导入后作为例外进入审批；不符合强制性规则的不能导入。',
  '上传后系统逐行校验全部数据：有任何问题则不导入任何数据，并列出每一行的问题；全部无误并经您确认后，一次性导入。',
];

/** Which column an error of the pairing service is about (none: the row as a whole). */
const COLUMN_OF_ERROR: Record<string, string> = {
  UNKNOWN_PROGRAMME: H.programme,
  OUTSIDE_PROGRAMME: H.periodStart,
  NOT_A_SUPPORTER: H.supporting,
  NOT_A_RECIPIENT: H.recipient,
  NEEDS_EXCEPTION: H.exceptionReason,
};

/** Which column a field of the create body is read from. */
const COLUMN_OF_FIELD: Record<string, string> = {
  programmeId: H.programme,
  supportingInstitutionId: H.supporting,
  recipientInstitutionId: H.recipient,
  mode: H.mode,
  departments: H.departments,
  periodStart: H.periodStart,
  periodEnd: H.periodEnd,
  exceptionReason: H.exceptionReason,
};

function messageOf(err: AppError): string {
  if (err.code !== 'NEEDS_EXCEPTION') return err.message;
  const violations = (err.details as { violations?: Violation[] } | undefined)?.violations ?? [];
  const why = violations.map((v) => `${v.rule}：${v.message}`).join('；') || err.message;
  return `${why}。如确需如此，请在“例外理由”列填写理由，导入后作为例外报批`;
}

/** Rolls the dry run's transaction back, carrying its outcome out. */
class DryRunDone {
  constructor(readonly outcome: ImportOutcome) {}
}

/** Every row through the pairing service, each in its own savepoint of `ctx.db` (a transaction). */
async function runRows(ctx: Ctx, sheets: Sheets, progress: Progress): Promise<ImportOutcome> {
  const sheet = sheets[SHEET]!;
  const issues: ImportOutcome['issues'] = [];
  const programmes = (await listProgrammes(ctx, { page: 1, pageSize: 1000 })).items;
  const names = sheet.rows.flatMap((r) =>
    [r.values[H.supporting], r.values[H.recipient]].flatMap((v) =>
      v === null || v === undefined ? [] : [String(v).trim()],
    ),
  );
  const institutionIds = await institutionIdsByName(ctx, names);
  let created = 0;
  let processed = 0;
  for (const row of sheet.rows) {
    const reader = new RowReader(sheet, row, issues);
    const programmeId = resolveProgramme(reader, programmes);
    const institution = (header: string) => {
      const name = reader.text(header, { required: true });
      if (name === null) return null;
      const id = institutionIds.get(name);
      if (!id) reader.problem(header, `机构“${name}”未登记，请填写系统中已有机构的全称`);
      return id ?? null;
    };
    const body = {
      programmeId,
      supportingInstitutionId: institution(H.supporting),
      recipientInstitutionId: institution(H.recipient),
      mode: reader.choice(H.mode, PAIRING_MODE_LABELS, { required: true }),
      departments: (reader.text(H.departments) ?? '')
        .split(/[、，,；;\n]/)
        .map((d) => d.trim())
        .filter(Boolean),
      periodStart: reader.date(H.periodStart, { required: true }),
      periodEnd: reader.date(H.periodEnd),
      exceptionReason: reader.text(H.exceptionReason, { max: 1000 }) ?? undefined,
    };
    if (!reader.bad) {
      const parsed = CreatePairingBody.safeParse(body);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          reader.problem(COLUMN_OF_FIELD[String(issue.path[0])] ?? null, issue.message);
      } else {
        try {
          await ctx.db.transaction((savepoint) => createPairing({ ...ctx, db: savepoint }, parsed.data));
          created++;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          reader.problem(COLUMN_OF_ERROR[err.code] ?? null, messageOf(err));
        }
      }
    }
    await progress(++processed);
  }
  return { issues, summary: summaryOf({ [SHEET]: { created, updated: 0 } }) };
}

type ProgrammeItem = Awaited<ReturnType<typeof listProgrammes>>['items'][number];

/** A programme by its name (as the dropdown offers) or its code; a name two programmes share needs the code. */
function resolveProgramme(reader: RowReader, programmes: ProgrammeItem[]): string | null {
  const text = reader.text(H.programme, { required: true });
  if (text === null) return null;
  const byCode = programmes.find((p) => p.code === text);
  if (byCode) return byCode.id;
  const byName = programmes.filter((p) => p.name === text);
  if (byName.length === 1) return byName[0]!.id;
  reader.problem(
    H.programme,
    byName.length ? `有 ${byName.length} 个项目名为“${text}”，请改填项目代码` : `项目“${text}”不存在`,
  );
  return null;
}

export const pairingImporter: Importer = {
  entity: 'pairings',
  permission: 'pairing.manage',
  templateName: '结对关系导入模板.xlsx',
  expected: [{ sheet: SHEET, headers: PAIRING_COLUMNS.map((c) => c.header) }],
  examples: EXAMPLES,
  template: async (ctx) => {
    const programmes = (await listProgrammes(ctx, { page: 1, pageSize: 1000 })).items;
    const columns = PAIRING_COLUMNS.map(({ value: _, ...column }) =>
      column.header === H.programme
        ? { ...column, list: [...new Set(programmes.map((p) => p.name))] }
        : column,
    );
    return buildTemplate({
      title: '结对关系导入模板',
      instructions: INSTRUCTIONS,
      sheets: [{ name: SHEET, columns, example: EXAMPLES[SHEET] }],
    });
  },
  check: async (ctx, sheets, progress) => {
    try {
      await ctx.db.transaction(async (tx) => {
        throw new DryRunDone(await runRows({ ...ctx, db: tx }, sheets, progress));
      });
    } catch (err) {
      if (err instanceof DryRunDone) return err.outcome;
      throw err;
    }
    throw new Error('the dry run always rolls back');
  },
  commit: runRows,
};
