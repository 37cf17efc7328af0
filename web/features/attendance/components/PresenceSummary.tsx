import {
  Alert,
  Card,
  Descriptions,
  Empty,
  Flex,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { DAY_STATUS_COLORS, DAY_STATUS_LABELS, DAY_STATUSES } from '../../../../shared/attendance-vocabulary';
import type { PresenceDto } from '../../../../shared/contracts/attendance';
import { LEVEL_COLORS, LEVEL_LABELS } from '../../dispatch/labels';
import { JustificationTable } from './JustificationTable';
import { monthLabel } from './MonthCalendar';
import { PresenceMonthsChart } from './PresenceMonthsChart';

type Month = PresenceDto['months'][number];

export const RULE_LABELS: Record<PresenceDto['rule'], string> = {
  P06: 'P06 全职驻点（中级及以下，每个工作日在岗）',
  P07: 'P07 弹性驻点（副高及以上，每月不少于 1 周、累计不少于 12 周）',
};

/** A month in progress has not failed yet: it shows how far it has come. */
function MonthResult({ m, today }: { m: Month; today: string }) {
  if (m.met) return <Tag color="green">达标</Tag>;
  if (m.month >= today.slice(0, 7)) return <Tag color="gold">进行中</Tag>;
  return <Tag color="red">未达标</Tag>;
}

/**
 * The presence judgement of one dispatch as of today: P06 required days, rate and absence
 * dates, or P07 months against the (pro-rated) minimum and the total; the broken rules
 * with their source; the person's justifications (a reviewer decides the pending ones).
 */
export function PresenceSummary({
  presence: p,
  today,
  canReview,
}: {
  presence: PresenceDto;
  today: string;
  canReview: boolean;
}) {
  const monthColumns: TableColumnsType<Month> = [
    { title: '月份', dataIndex: 'month', width: 110, render: monthLabel },
    { title: '派驻天数', dataIndex: 'coveredDays', width: 90 },
    { title: '应驻点（天）', dataIndex: 'required', width: 110 },
    { title: '已驻点（天）', dataIndex: 'onSiteDays', width: 110 },
    { title: '结果', key: 'met', width: 90, render: (_, m) => <MonthResult m={m} today={today} /> },
  ];
  return (
    <Flex vertical gap={16} data-testid="presence-summary">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'rule', label: '考勤规则', children: RULE_LABELS[p.rule] },
          { key: 'period', label: '统计期间', children: `${p.from} 至 ${p.to}` },
          { key: 'version', label: '依据', children: `政策包第 ${p.policyVersion} 版` },
        ]}
      />
      <Flex wrap gap={6}>
        {DAY_STATUSES.filter((s) => p.counts[s]).map((s) => (
          <Tag key={s} color={DAY_STATUS_COLORS[s]}>
            {DAY_STATUS_LABELS[s]} {p.counts[s]} 天
          </Tag>
        ))}
      </Flex>
      {p.rule === 'P06' ? (
        <>
          <Flex wrap gap={48}>
            <Statistic title="应出勤天数" value={p.requiredDays} suffix="天" />
            <Statistic title="在岗天数" value={p.onSiteRequiredDays} suffix="天" />
            <Statistic
              title="出勤率"
              value={p.attendanceRatePct === null ? '—' : p.attendanceRatePct.toFixed(2)}
              suffix={p.attendanceRatePct === null ? undefined : '%'}
            />
            <Statistic
              title="擅自离岗"
              value={p.absentDates.length}
              suffix="天"
              styles={{ content: { color: p.absentDates.length ? '#cf1322' : undefined } }}
            />
          </Flex>
          <Typography.Text type="secondary">
            应出勤天数为派驻期内的工作日（已扣除法定节假日、调休和受援地民族节日），减去经批准的请假、出差和值班补休；当天尚未结束的不计。
          </Typography.Text>
          {p.absentDates.length > 0 && (
            <Flex wrap gap={6} align="center" data-testid="presence-absent-dates">
              <Typography.Text>缺勤日期：</Typography.Text>
              {p.absentDates.map((d) => (
                <Tag key={d} color="red">
                  {d}
                </Tag>
              ))}
            </Flex>
          )}
        </>
      ) : (
        <>
          <Flex wrap gap={48}>
            <Statistic title="累计驻点天数" value={p.onSiteDays} suffix="天" />
            <Statistic
              title="累计应驻点"
              value={p.minTotalDays ?? '—'}
              suffix={p.minTotalDays ? '天' : undefined}
            />
            <Statistic
              title="未达标月份"
              value={p.months.filter((m) => !m.met && m.month < today.slice(0, 7)).length}
              suffix="个"
            />
          </Flex>
          {p.months.length > 0 && <PresenceMonthsChart months={p.months} />}
          <Table<Month>
            data-testid="presence-months"
            rowKey="month"
            size="small"
            columns={monthColumns}
            dataSource={p.months}
            pagination={false}
          />
          <Typography.Text type="secondary">
            每个自然月驻点不少于规定天数；派驻期只覆盖部分天数的月份按比例计算（向上取整）。累计驻点天数在派驻期结束时判定。
          </Typography.Text>
        </>
      )}
      {p.violations.length > 0 ? (
        <Alert
          data-testid="presence-violations"
          type="warning"
          showIcon
          title={`不符合考勤规定 ${p.violations.length} 项`}
          description={
            <Flex vertical gap={6}>
              {p.violations.map((v) => (
                <Flex key={`${v.rule}-${v.message}`} gap={6} align="baseline" wrap>
                  <Tag style={{ marginInlineEnd: 0 }}>{v.rule}</Tag>
                  <Tag color={LEVEL_COLORS[v.level]} style={{ marginInlineEnd: 0 }}>
                    {LEVEL_LABELS[v.level]}
                  </Tag>
                  <span>{v.message}</span>
                  {v.inputs.justified === true && <Tag color="green">已说明并认可</Tag>}
                  {typeof v.inputs.source === 'string' && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      依据：{v.inputs.source}
                    </Typography.Text>
                  )}
                </Flex>
              ))}
            </Flex>
          }
        />
      ) : (
        <Alert type="success" showIcon title="截至今日符合考勤规定" data-testid="presence-violations" />
      )}
      <Card size="small" title="情况说明">
        {p.justifications.length ? (
          <JustificationTable
            items={p.justifications}
            canReview={canReview}
            showStaff={false}
            pagination={false}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无情况说明" />
        )}
      </Card>
    </Flex>
  );
}
