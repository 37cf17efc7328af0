import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { RevealBody, StaffDto } from '../../../../shared/contracts/staff';
import { Gender, PostType, StaffSide, TitleSeries } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { formatDateTimeMinutes } from '../../../app/format';
import { useStaff } from '../api';
import { TITLE_LABELS } from '../labels';
import { RevealModal } from './RevealModal';
import { StaffDispatches } from './StaffDispatches';

const none = <Typography.Text type="secondary">未登记</Typography.Text>;
const orNone = (v: string | number | null) => (v === null || v === '' ? none : v);

/** A person's record, every field; ID number and phone masked, with 查看 for holders of staff.reveal. */
export function StaffDrawer({
  id,
  canReveal,
  onClose,
  onEdit,
}: {
  id: string;
  canReveal: boolean;
  onClose: () => void;
  /** shown to editors (staff.manage) */
  onEdit?: (staff: StaffDto) => void;
}) {
  const { data, error, isLoading } = useStaff(id);
  const mayReadDispatches = can(useCurrentUser(), 'dispatch.read');
  const [revealing, setRevealing] = useState<RevealBody['field'] | null>(null);

  const masked = (field: RevealBody['field'], value: string | null) =>
    value === null ? (
      none
    ) : (
      <Flex gap={8} align="center" wrap>
        <Typography.Text data-testid={`staff-detail-${field}`} style={{ fontFamily: 'monospace' }}>
          {value}
        </Typography.Text>
        {canReveal && (
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            data-testid={`staff-reveal-${field}`}
            onClick={() => setRevealing(field)}
          >
            查看
          </Button>
        )}
      </Flex>
    );

  return (
    <Drawer
      open
      size={720}
      title={data?.name ?? '人员详情'}
      onClose={onClose}
      extra={
        data && onEdit ? (
          <Button data-testid="staff-edit" icon={<EditOutlined />} onClick={() => onEdit(data)}>
            编辑
          </Button>
        ) : null
      }
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isLoading && <Skeleton active />}
      {data && (
        <Descriptions
          data-testid="staff-detail"
          bordered
          size="small"
          column={2}
          items={[
            {
              key: 'name',
              label: '姓名',
              // Long names wrap here rather than being cut: the drawer is where one reads them in full.
              children: <span style={{ wordBreak: 'break-all' }}>{data.name}</span>,
              span: 2,
            },
            { key: 'side', label: '人员类别', children: StaffSide.label(data.side) },
            { key: 'gender', label: '性别', children: Gender.label(data.gender) },
            { key: 'idNumber', label: '身份证号', children: masked('idNumber', data.idNumber), span: 2 },
            { key: 'birthDate', label: '出生日期', children: data.birthDate },
            { key: 'phone', label: '手机号', children: masked('phone', data.phone) },
            {
              key: 'institution',
              label: '工作单位',
              children: `${data.institution.name}（${data.institution.regionName}）`,
              span: 2,
            },
            { key: 'department', label: '科室', children: orNone(data.department) },
            { key: 'specialty', label: '专业', children: orNone(data.specialty) },
            { key: 'title', label: '职称', children: TITLE_LABELS[data.title] },
            {
              key: 'titleSeries',
              label: '职称系列',
              children: data.titleSeries ? TitleSeries.label(data.titleSeries) : none,
            },
            { key: 'postType', label: '岗位类型', children: PostType.label(data.postType) },
            {
              key: 'work',
              label: '参加工作日期',
              children: data.workStartedOn
                ? `${data.workStartedOn}（工龄 ${data.serviceYears ?? 0} 年）`
                : none,
            },
            { key: 'qualificationType', label: '执业证书类型', children: orNone(data.qualificationType) },
            { key: 'qualificationNumber', label: '执业证书编号', children: orNone(data.qualificationNumber) },
            ...(data.side === 'recipient'
              ? [
                  {
                    key: 'backbone',
                    label: '业务骨干',
                    children: data.backbone ? <Tag color="gold">业务骨干</Tag> : '否',
                  },
                ]
              : []),
            {
              key: 'username',
              label: '登录账号',
              children: data.username ?? <Typography.Text type="secondary">未关联账号</Typography.Text>,
              span: data.side === 'recipient' ? 1 : 2,
            },
            { key: 'created', label: '登记时间', children: formatDateTimeMinutes(data.createdAt) },
            { key: 'updated', label: '最后修改', children: formatDateTimeMinutes(data.updatedAt) },
          ]}
        />
      )}
      {data && mayReadDispatches && <StaffDispatches staffId={data.id} />}
      {data && revealing && <RevealModal staff={data} field={revealing} onClose={() => setRevealing(null)} />}
    </Drawer>
  );
}
