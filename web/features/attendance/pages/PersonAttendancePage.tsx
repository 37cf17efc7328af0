import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Flex, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { DispatchDto } from '../../../../shared/contracts/dispatch';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { todayInShanghai } from '../../../app/format';
import { useDebounced } from '../../../app/use-debounced';
import { DISPATCH_STATUS_LABELS } from '../../dispatch/labels';
import { useDaily, useDispatchOf, useDispatchSearch, usePresence } from '../attendance-api';
import { MonthCalendar, monthLabel, monthRange, shiftMonth } from '../components/MonthCalendar';
import { PresenceSummary } from '../components/PresenceSummary';

const dispatchLabel = (d: DispatchDto) =>
  `${d.staff.name}（${d.recipient.name} · ${d.batch} · ${DISPATCH_STATUS_LABELS[d.status]}）`;

/** The dispatch's days: from the earlier of its start and the arrival, to its end. */
const spanOf = (d: DispatchDto) => ({
  from: d.arrivedOn && d.arrivedOn < d.plannedStart ? d.arrivedOn : d.plannedStart,
  to: d.endedOn ?? d.plannedEnd,
});

/** `date` moved into `from`–`to` (ISO dates compare as strings). */
const clamp = (date: string, from: string, to: string) => [[date, from].sort()[1]!, to].sort()[0]!;

/**
 * 个人考勤: pick a person's dispatch and a month; the month calendar coloured by status with
 * each day's reason on hover, then the presence judgement of the dispatch (P06 or P07), its
 * broken rules and the person's justifications, which a reviewer can decide here.
 */
export default function PersonAttendancePage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const dispatchId = params.get('dispatchId') ?? undefined;
  const today = todayInShanghai();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useDispatchSearch(q);
  const dispatch = useDispatchOf(dispatchId);
  const d = dispatch.data;
  const span = d ? spanOf(d) : null;
  // Default month: today's within the dispatch, else its last month.
  const defaultMonth = (span ? clamp(today, span.from, span.to) : today).slice(0, 7);
  const month = params.get('month') ?? defaultMonth;
  const { from, to } = monthRange(month);
  const daily = useDaily(d?.staffId, from, to);
  const presence = usePresence(dispatchId);
  const days = (daily.data?.items ?? []).filter((x) => x.dispatchId === dispatchId);

  const go = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const options = [...(d && !found.data?.some((x) => x.id === d.id) ? [d] : []), ...(found.data ?? [])].map(
    (x) => ({ value: x.id, label: dispatchLabel(x) }),
  );

  return (
    <Flex vertical gap={16}>
      <Card title="个人考勤">
        <Flex wrap gap={12} align="center">
          <Select
            data-testid="person-dispatch"
            style={{ width: 420 }}
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder="输入姓名查找选派人员"
            value={dispatchId}
            onChange={(id) => go({ dispatchId: id, month: undefined })}
            options={options}
            loading={found.isFetching}
            notFoundContent={found.isFetching ? '查找中…' : '没有已批准的选派人员'}
          />
          {d && (
            <Space size={4}>
              <Button
                data-testid="month-prev"
                icon={<LeftOutlined />}
                aria-label="上个月"
                disabled={!!span && `${month}-01` <= span.from}
                onClick={() => go({ month: shiftMonth(month, -1) })}
              />
              <DatePicker
                data-testid="person-month"
                picker="month"
                allowClear={false}
                format="YYYY年M月"
                value={dayjs(`${month}-01`)}
                onChange={(v) => v && go({ month: v.format('YYYY-MM') })}
              />
              <Button
                data-testid="month-next"
                icon={<RightOutlined />}
                aria-label="下个月"
                disabled={!!span && monthRange(month).to >= clamp(today, span.from, span.to)}
                onClick={() => go({ month: shiftMonth(month, 1) })}
              />
            </Space>
          )}
        </Flex>
        {d && span && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {d.staff.name}，{d.staff.institution.name}，派驻{d.recipient.name}（{d.recipient.regionName}），
            {span.from} 至 {span.to}
            {d.presenceRule && (
              <Tag style={{ marginInlineStart: 8 }}>
                {d.presenceRule === 'P06' ? 'P06 全职驻点' : 'P07 弹性驻点'}
              </Tag>
            )}
          </Typography.Paragraph>
        )}
      </Card>
      {!dispatchId && (
        <Card>
          <Empty description="请选择人员及其选派，查看每日考勤状态和依据" />
        </Card>
      )}
      {dispatch.error && <Alert type="error" showIcon title={errorMessage(dispatch.error)} />}
      {d && (
        <Card
          title={`${d.staff.name} ${monthLabel(month)}考勤`}
          extra={<Typography.Text type="secondary">鼠标移到日期上可查看当日状态的依据</Typography.Text>}
        >
          {daily.error && (
            <Alert type="error" showIcon title={errorMessage(daily.error)} style={{ marginBottom: 12 }} />
          )}
          {daily.isLoading ? <Skeleton active /> : <MonthCalendar month={month} days={days} today={today} />}
        </Card>
      )}
      {dispatchId && (
        <Card title="派驻考勤判定">
          {presence.error && <Alert type="error" showIcon title={errorMessage(presence.error)} />}
          {presence.isLoading && <Skeleton active />}
          {presence.data && (
            <PresenceSummary
              presence={presence.data}
              today={today}
              canReview={can(me, 'attendance.review')}
            />
          )}
        </Card>
      )}
    </Flex>
  );
}
