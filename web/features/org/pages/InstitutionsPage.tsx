import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { InstitutionDetailDto, InstitutionDto } from '../../../../shared/contracts/org';
import { InstitutionCategory, InstitutionGrade, InstitutionTier } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { ExportButton } from '../../../app/components/ExportButton';
import { ImportWizard } from '../../../app/components/ImportWizard';
import { type InstitutionFilter, useInstitutions } from '../api';
import { InstitutionDrawer } from '../components/InstitutionDrawer';
import { InstitutionFilterFields } from '../components/InstitutionFilterFields';
import { InstitutionFormModal } from '../components/InstitutionFormModal';
import { InstitutionRoleTag } from '../components/InstitutionRoleTag';

/** An import changes institutions, their details, the map and the pickers that list them. */
const IMPORT_REFRESHES = [['org']] as const;

/** The form is open to create (`{}`) or to edit an institution. */
type Editing = { institution?: InstitutionDetailDto } | null;

export default function InstitutionsPage() {
  const me = useCurrentUser();
  const canManage = can(me, 'org.manage');
  const [filter, setFilter] = useState<InstitutionFilter>({ page: 1, pageSize: 20 });
  const [viewing, setViewing] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);
  const { data, isFetching, error } = useInstitutions(filter);
  // A changed filter starts again from the first page.
  const refine = (change: Partial<InstitutionFilter>) => setFilter((f) => ({ ...f, ...change, page: 1 }));

  const columns: TableColumnsType<InstitutionDto> = [
    { title: '机构名称', dataIndex: 'name', width: 260 },
    { title: '类别', dataIndex: 'category', width: 100, render: InstitutionCategory.label },
    { title: '层级', dataIndex: 'tier', width: 110, render: InstitutionTier.label },
    { title: '等级', dataIndex: 'grade', width: 100, render: InstitutionGrade.label },
    {
      title: '角色',
      dataIndex: 'role',
      width: 120,
      render: (role: InstitutionDto['role']) => <InstitutionRoleTag role={role} />,
    },
    { title: '所在地区', dataIndex: 'regionName', width: 140 },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, row) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          data-testid={`institution-view-${row.id}`}
          onClick={() => setViewing(row.id)}
        >
          详情
        </Button>
      ),
    },
  ];

  return (
    <Card
      title="机构名录"
      extra={
        <Space>
          {canManage && (
            <Button
              data-testid="institution-import"
              icon={<UploadOutlined />}
              onClick={() => setImporting(true)}
            >
              导入
            </Button>
          )}
          <ExportButton
            data-testid="institution-export"
            path="/api/institutions/export"
            filters={filter}
            fallbackName="机构名录.xlsx"
          />
          {canManage && (
            <Button
              data-testid="institution-create"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
            >
              新建机构
            </Button>
          )}
        </Space>
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="按机构名称搜索"
          allowClear
          enterButton
          style={{ width: 280 }}
          onSearch={(q) => refine({ q: q.trim() || undefined })}
        />
        <InstitutionFilterFields filter={filter} refine={refine} />
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<InstitutionDto>
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 920 }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 个机构`,
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
      {viewing && (
        <InstitutionDrawer
          id={viewing}
          onClose={() => setViewing(null)}
          onEdit={canManage ? (institution) => setEditing({ institution }) : undefined}
        />
      )}
      {editing && (
        <InstitutionFormModal
          institution={editing.institution}
          onClose={() => setEditing(null)}
          onSaved={(saved) => setViewing(saved.id)}
        />
      )}
      {importing && (
        <ImportWizard
          entity="institutions"
          invalidates={IMPORT_REFRESHES}
          onClose={() => setImporting(false)}
        />
      )}
    </Card>
  );
}
