import { Descriptions, Table, type TableColumnsType } from 'antd';
import type { ImportIssue, ImportSummary } from '../../../shared/contracts/imports';

/** `新增 3 条、更新 1 条` */
export const summaryLine = (s: { created: number; updated: number }) =>
  `新增 ${s.created} 条、更新 ${s.updated} 条`;

/** What an import will do (or did), sheet by sheet. */
export function ImportSummaryList({ summary }: { summary: ImportSummary }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      items={Object.entries(summary.bySheet).map(([sheet, counts]) => ({
        key: sheet,
        label: sheet,
        children: <span data-testid={`import-summary-${sheet}`}>{summaryLine(counts)}</span>,
      }))}
    />
  );
}

/** One cell can have several problems: rows are keyed by position. */
type IssueRow = ImportIssue & { key: number };

const columns: TableColumnsType<IssueRow> = [
  { title: '工作表', dataIndex: 'sheet', width: 100 },
  { title: '行号', dataIndex: 'row', width: 70 },
  { title: '列', dataIndex: 'column', width: 140, render: (column: string | null) => column ?? '整行' },
  { title: '单元格', dataIndex: 'cell', width: 80, render: (cell: string | null) => cell ?? '—' },
  { title: '问题说明', dataIndex: 'message' },
];

/** Every problem the dry run found, as the annotated report lists them. */
export function ImportIssueTable({ issues }: { issues: ImportIssue[] }) {
  return (
    <Table<IssueRow>
      data-testid="import-issues"
      size="small"
      columns={columns}
      dataSource={issues.map((issue, index) => ({ ...issue, key: index }))}
      pagination={{
        pageSize: 8,
        showSizeChanger: false,
        hideOnSinglePage: true,
        showTotal: (total) => `共 ${total} 处`,
      }}
    />
  );
}
