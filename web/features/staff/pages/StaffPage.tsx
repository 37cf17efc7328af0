import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Flex,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { StaffDto } from '../../../../shared/contracts/staff';
import { Gender, StaffSide, TitleSeries } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { ExportButton } from '../../../app/components/ExportButton';
import { ImportWizard } from '../../../app/components/ImportWizard';
import { InstitutionPicker } from '../../../app/components/InstitutionPicker';
import { RegionCascadeFilter } from '../../../app/components/RegionCascadeFilter';
import { type StaffFilter, useStaffList } from '../api';
import { StaffDrawer } from '../components/StaffDrawer';
import { StaffFormModal } from '../components/StaffFormModal';
import { StaffName } from '../components/StaffName';
import { INSTITUTION_ROLES_OF, optionsOf, TITLE_LABELS, titleOptions } from '../labels';

/** An import adds and changes staff. */
const IMPORT_REFRESHES = [['staff']] as const;

const mono = { fontFamily: 'monospace', whiteSpace: 'nowrap' } as const;
const dash = (v: string | number | null) => (v === null || v === '' ? '—' : v);

/** The form is open to add (`{}`) or to edit a person. */
type Editing = { staff?: StaffDto } | null;

/** 人员名册: support and recipient staff of the institutions in scope, ID numbers and phones masked. */
export default function StaffPage() {
  const me = useCurrentUser();
  const canManage = can(me, 'staff.manage');
  const canReveal = can(me, 'staff.reveal');
  const [filter, setFilter] = useState<StaffFilter>({ page: 1, pageSize: 20 });
  const [viewing, setViewing] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);
  const { data, isFetching, error } = useStaffList(filter);
  // A changed filter starts again from the first page.
  const refine = (change: Partial<StaffFilter>) => setFilter((f) => ({ ...f, ...change, page: 1 }));

  const columns: TableColumnsType<StaffDto> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 150,
      fixed: 'left',
      render: (name: string, row) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, maxWidth: 134 }}
          data-testid={`staff-view-${row.id}`}
          onClick={() => setViewing(row.id)}
        >
          <StaffName name={name} width={134} />
        </Button>
      ),
    },
    { title: '类别', dataIndex: 'side', width: 90, render: StaffSide.label },
    { title: '性别', dataIndex: 'gender', width: 60, render: Gender.label },
    {
      title: '工作单位',
      key: 'institution',
      width: 200,
      render: (_, s) => (
        <Typography.Text style={{ maxWidth: 184 }} ellipsis={{ tooltip: s.institution.name }}>
          {s.institution.name}
        </Typography.Text>
      ),
    },
    { title: '科室', dataIndex: 'department', width: 100, ellipsis: true, render: dash },
    { title: '职称', dataIndex: 'title', width: 80, render: (t: StaffDto['title']) => TITLE_LABELS[t] },
    {
      title: '职称系列',
      dataIndex: 'titleSeries',
      width: 90,
      render: (t: StaffDto['titleSeries']) => (t ? TitleSeries.label(t) : '—'),
    },
    {
      title: '工龄',
      dataIndex: 'serviceYears',
      width: 70,
      render: (y: number | null) => (y === null ? '—' : `${y} 年`),
    },
    {
      title: '身份证号',
      dataIndex: 'idNumber',
      width: 190,
      render: (v: string) => (
        <span style={mono} data-testid="staff-id-number">
          {v}
        </span>
      ),
    },
    {
      title: '手机号',
      dataIndex: 'phone',
      width: 120,
      render: (v: string | null) => <span style={mono}>{dash(v)}</span>,
    },
    {
      title: '业务骨干',
      dataIndex: 'backbone',
      width: 90,
      render: (b: boolean) => (b ? <Tag color="gold">业务骨干</Tag> : null),
    },
    {
      title: '账号',
      dataIndex: 'username',
      width: 120,
      ellipsis: true,
      render: (u: string | null) => u ?? <Typography.Text type="secondary">未关联</Typography.Text>,
    },
  ];

  return (
    <Card
      title="人员名册"
      extra={
        <Space>
          {canManage && (
            <Button data-testid="staff-import" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              导入
            </Button>
          )}
          <ExportButton
            data-testid="staff-export"
            path="/api/staff/export"
            filters={filter}
            fallbackName="人员名册.xlsx"
          />
          {canManage && (
            <Button
              data-testid="staff-create"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
            >
              新增人员
            </Button>
          )}
        </Space>
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          data-testid="staff-search"
          placeholder="姓名，或完整的身份证号、手机号"
          title="身份证号和手机号须输入完整才能查到（加密存储，不支持部分匹配）"
          allowClear
          enterButton
          style={{ width: 300 }}
          onSearch={(q) => refine({ q: q.trim() || undefined })}
        />
        <Select
          data-testid="staff-filter-side"
          placeholder="全部人员类别"
          allowClear
          style={{ width: 140 }}
          options={optionsOf(StaffSide)}
          value={filter.side}
          onChange={(side) => refine({ side, institutionId: undefined })}
        />
        <RegionCascadeFilter
          data-testid="staff-filter-prefecture"
          value={filter.region}
          onChange={(region) => refine({ region })}
        />
        <InstitutionPicker
          data-testid="staff-filter-institution"
          roles={filter.side ? INSTITUTION_ROLES_OF[filter.side] : undefined}
          placeholder="全部工作单位"
          allowClear
          style={{ width: 240 }}
          value={filter.institutionId}
          onChange={(institutionId) => refine({ institutionId: institutionId ?? undefined })}
        />
        <Select
          data-testid="staff-filter-title"
          placeholder="全部职称"
          allowClear
          style={{ width: 120 }}
          options={titleOptions}
          value={filter.title}
          onChange={(title) => refine({ title })}
        />
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<StaffDto>
        data-testid="staff-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 1360 }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 人`,
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
      {viewing && (
        <StaffDrawer
          id={viewing}
          canReveal={canReveal}
          onClose={() => setViewing(null)}
          onEdit={canManage ? (staff) => setEditing({ staff }) : undefined}
        />
      )}
      {editing && (
        <StaffFormModal
          staff={editing.staff}
          onClose={() => setEditing(null)}
          onSaved={(saved) => setViewing(saved.id)}
        />
      )}
      {importing && (
        <ImportWizard entity="staff" invalidates={IMPORT_REFRESHES} onClose={() => setImporting(false)} />
      )}
    </Card>
  );
}
