import { Alert, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';

const parts = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'long',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Beijing date and time of an instant: `2026年3月2日 星期一`, `09:00:05`. */
export function beijingClock(at: Date): { date: string; time: string } {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    date: `${p.year}年${p.month}月${p.day}日 ${p.weekday}`,
    time: `${p.hour}:${p.minute}:${p.second}`,
  };
}

/** A phone clock off by more than this is pointed out (punches carry the phone's time). */
const DRIFT_NOTICE_MS = 60_000;

/**
 * Today's date and the time, ticking, in Beijing time whatever the phone's zone; and a
 * warning when the phone's clock differs from the server's (`driftMs` = server − phone).
 */
export function CheckinClock({ driftMs }: { driftMs: number | null }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const { date, time } = beijingClock(now);
  const minutes = driftMs === null ? 0 : Math.round(Math.abs(driftMs) / 60_000);
  return (
    <Flex vertical align="center" gap={2}>
      <Typography.Text type="secondary" data-testid="checkin-date">
        {date}
      </Typography.Text>
      <Typography.Text
        data-testid="checkin-time"
        style={{ fontSize: 32, fontWeight: 600, fontVariantNumeric: 'tabular-nums', lineHeight: 1.2 }}
      >
        {time}
      </Typography.Text>
      {driftMs !== null && Math.abs(driftMs) > DRIFT_NOTICE_MS && (
        <Alert
          data-testid="checkin-clock-drift"
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={`手机时间比北京时间${driftMs > 0 ? '慢' : '快'}约 ${Math.max(minutes, 1)} 分钟，打卡按手机时间记录，请在手机设置中开启“自动设置时间”。`}
        />
      )}
    </Flex>
  );
}
