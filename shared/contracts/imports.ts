import { z } from 'zod';

/** Excel imports: template → upload → check (dry run, every bad cell) → commit all or nothing. */

export const IMPORT_ENTITIES = ['institutions', 'pairings', 'staff', 'bonds'] as const;
export const ImportEntity = z.enum(IMPORT_ENTITIES);
export type ImportEntity = z.infer<typeof ImportEntity>;
export const IMPORT_ENTITY_LABELS: Record<ImportEntity, string> = {
  institutions: '机构（含科室、地理围栏）',
  pairings: '结对关系',
  staff: '人员',
  bonds: '服务年限约定',
};

export const IMPORT_STATUSES = [
  'checking',
  'invalid',
  'ready',
  'committing',
  'committed',
  'failed',
  'cancelled',
  'expired',
] as const;
export const ImportStatus = z.enum(IMPORT_STATUSES);
export type ImportStatus = z.infer<typeof ImportStatus>;
export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  checking: '正在校验',
  invalid: '校验未通过',
  ready: '校验通过，待确认导入',
  committing: '正在导入',
  committed: '已导入',
  failed: '导入失败',
  cancelled: '已取消',
  expired: '已过期',
};

/** One problem with one cell (or row) of the uploaded file; row is the Excel row number. */
export const ImportIssue = z.object({
  sheet: z.string(),
  row: z.number().int(),
  /** the column's Chinese header, null when the problem is the whole row */
  column: z.string().nullable(),
  /** A1-style reference, e.g. `C5` */
  cell: z.string().nullable(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportSummary = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** per sheet, e.g. { 机构: { created, updated }, 科室: … } */
  bySheet: z.record(z.string(), z.object({ created: z.number().int(), updated: z.number().int() })),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportJobDto = z.object({
  id: z.uuid(),
  entity: ImportEntity,
  fileName: z.string(),
  status: ImportStatus,
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  /** the first 1,000 issues; all of them are in the annotated report */
  issues: z.array(ImportIssue),
  issueCount: z.number().int(),
  /** what the commit will do (after checking) or did (after committing) */
  summary: ImportSummary.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJobDto = z.infer<typeof ImportJobDto>;

export const UploadImportQuery = z.object({
  fileName: z.string().trim().min(1).max(200),
});

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
