import { Alert, Card, Flex, Input, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { InstitutionDto } from '../../../../shared/contracts/org';
import {
  InstitutionCategory,
  InstitutionGrade,
  InstitutionRole,
  InstitutionTier,
} from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { type InstitutionFilter, useInstitutions } from '../api';
import { InstitutionRoleTag } from '../components/InstitutionRoleTag';

const optionsOf = <T extends string>(e: { values: readonly T[]; label: (v: T) => string }) =>
  e.values.map((value) => ({ value, label: e.label(value) }));

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
];

export default function InstitutionsPage() {
  const [filter, setFilter] = useState<InstitutionFilter>({ page: 1, pageSize: 20 });
  const { data, isFetching, error } = useInstitutions(filter);
  // A changed filter starts again from the first page.
  const refine = (change: Partial<InstitutionFilter>) => setFilter((f) => ({ ...f, ...change, page: 1 }));

  return (
    <Card title="机构名录">
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="按机构名称搜索"
          allowClear
          enterButton
          style={{ width: 280 }}
          onSearch={(q) => refine({ q: q.trim() || undefined })}
        />
        <Select
          placeholder="全部类别"
          allowClear
          style={{ width: 150 }}
          options={optionsOf(InstitutionCategory)}
          value={filter.category}
          onChange={(category) => refine({ category })}
        />
        <Select
          placeholder="全部角色"
          allowClear
          style={{ width: 150 }}
          options={optionsOf(InstitutionRole)}
          value={filter.role}
          onChange={(role) => refine({ role })}
        />
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<InstitutionDto>
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 830 }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 个机构`,
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
    </Card>
  );
}
