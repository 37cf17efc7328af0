import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { DAY_STATUS_COLORS, DAY_STATUS_LABELS } from '../../../shared/attendance-vocabulary';
import type { DailyStatusDto, JustificationDto, PresenceDto } from '../../../shared/contracts/attendance';
import { errorMessage } from '../../app/api';
import { todayInShanghai } from '../../app/format';
import { useDaily, useMyAttendanceContext, usePresence } from '../../features/attendance/attendance-api';
import {
  JustificationForm,
  type JustificationTarget,
} from '../../features/attendance/components/JustificationForm';
import {
  JustificationStatusTag,
  justificationPeriod,
} from '../../features/attendance/components/JustificationTable';
import {
  MonthCalendar,
  monthLabel,
  monthRange,
  shiftMonth,
} from '../../features/attendance/components/MonthCalendar';

/** A broken rule the person may explain, with the justification already filed for it (if any). */
interface Lapse extends JustificationTarget {
  key: string;
  filed: JustificationDto | undefined;
}

/** P06 absence days and P07 short months, as the server judged them, each with its justification. */
function lapsesOf(p: PresenceDto): Lapse[] {
  const covering = (rule: 'P06' | 'P07', from: string, to: string) =>
    p.justifications.find(
      (j) => j.rule === rule && j.status !== 'rejected' && j.fromDate <= to && from <= j.toDate,
    ) ?? p.justifications.find((j) => j.rule === rule && j.fromDate <= to && from <= j.toDate);
  if (p.rule === 'P06')
    return p.absentDates.map((date) => ({
      key: date,
      dispatchId: p.dispatchId,
      rule: 'P06',
      fromDate: date,
      toDate: date,
      title: `${date} 为工作日，无有效打卡，且无经批准的请假、出差或值班补休，按擅自离岗（缺勤）计。`,
      filed: covering('P06', date, date),
    }));
  const today = todayInShanghai();
  return p.months
    .filter((m) => !m.met && m.month < today.slice(0, 7))
    .map((m) => {
      const { from, to } = monthRange(m.month);
      return {
        key: m.month,
        dispatchId: p.dispatchId,
        rule: 'P07',
        fromDate: from,
        toDate: to,
        title: `${monthLabel(m.month)}驻点 ${m.onSiteDays} 天，少于应驻点的 ${m.required} 天。`,
        filed: covering('P07', from, to),
      };
    });
}

/** The presence judgement in plain words. */
function PresenceWords({ p }: { p: PresenceDto }) {
  const today = todayInShanghai();
  if (p.rule === 'P06')
    return (
      <Typography.Paragraph data-testid="my-presence" style={{ margin: 0 }}>
        您适用全职驻点考勤（P06）：每个工作日须在受援单位打卡。{p.from} 至 {p.to}，应出勤 {p.requiredDays}{' '}
        天（已扣除节假日和经批准的请假、出差、补休），在岗 {p.onSiteRequiredDays} 天
        {p.attendanceRatePct !== null && `，出勤率 ${p.attendanceRatePct.toFixed(2)}%`}
        {p.absentDates.length ? `；缺勤 ${p.absentDates.length} 天。` : '；没有缺勤。'}
      </Typography.Paragraph>
    );
  const current = p.months.find((m) => m.month === today.slice(0, 7));
  return (
    <Typography.Paragraph data-testid="my-presence" style={{ margin: 0 }}>
      您适用弹性驻点考勤（P07）：每月在受援单位驻点不少于规定天数，整个派驻期累计不少于{' '}
      {p.minTotalDays ?? '—'} 天。
      {current && `本月已驻点 ${current.onSiteDays} 天，应驻点 ${current.required} 天。`}
      累计已驻点 {p.onSiteDays} 天。
    </Typography.Paragraph>
  );
}

/**
 * 我的考勤 (phone): my month coloured by status, a tap shows the day's reason; the presence
 * judgement in plain words; and a justification for an absence day (P06) or a short month (P07).
 */
