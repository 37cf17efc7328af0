import {
  IMPORT_STATUS_LABELS,
  type ImportEntity,
  type ImportJobDto,
  type ImportStatus,
} from '../../../shared/contracts/imports';
import { hasPermission } from '../../../shared/permissions';
import type { Db } from '../../db/client';
import { audit } from '../../platform/audit';
import { type Ctx, requireUser } from '../../platform/context';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { buildAnnotatedReport, readWorkbook } from '../../platform/xlsx';
import { bondImporter } from '../bond/bond.import';
import { institutionImporter } from '../org/org.import';
import { pairingImporter } from '../pairing/pairing.import';
import { staffImporter } from '../staff/staff.import';
import { type Importer, type ImportOutcome, isExampleRow, type Progress, type Sheets } from './importer';
import * as repo from './imports.repo';

/**
 * Excel imports (S24, S27, S20; docs/decisions/006-excel-imports.md): upload → guarded read →
 * a job row holding the cells → dry run in the background with progress → commit in one
 * transaction that checks every row again → cells cleared. The uploaded file is never stored.
 */

export const IMPORTERS: Record<ImportEntity, Importer> = {
  institutions: institutionImporter,
  pairings: pairingImporter,
  staff: staffImporter,
  bonds: bondImporter,
};

/** The cells are held this long for the commit and the report, then cleared (S20). */
export const JOB_TTL_MS = 24 * 3_600_000;
/** A job reporting no progress this long has lost its server (a restart). */
export const STUCK_AFTER_MS = 15 * 60_000;
/** The job row's progress is written at least every this many rows. */
export const PROGRESS_STEP = 200;

const BUSY: ImportStatus[] = ['checking', 'committing'];

/**
 * Progress of the jobs running in this process. PGlite has one connection, which a running
 * import's transaction holds, so its progress is answered from here (PGlite runs a single
 * server process); on PostgreSQL it is also written to the row, for every instance to read.
 */
const live = new Map<string, number>();
/** Background work in flight, so tests (and a shutdown) can wait for it. */
const running = new Set<Promise<void>>();

export async function importsSettled(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}

/** Run after the response; a failure is logged, never left to crash the process. */
function background(ctx: Ctx, work: () => Promise<void>): void {
  const p = work()
    .catch((err: unknown) => ctx.log.error({ err }, 'import background work failed'))
    .finally(() => running.delete(p));
  running.add(p);
}

