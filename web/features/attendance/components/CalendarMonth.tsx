import { Tooltip, Typography } from 'antd';
import type { CSSProperties } from 'react';
import {
  CALENDAR_DAY_KIND_LABELS,
  CALENDAR_SOURCE_LABELS,
  type CalendarDayDto,
  type CalendarDayKind,
} from '../../../../shared/contracts/calendar';

/** Cell colours per kind of day (the legend on the page uses the same). */
export const CALENDAR_KIND_STYLES: Record<CalendarDayKind, CSSProperties> = {
  weekday: { background: '#ffffff', color: 'rgba(0,0,0,0.88)' },
  weekend: { background: '#f5f5f5', color: '#8c8c8c' },
  holiday: { background: '#fff1f0', color: '#cf1322', borderColor: '#ffa39e' },
  workday: { background: '#fff7e6', color: '#d46b08', borderColor: '#ffd591' },
  regional_holiday: { background: '#f9f0ff', color: '#531dab', borderColor: '#d3adf7' },
};

/** The corner mark: 休 for a day off by a holiday, 班 for a make-up working day. */
const MARKS: Partial<Record<CalendarDayKind, string>> = {
  holiday: '休',
  workday: '班',
  regional_holiday: '休',
};

const WEEK_HEADERS = ['一', '二', '三', '四', '五', '六', '日'];

export function describeDay(day: CalendarDayDto): string {
  const kind = CALENDAR_DAY_KIND_LABELS[day.kind];
  const name = day.name ? `${day.name}${day.kind === 'workday' ? '调休' : ''}` : null;
  const parts = [day.date, name ? `${kind}（${name}）` : kind, day.isWorkingDay ? '上班' : '休息'];
  if (day.source) parts.push(`来源：${CALENDAR_SOURCE_LABELS[day.source]}`);
  return parts.join(' · ');
}

/** One month of the year view, Monday first; a manager's click opens the day's editor. */
export function CalendarMonth({
  month,
  days,
  onPick,
}: {
  /** 1–12 */
  month: number;
  /** this month's days, in order */
  days: CalendarDayDto[];
  onPick?: (day: CalendarDayDto) => void;
}) {
  const first = days[0];
  if (!first) return null;
  // Monday = 0 … Sunday = 6
  const lead = (new Date(`${first.date}T00:00:00Z`).getUTCDay() + 6) % 7;
  const working = days.filter((d) => d.isWorkingDay).length;
  return (
    <div
      data-testid={`calendar-month-${month}`}
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 8 }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 4 }}>
        <Typography.Text strong>{month}月</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          工作日 {working} 天
        </Typography.Text>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
        {WEEK_HEADERS.map((h, i) => (
          <div
            key={h}
            style={{ textAlign: 'center', fontSize: 12, color: i >= 5 ? '#8c8c8c' : 'rgba(0,0,0,0.65)' }}
          >
            {h}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed blank cells before the 1st
          <div key={`blank-${i}`} />
        ))}
        {days.map((day) => (
          <Tooltip key={day.date} title={describeDay(day)} mouseEnterDelay={0.2}>
            <button
              type="button"
              data-testid={`calendar-day-${day.date}`}
              data-kind={day.kind}
              data-working={day.isWorkingDay ? 'yes' : 'no'}
              aria-label={describeDay(day)}
              onClick={onPick ? () => onPick(day) : undefined}
              style={{
                position: 'relative',
                height: 34,
                padding: 0,
                border: '1px solid transparent',
                borderRadius: 4,
                font: 'inherit',
                fontSize: 13,
                cursor: onPick ? 'pointer' : 'default',
                ...CALENDAR_KIND_STYLES[day.kind],
              }}
            >
              {Number(day.date.slice(8))}
              {MARKS[day.kind] && (
                <span style={{ position: 'absolute', top: 0, right: 2, fontSize: 10, lineHeight: '12px' }}>
                  {MARKS[day.kind]}
                </span>
              )}
              {day.source === 'manual' && (
                <span
                  style={{
                    position: 'absolute',
                    bottom: 2,
                    left: '50%',
                    width: 4,
                    height: 4,
                    marginLeft: -2,
                    borderRadius: 2,
                    background: 'currentColor',
                  }}
                />
              )}
            </button>
          </Tooltip>
        ))}
      </div>
    </div>
  );
}
