import { Badge, Flex, Tag, Tooltip, Typography, theme } from 'antd';
import {
  DAY_STATUS_COLORS,
  DAY_STATUS_LABELS,
  DAY_STATUSES,
  type DayStatus,
} from '../../../../shared/attendance-vocabulary';
import type { DailyStatusDto } from '../../../../shared/contracts/attendance';

/** `YYYY-MM` helpers: months are calendar months in Asia/Shanghai, as the API's dates. */
export const daysInMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};
export const monthRange = (month: string) => ({
  from: `${month}-01`,
  to: `${month}-${String(daysInMonth(month)).padStart(2, '0')}`,
});
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}
export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** Monday-first column of a date (0 = Monday). */
const columnOf = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

/**
 * A month of a dispatched person's days, each cell coloured by its status (DAY_STATUS_COLORS)
 * with the reason on hover; days outside the dispatch (or not yet come) stay blank. `compact`
 * is the phone's: smaller cells, and a tap selects the day so the page can show its reason.
 */
export function MonthCalendar({
  month,
  days,
  today,
  compact,
  selected,
  onSelect,
}: {
  month: string;
  days: readonly DailyStatusDto[];
  today: string;
  compact?: boolean;
  selected?: string | null;
  onSelect?: (day: DailyStatusDto) => void;
}) {
  const { token } = theme.useToken();
  const byDate = new Map(days.map((d) => [d.date, d]));
  const count = daysInMonth(month);
  const lead = columnOf(`${month}-01`);
  const dates = Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
  const trail = (7 - ((lead + count) % 7)) % 7;
  const cells: { key: string; date: string | null }[] = [
    ...Array.from({ length: lead }, (_, k) => ({ key: `lead-${k}`, date: null })),
    ...dates.map((date) => ({ key: date, date })),
    ...Array.from({ length: trail }, (_, k) => ({ key: `trail-${k}`, date: null })),
  ];
  const height = compact ? 52 : 76;
  const present = DAY_STATUSES.filter((s) => days.some((d) => d.status === s));

  return (
    <div data-testid="month-calendar" data-month={month}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: compact ? 3 : 6 }}>
        {WEEKDAYS.map((w, i) => (
          <Typography.Text
            key={w}
            type={i >= 5 ? 'secondary' : undefined}
            style={{ textAlign: 'center', fontSize: compact ? 12 : 13 }}
          >
            {w}
          </Typography.Text>
        ))}
        {cells.map(({ key, date }) => {
          if (!date) return <div key={key} />;
          const day = byDate.get(date);
          const isToday = date === today;
          const body = (
            <button
              key={date}
              type="button"
              data-testid={`month-day-${date}`}
              data-status={day?.status ?? ''}
              disabled={!day}
              onClick={day && onSelect ? () => onSelect(day) : undefined}
              style={{
                width: '100%',
                font: 'inherit',
                textAlign: 'start',
                height,
                padding: compact ? 2 : 6,
                borderRadius: token.borderRadius,
                border: `1px solid ${
                  selected === date
                    ? token.colorPrimary
                    : isToday
                      ? token.colorPrimaryBorder
                      : token.colorBorderSecondary
                }`,
                background: day ? token.colorBgContainer : token.colorFillQuaternary,
                cursor: day ? 'pointer' : 'default',
                display: 'flex',
                flexDirection: 'column',
                alignItems: compact ? 'center' : 'flex-start',
                justifyContent: 'space-between',
                overflow: 'hidden',
              }}
            >
              <Typography.Text
                strong={isToday}
                type={day ? undefined : 'secondary'}
                style={{ fontSize: compact ? 12 : 14 }}
              >
                {Number(date.slice(8))}
              </Typography.Text>
              {day && (
                <Tag
                  color={DAY_STATUS_COLORS[day.status]}
                  style={{
                    marginInlineEnd: 0,
                    fontSize: compact ? 11 : 12,
                    paddingInline: compact ? 2 : 7,
                    lineHeight: compact ? '18px' : undefined,
                  }}
                >
                  {DAY_STATUS_LABELS[day.status]}
                </Tag>
              )}
            </button>
          );
          // The phone shows the tapped day's reason under the calendar instead of a tooltip.
          return day && !compact ? (
            <Tooltip
              key={date}
              title={
                <div data-testid="month-day-reason">
                  <div>
                    {date} {DAY_STATUS_LABELS[day.status]}
                  </div>
                  <div>{day.reason.text}</div>
                </div>
              }
            >
              {body}
            </Tooltip>
          ) : (
            <div key={date}>{body}</div>
          );
        })}
      </div>
      {present.length > 0 && (
        <Flex wrap gap={compact ? 6 : 12} style={{ marginTop: 12 }}>
          {present.map((s) => (
            <MonthLegendItem key={s} status={s} count={days.filter((d) => d.status === s).length} />
          ))}
        </Flex>
      )}
    </div>
  );
}

function MonthLegendItem({ status, count }: { status: DayStatus; count: number }) {
  return (
    <Badge
      color={DAY_STATUS_COLORS[status] === 'default' ? 'gray' : DAY_STATUS_COLORS[status]}
      text={`${DAY_STATUS_LABELS[status]} ${count} 天`}
    />
  );
}