function progressOf(ctx: Ctx, id: string): Progress {
  let written = 0;
  return async (processed) => {
    live.set(id, processed);
    if (processed - written < PROGRESS_STEP) return;
    written = processed;
    if (ctx.database.kind === 'postgres')
      await repo.writeProgress(ctx.database, id, processed, ctx.clock.now());
    // A long check must not hold the event loop: let other requests (the progress poll) in.
    else await new Promise((resolve) => setImmediate(resolve));
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toDto(row: repo.JobRow): ImportJobDto {
  const processed = BUSY.includes(row.status)
    ? Math.min(row.totalRows, Math.max(row.processedRows, live.get(row.id) ?? 0))
    : row.processedRows;
  return {
    id: row.id,
    entity: row.entity,
    fileName: row.fileName,
    status: row.status,
    totalRows: row.totalRows,
    processedRows: processed,
    issues: row.issues,
    issueCount: row.issueCount,
    summary: row.summary ?? null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: iso(row.finishedAt),
  };
}

/** The caller's own job; anyone else's reads as missing. */
async function ownJob(ctx: Ctx, id: string) {
  const job = await repo.findJob(ctx.db, id, requireUser(ctx).id);
  if (!job) throw notFound('导入任务不存在');
  return job;
}

export async function getImport(ctx: Ctx, id: string): Promise<ImportJobDto> {
  return toDto(await ownJob(ctx, id));
}

export async function downloadTemplate(ctx: Ctx, entity: ImportEntity) {
  const importer = IMPORTERS[entity];
  return { fileName: importer.templateName, buffer: await importer.template(ctx) };
}

/** The cells as read, without row 2 where it still holds the template's example. */
function withoutExamples(sheets: Sheets, importer: Importer): Sheets {
  return Object.fromEntries(
    Object.entries(sheets).map(([name, sheet]) => [
      name,
      { ...sheet, rows: sheet.rows.filter((r) => !isExampleRow(r, importer.examples[name])) },
    ]),
  );
}

const rowCount = (sheets: Sheets) => Object.values(sheets).reduce((n, s) => n + s.rows.length, 0);

/**
 * Read the upload now (a bad file is refused with nothing stored), hold its cells in a job
 * and check them in the background; the caller polls the job.
 */
export async function uploadImport(
  ctx: Ctx,
  entity: ImportEntity,
  fileName: string,
  file: Buffer,
): Promise<ImportJobDto> {
  const user = requireUser(ctx);
  const importer = IMPORTERS[entity];
  if (/\.xls$/i.test(fileName))
    throw new AppError(400, 'NOT_XLSX', '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 格式后再上传');
  if (!/\.xlsx$/i.test(fileName)) throw new AppError(400, 'NOT_XLSX', '请上传 .xlsx 格式的 Excel 文件');
  if (!file.length) throw new AppError(400, 'EMPTY_FILE', '上传的文件是空的');
  const sheets = withoutExamples(await readWorkbook(file, importer.expected), importer);
  const totalRows = rowCount(sheets);
  if (!totalRows)
    throw new AppError(400, 'NO_ROWS', '文件中没有要导入的数据（第 2 行的填写示例不会导入），请填写后再上传');
  const now = ctx.clock.now();
  const id = await repo.insertJob(ctx.db, {
    entity,
    userId: user.id,
    fileName,
    status: 'checking',
    totalRows,
    sheets,
    createdAt: now,
    updatedAt: now,
    expiresAt: new Date(now.getTime() + JOB_TTL_MS),
  });
  const dto = await getImport(ctx, id);
  background(ctx, () => runCheck(ctx, importer, id, sheets, totalRows));
  return dto;
}

async function runCheck(ctx: Ctx, importer: Importer, id: string, sheets: Sheets, total: number) {
  try {
    const { issues, summary } = await importer.check(ctx, sheets, progressOf(ctx, id));
    const now = ctx.clock.now();
    await repo.transition(ctx.db, id, ['checking'], {
      status: issues.length ? 'invalid' : 'ready',
      processedRows: total,
      issues,
      summary: issues.length ? null : summary,
      finishedAt: now,
      updatedAt: now,
    });
  } catch (err) {
    await fail(ctx, id, err, '校验');
  } finally {
    live.delete(id);
  }
}

/** A failure of the job itself (not of a row): recorded in Chinese, the cells cleared; nothing was saved. */
async function fail(ctx: Ctx, id: string, err: unknown, phase: '校验' | '导入') {
  const known = err instanceof AppError && err.statusCode < 500;
  if (!known) ctx.log.error({ err, importJob: id }, `import ${phase} failed`);
  const now = ctx.clock.now();
  await repo
    .transition(ctx.db, id, BUSY, {
      status: 'failed',
      error: known ? err.message : `${phase}过程中出错，未保存任何数据；请稍后重新上传，如仍失败请联系管理员`,
      sheets: null,
      finishedAt: now,
      updatedAt: now,
    })
    .catch((e: unknown) => ctx.log.error({ err: e, importJob: id }, 'could not record the failed import'));
}

/** Rolls the commit back when the re-check finds issues, carrying them out. */
class Rejected {
  constructor(readonly outcome: ImportOutcome) {}
}

/** Start the commit of a checked job; it runs in the background in one transaction (S27). */
export async function commitImport(ctx: Ctx, id: string): Promise<ImportJobDto> {
  const user = requireUser(ctx);
  const job = await ownJob(ctx, id);
  const importer = IMPORTERS[job.entity];
  if (!hasPermission(user.role, importer.permission)) throw forbidden();
  if (job.status !== 'ready')
    throw conflict(`该导入当前为“${IMPORT_STATUS_LABELS[job.status]}”，不能确认导入`);
  const now = ctx.clock.now();
  if (job.expiresAt <= now) throw conflict('该导入已超过 24 小时有效期，请重新上传');
  const moved = await repo.transition(ctx.db, id, ['ready'], {
    status: 'committing',
    processedRows: 0,
    finishedAt: null,
    updatedAt: now,
  });
  if (!moved) throw conflict('该导入的状态已变化，请刷新后重试');
  const content = await repo.jobContent(ctx.db, id);
  const dto = await getImport(ctx, id);
  background(ctx, () => runCommit(ctx, importer, job, content?.sheets as Sheets));
  return dto;
}

async function runCommit(ctx: Ctx, importer: Importer, job: repo.JobRow, sheets: Sheets) {
  const progress = progressOf(ctx, job.id);
  try {
    const { summary } = await ctx.db.transaction(async (tx) => {
      const inTx: Ctx = { ...ctx, db: tx };
      const outcome = await importer.commit(inTx, sheets, progress);
      if (outcome.issues.length) throw new Rejected(outcome);
      await audit(
        inTx,
        'import.commit',
        {
          objectType: 'import_job',
          objectId: job.id,
          details: { entity: job.entity, fileName: job.fileName, rows: job.totalRows, ...outcome.summary },
        },
        tx,
      );
      return outcome;
    });
    const now = ctx.clock.now();
    await repo.transition(ctx.db, job.id, ['committing'], {
      status: 'committed',
      processedRows: job.totalRows,
      issues: [],
      summary,
      sheets: null,
      finishedAt: now,
      updatedAt: now,
    });
  } catch (err) {
    if (!(err instanceof Rejected)) return fail(ctx, job.id, err, '导入');
    // The data changed since the dry run: nothing was saved; the report shows why.
    const now = ctx.clock.now();
    await repo.transition(ctx.db, job.id, ['committing'], {
      status: 'invalid',
      processedRows: job.totalRows,
      issues: err.outcome.issues,
      summary: null,
      finishedAt: now,
      updatedAt: now,
    });
  } finally {
    live.delete(job.id);
  }
}

/** Drop a job that is not being written: its cells are cleared (S20). */
export async function cancelImport(ctx: Ctx, id: string): Promise<ImportJobDto> {
  const job = await ownJob(ctx, id);
  const from: ImportStatus[] = ['checking', 'invalid', 'ready'];
  const now = ctx.clock.now();
  const moved =
    from.includes(job.status) &&
    (await repo.transition(ctx.db, id, from, {
      status: 'cancelled',
      sheets: null,
      finishedAt: now,
      updatedAt: now,
    }));
  if (!moved) throw conflict(`该导入当前为“${IMPORT_STATUS_LABELS[job.status]}”，不能取消`);
  return getImport(ctx, id);
}

/** The dry run's report: every issue, and the uploaded sheets with each bad cell marked. */
export async function importReport(ctx: Ctx, id: string) {
  const job = await ownJob(ctx, id);
  if (BUSY.includes(job.status)) throw conflict('正在处理该文件，请稍后再下载校验结果');
  const content = await repo.jobContent(ctx.db, id);
  if (!content?.sheets)
    throw new AppError(
      410,
      'REPORT_GONE',
      '该导入的文件内容已按规定清除（已导入、已取消或已过期），无法再生成校验结果',
    );
  const stem = job.fileName.replace(/\.xlsx$/i, '');
  return {
    fileName: `${stem}_校验结果.xlsx`,
    buffer: await buildAnnotatedReport(content.sheets as Sheets, content.issues),
  };
}

/** Expire jobs past their 24 hours, and fail those whose server stopped mid-work. */
export async function expireImports(db: Db, now: Date) {
  const expired = await repo.expireJobs(db, now);
  const failed = await repo.failStuckJobs(
    db,
    new Date(now.getTime() - STUCK_AFTER_MS),
    now,
    '服务器在处理期间中断（如重启），本次导入未完成，未保存任何数据，请重新上传',
  );
  return { expired, failed };
}
