import { Alert, Descriptions, Drawer, Empty, Skeleton, Table, Tag, Timeline, Typography } from 'antd';
import type { PairingDto } from '../../../../shared/contracts/pairing';
import { errorMessage } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { usePairingHistory } from '../api';
import { fieldValue, PAIRING_CHANGE_LABELS, PAIRING_FIELD_LABELS } from '../labels';

/** Fields in the order people read a pairing (jsonb does not keep the order they were written in). */
const FIELD_ORDER = Object.keys(PAIRING_FIELD_LABELS);

/** The history of a pairing: every change with who, when, what (before → after), why, and the rules judged. */
export function PairingHistoryDrawer({ pairing, onClose }: { pairing: PairingDto; onClose: () => void }) {
  const { data, isPending, error } = usePairingHistory(pairing.id);
  return (
    <Drawer
      open
      size={680}
      title={`变更历史：${pairing.supporting.name} → ${pairing.recipient.name}`}
      onClose={onClose}
      data-testid="pairing-history"
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPending && <Skeleton active />}
      {data && !data.items.length && <Empty description="暂无记录" />}
      {data && (
        <Timeline
          items={data.items.map((c) => ({
            key: c.id,
            color: c.kind === 'end' ? 'red' : c.kind === 'create' ? 'green' : 'blue',
            content: (
              <div>
                <Typography.Text strong>{PAIRING_CHANGE_LABELS[c.kind]}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {formatDateTime(c.at)} · {c.actorName ?? '系统'}
                  {c.policyVersion ? ` · 按政策包第${c.policyVersion}版判定` : ''}
                </Typography.Text>
                {c.reason && (
                  <Descriptions size="small" column={1} style={{ marginTop: 4 }}>
                    <Descriptions.Item label="理由">{c.reason}</Descriptions.Item>
                  </Descriptions>
                )}
                {c.violations.length > 0 && (
                  <ul style={{ margin: '4px 0', paddingInlineStart: 16 }}>
                    {c.violations.map((v) => (
                      <li key={v.message}>
                        <Tag color={v.level === 'mandatory' ? 'red' : 'orange'}>{v.rule}</Tag>
                        {v.message}
                      </li>
                    ))}
                  </ul>
                )}
                <Table
                  size="small"
                  style={{ marginTop: 8 }}
                  pagination={false}
                  rowKey="field"
                  columns={[
                    { title: '字段', dataIndex: 'label', width: 110 },
                    ...(c.kind === 'create' ? [] : [{ title: '原值', dataIndex: 'from' }]),
                    { title: c.kind === 'create' ? '内容' : '新值', dataIndex: 'to' },
                  ]}
                  dataSource={Object.entries(c.diff)
                    .sort(([a], [b]) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b))
                    .map(([field, d]) => ({
                      field,
                      label: PAIRING_FIELD_LABELS[field] ?? field,
                      from: fieldValue(field, d.from),
                      to: fieldValue(field, d.to),
                    }))}
                />
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
