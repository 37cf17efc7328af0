import { SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Drawer, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import type { BondBreachDto, BondDto } from '../../../../shared/contracts/bond';
import { errorMessage } from '../../../app/api';
import { formatDateTimeMinutes } from '../../../app/format';
import { useBond } from '../api';
import { BOND_MOVEMENT_LABELS, BOND_TRIGGER_LABELS } from '../labels';
import { BondStatus, bondPeriod } from './BondStatus';

const none = <Typography.Text type="secondary">未填写</Typography.Text>;

function Breach({ breach }: { breach: BondBreachDto }) {
  return (
    <Card size="small" data-testid="bond-breach">
      <Flex vertical gap={6}>
        <Flex gap={8} align="center" wrap>
          <Tag color="red">{BOND_MOVEMENT_LABELS[breach.movement]}</Tag>
          <Typography.Text strong>{breach.movedOn}</Typography.Text>
          <Typography.Text>至 {breach.destination}</Typography.Text>
        </Flex>
        <Typography.Text type="secondary">
          审批：{breach.approvedBy ?? '未填写'}
          {breach.note ? ` · 说明：${breach.note}` : ''}
        </Typography.Text>
        {breach.violations.map((v) => (
          <Alert
            key={`${v.rule}-${v.message}`}
            data-testid="bond-breach-violation"
            type="error"
            showIcon
            title={
              <span>
                <Tag color="red">{v.rule}</Tag>
                {v.message}
              </span>
            }
          />
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {breach.recordedBy ?? '系统'} 登记于 {formatDateTimeMinutes(breach.createdAt)}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** A bond in full, with every transfer or loan recorded against it (each a P20 breach). */
export function BondDrawer({
  id,
  onClose,
  onBreach,
}: {
  id: string;
  onClose: () => void;
  /** shown to holders of bond.manage */
  onBreach?: (bond: BondDto) => void;
}) {
  const { data, error, isLoading } = useBond(id);
  return (
    <Drawer
      open
      size={720}
      title={data ? `${data.staff.name} · 服务年限约定` : '服务年限约定'}
      onClose={onClose}
      extra={
        data && onBreach ? (
          <Button
            data-testid="bond-drawer-breach"
            danger
            icon={<SwapOutlined />}
            onClick={() => onBreach(data)}
          >
            登记调动/借调
          </Button>
        ) : null
      }
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isLoading && <Skeleton active />}
      {data && (
        <Flex vertical gap={24}>
          <Descriptions
            data-testid="bond-detail"
            bordered
            size="small"
            column={2}
            items={[
              { key: 'name', label: '姓名', children: data.staff.name },
              { key: 'status', label: '状态', children: <BondStatus bond={data} /> },
              {
                key: 'institution',
                label: '单位',
                children: `${data.staff.institution.name}（${data.staff.institution.regionName}）`,
                span: 2,
              },
              { key: 'programme', label: '项目', children: data.programmeName, span: 2 },
              { key: 'trigger', label: '起算事项', children: BOND_TRIGGER_LABELS[data.trigger] },
              { key: 'policy', label: '政策包版本', children: `第 ${data.policyVersion} 版` },
              { key: 'source', label: '事由', children: data.source ?? none, span: 2 },
              {
                key: 'period',
                label: '约定期限',
                children: <span data-testid="bond-detail-period">{bondPeriod(data)}</span>,
                span: 2,
              },
              { key: 'created', label: '登记时间', children: formatDateTimeMinutes(data.createdAt), span: 2 },
            ]}
          />
          <div>
            <Typography.Title level={5}>调动/借调记录</Typography.Title>
            {data.breaches.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="约定期内无调动或借调记录" />
            ) : (
              <Flex vertical gap={12} data-testid="bond-breaches">
                {data.breaches.map((b) => (
                  <Breach key={b.id} breach={b} />
                ))}
              </Flex>
            )}
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
