/**
 * The guarded .xlsx library (S20, S24, S25, S27): templates, guarded reading, exports and the annotated
 * dry-run report. Everything stays in memory — no temporary file is written anywhere (S20).
 */
export { XLSX_MIME } from '../../../shared/contracts/imports';
export { type CellValue, type ColumnType, columnLetter, toIsoDate } from './cells';
export { contentDisposition } from './download';
export { buildExport, EXPORT_INFO_SHEET, type ExportSheet } from './export';
export { DEFAULT_XLSX_LIMITS, type GuardReason, guardXlsx, type XlsxLimits } from './guard';
export type { Column } from './layout';
export {
  DEFAULT_MAX_ROWS,
  type ExpectedSheet,
  headerText,
  type ReadSheet,
  readWorkbook,
  type SheetRow,
} from './read';
export { buildAnnotatedReport, REPORT_ISSUES_SHEET, REPORT_NOTE_HEADER } from './report';
export { buildTemplate, INSTRUCTIONS_SHEET, TEMPLATE_LAST_ROW, type TemplateSheet } from './template';
