import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import type { GeofenceDto, InstitutionDetailDto } from '../../../../shared/contracts/org';
import { InstitutionCategory, InstitutionGrade, InstitutionTier } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { formatDateTimeMinutes } from '../../../app/format';
import { useInstitution } from '../api';
import { CRS_LABELS } from './InstitutionFormModal';
import { InstitutionRoleTag } from './InstitutionRoleTag';

const coord = (n: number) => n.toFixed(6);

/** An institution's record: identity, departments (重点科室 marked) and geofences as entered and in WGS-84. */
export function InstitutionDrawer({
  id,
  onClose,
  onEdit,
}: {
  id: string;
  onClose: () => void;
  /** shown to editors (org.manage) */
  onEdit?: (institution: InstitutionDetailDto) => void;
}) {
  const { data, error, isLoading } = useInstitution(id);
  return (
    <Drawer
      open
      size={760}
      title={data?.name ?? '机构详情'}
      onClose={onClose}
      extra={
        data && onEdit ? (
          <Button data-testid="institution-edit" icon={<EditOutlined />} onClick={() => onEdit(data)}>
            编辑
          </Button>
        ) : null
      }
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isLoading && <Skeleton active />}
      {data && (
        <Flex vertical gap={24} data-testid="institution-detail">
          <Descriptions
            bordered
            size="small"
            column={2}
            items={[
              { key: 'name', label: '机构名称', children: data.name, span: 2 },
              {
                key: 'credit',
                label: '统一社会信用代码',
                children: data.creditCode ?? <Typography.Text type="secondary">未登记</Typography.Text>,
                span: 2,
              },
              { key: 'category', label: '类别', children: InstitutionCategory.label(data.category) },
              { key: 'tier', label: '层级', children: InstitutionTier.label(data.tier) },
              { key: 'grade', label: '等级', children: InstitutionGrade.label(data.grade) },
              { key: 'role', label: '角色', children: <InstitutionRoleTag role={data.role} /> },
              { key: 'region', label: '所在地区', children: data.regionPathName, span: 2 },
              { key: 'address', label: '地址', children: data.address ?? '—', span: 2 },
              { key: 'updated', label: '最后修改', children: formatDateTimeMinutes(data.updatedAt) },
              { key: 'version', label: '版本', children: data.version },
            ]}
          />
          <div>
            <Typography.Title level={5}>科室</Typography.Title>
            {data.departments.length ? (
              <Flex wrap gap={6}>
                {data.departments.map((d) => (
                  <Tag key={d.id} color={d.isMain ? 'red' : 'default'}>
                    {d.name}
                    {d.isMain && '（重点科室）'}
                  </Tag>
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary">未登记科室</Typography.Text>
            )}
          </div>
          <div>
            <Typography.Title level={5}>地理围栏</Typography.Title>
            <Table<GeofenceDto>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={data.geofences}
              locale={{ emptyText: <Empty description="未设置地理围栏，无法判断是否在岗" /> }}
              scroll={{ x: 640 }}
              columns={[
                { title: '名称', dataIndex: 'name', width: 100 },
                {
                  title: '录入坐标系',
                  dataIndex: 'crs',
                  width: 150,
                  render: (crs: GeofenceDto['crs']) => CRS_LABELS[crs],
                },
                {
                  title: '录入坐标（纬度, 经度）',
                  key: 'entered',
                  render: (_, f) => `${coord(f.lat)}, ${coord(f.lng)}`,
                },
                {
                  title: 'WGS-84（纬度, 经度）',
                  key: 'wgs84',
                  render: (_, f) => `${coord(f.latWgs84)}, ${coord(f.lngWgs84)}`,
                },
                { title: '半径', dataIndex: 'radiusM', width: 80, render: (m: number) => `${m} 米` },
              ]}
            />
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