export default function MyAttendancePage() {
  const today = todayInShanghai();
  const ctx = useMyAttendanceContext();
  const [month, setMonth] = useState(today.slice(0, 7));
  const [selected, setSelected] = useState<DailyStatusDto | null>(null);
  const [explaining, setExplaining] = useState<JustificationTarget | null>(null);
  const staffId = ctx.data?.staff?.id;
  const dispatch = ctx.data?.dispatch ?? null;
  const { from, to } = monthRange(month);
  const daily = useDaily(staffId, from, to);
  const presence = usePresence(dispatch?.id);

  if (ctx.isLoading) return <Skeleton active />;
  if (ctx.error) return <Alert type="error" showIcon title={errorMessage(ctx.error)} />;
  if (!dispatch)
    return (
      <Card>
        <Empty description="今天没有执行中的选派任务，暂无考勤记录" />
      </Card>
    );

  const days = (daily.data?.items ?? []).filter((d) => d.dispatchId === dispatch.id);
  const firstMonth = dispatch.plannedStart.slice(0, 7);
  const lapses = presence.data ? lapsesOf(presence.data) : [];
  const move = (by: number) => {
    setMonth((m) => shiftMonth(m, by));
    setSelected(null);
  };

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Button
            data-testid="my-month-prev"
            type="text"
            icon={<LeftOutlined />}
            aria-label="上个月"
            disabled={month <= firstMonth}
            onClick={() => move(-1)}
          />
          <Typography.Text strong data-testid="my-month">
            {monthLabel(month)}
          </Typography.Text>
          <Button
            data-testid="my-month-next"
            type="text"
            icon={<RightOutlined />}
            aria-label="下个月"
            disabled={month >= today.slice(0, 7)}
            onClick={() => move(1)}
          />
        </Flex>
        {daily.error && <Alert type="error" showIcon title={errorMessage(daily.error)} />}
        {daily.isLoading ? (
          <Skeleton active />
        ) : (
          <MonthCalendar
            compact
            month={month}
            days={days}
            today={today}
            selected={selected?.date ?? null}
            onSelect={setSelected}
          />
        )}
        <div data-testid="my-day-reason" style={{ marginTop: 12, minHeight: 44 }}>
          {selected ? (
            <Flex vertical gap={4}>
              <Flex gap={6} align="center">
                <Typography.Text strong>{selected.date}</Typography.Text>
                <Tag color={DAY_STATUS_COLORS[selected.status]}>{DAY_STATUS_LABELS[selected.status]}</Tag>
              </Flex>
              <Typography.Text>{selected.reason.text}</Typography.Text>
            </Flex>
          ) : (
            <Typography.Text type="secondary">点击日期查看当天考勤状态的依据</Typography.Text>
          )}
        </div>
      </Card>
      <Card size="small" title="考勤情况">
        {presence.error && <Alert type="error" showIcon title={errorMessage(presence.error)} />}
        {presence.isLoading && <Skeleton active />}
        {presence.data && <PresenceWords p={presence.data} />}
      </Card>
      {presence.data && (
        <Card
          size="small"
          title={presence.data.rule === 'P06' ? '缺勤及情况说明' : '驻点不足的月份及情况说明'}
        >
          {lapses.length ? (
            <Flex vertical gap={16} data-testid="my-lapses">
              {lapses.map((l) => (
                <Flex key={l.key} vertical gap={6} data-testid={`my-lapse-${l.key}`}>
                  <Typography.Text>{l.title}</Typography.Text>
                  {l.filed ? (
                    <Flex gap={6} align="center" wrap>
                      <Typography.Text type="secondary">
                        情况说明（{justificationPeriod(l.filed)}）
                      </Typography.Text>
                      <JustificationStatusTag status={l.filed.status} />
                      {l.filed.status === 'rejected' && (
                        <Button
                          size="small"
                          onClick={() => setExplaining(l)}
                          data-testid={`my-explain-${l.key}`}
                        >
                          重新提交
                        </Button>
                      )}
                    </Flex>
                  ) : (
                    <Button
                      type="primary"
                      ghost
                      data-testid={`my-explain-${l.key}`}
                      onClick={() => setExplaining(l)}
                    >
                      提交情况说明
                    </Button>
                  )}
                  {l.filed?.reviewComment && (
                    <Typography.Text type="secondary">审核意见：{l.filed.reviewComment}</Typography.Text>
                  )}
                </Flex>
              ))}
            </Flex>
          ) : (
            <Typography.Text type="secondary">截至今日没有需要说明的事项。</Typography.Text>
          )}
        </Card>
      )}
      {explaining && <JustificationForm target={explaining} onClose={() => setExplaining(null)} />}
    </Flex>
  );
}
