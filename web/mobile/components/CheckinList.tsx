import { CloudUploadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { LOCATION_PROVIDER_LABELS, RISK_SIGNAL_LABELS } from '../../../shared/attendance-vocabulary';
import type { CheckinDto } from '../../../shared/contracts/checkin';
import type { QueuedPunch } from '../offline-queue';
import { beijingClock } from './CheckinClock';

const timeOf = (iso: string) => beijingClock(new Date(iso)).time;

function distanceText(p: CheckinDto): string | null {
  if (p.distanceM === null) return null;
  const d = p.distanceM >= 1000 ? `${(p.distanceM / 1000).toFixed(1)} 公里` : `${p.distanceM} 米`;
  return p.fenceName ? `距${p.fenceName}约 ${d}` : `距打卡点约 ${d}`;
}

function PunchRow({ punch }: { punch: CheckinDto }) {
  const distance = distanceText(punch);
  return (
    <Flex
      vertical
      gap={4}
      data-testid="checkin-punch"
      data-id={punch.id}
      data-state={punch.inside ? 'inside' : 'outside'}
      style={{ padding: '10px 0' }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong style={{ fontSize: 16, fontVariantNumeric: 'tabular-nums' }}>
          {timeOf(punch.punchedAt)}
        </Typography.Text>
        <Flex gap={4} wrap>
          {punch.lateSynced && <Tag color="blue">补传</Tag>}
          {punch.inside ? (
            <Tag color="green" data-testid="checkin-punch-tag">
              在岗
            </Tag>
          ) : (
            <Tag color="orange" data-testid="checkin-punch-tag">
              外勤
            </Tag>
          )}
        </Flex>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {[
          punch.inside ? '位置在打卡范围内' : '位置在打卡范围外',
          distance,
          punch.accuracyM !== null ? `精度约 ${Math.round(punch.accuracyM)} 米` : null,
          punch.provider ? LOCATION_PROVIDER_LABELS[punch.provider] : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      {punch.outsideReason && (
        <Typography.Text style={{ fontSize: 13 }}>外勤原因：{punch.outsideReason}</Typography.Text>
      )}
      {punch.risks.map((r) => (
        <Typography.Text key={r.code} type="warning" style={{ fontSize: 13 }}>
          {RISK_SIGNAL_LABELS[r.code]}：{r.detail}
        </Typography.Text>
      ))}
    </Flex>
  );
}

function QueuedRow({ item, onGiveReason }: { item: QueuedPunch; onGiveReason: (item: QueuedPunch) => void }) {
  const waitingForReason = !!item.needsReason && !item.body.outsideReason;
  return (
    <Flex
      vertical
      gap={4}
      data-testid="checkin-punch"
      data-id={item.id}
      data-state="queued"
      style={{ padding: '10px 0' }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong style={{ fontSize: 16, fontVariantNumeric: 'tabular-nums' }}>
          {timeOf(item.body.punchedAt)}
        </Typography.Text>
        <Tag color="gold" icon={<CloudUploadOutlined />} data-testid="checkin-punch-tag">
          待同步
        </Tag>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {waitingForReason
          ? item.needsReason
          : `无网络时打卡，已保存在本机，联网后自动上传（${LOCATION_PROVIDER_LABELS[item.body.provider]}，精度约 ${Math.round(item.body.accuracy)} 米）`}
      </Typography.Text>
      {waitingForReason && (
        <Button
          size="small"
          type="primary"
          ghost
          onClick={() => onGiveReason(item)}
          style={{ alignSelf: 'start' }}
        >
          填写外勤原因
        </Button>
      )}
    </Flex>
  );
}

/** 今日打卡: today's punches from the server and those still waiting on the phone, newest first. */
export function CheckinList({
  punches,
  queued,
  onGiveReason,
}: {
  punches: readonly CheckinDto[];
  queued: readonly QueuedPunch[];
  onGiveReason: (item: QueuedPunch) => void;
}) {
  const known = new Set(punches.map((p) => p.id));
  type Row = { id: string; at: string } & ({ punch: CheckinDto } | { queued: QueuedPunch });
  const rows: Row[] = [
    ...queued.filter((q) => !known.has(q.id)).map((q) => ({ id: q.id, at: q.body.punchedAt, queued: q })),
    ...punches.map((p) => ({ id: p.id, at: p.punchedAt, punch: p })),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return (
    <Card size="small" title="今日打卡" data-testid="checkin-list">
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="今天还没有打卡" />
      ) : (
        rows.map((r, i) => (
          <div key={r.id} style={i > 0 ? { borderTop: '1px solid rgba(5, 5, 5, 0.06)' } : undefined}>
            {'punch' in r ? (
              <PunchRow punch={r.punch} />
            ) : (
              <QueuedRow item={r.queued} onGiveReason={onGiveReason} />
            )}
          </div>
        ))
      )}
    </Card>
  );
}
