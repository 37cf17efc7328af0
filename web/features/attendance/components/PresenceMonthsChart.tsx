import { useEffect, useRef } from 'react';
import type { PresenceDto } from '../../../../shared/contracts/attendance';

/** P07: on-site days per calendar month against the (pro-rated) minimum; short months in red. */
export function PresenceMonthsChart({ months }: { months: PresenceDto['months'] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void (async () => {
      const { init } = await import('./board-echarts');
      if (disposed || !el.current) return;
      const chart = init(el.current);
      chart.setOption({
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: ['驻点天数', '应驻点天数'] },
        grid: { left: 40, right: 16, bottom: 30, top: 40 },
        xAxis: { type: 'category', data: months.map((m) => `${Number(m.month.slice(5))}月`) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: '驻点天数',
            type: 'bar',
            itemStyle: { color: '#52c41a' },
            data: months.map((m) => ({
              value: m.onSiteDays,
              itemStyle: { color: m.met ? '#52c41a' : '#ff4d4f' },
            })),
          },
          {
            name: '应驻点天数',
            type: 'line',
            step: 'middle',
            data: months.map((m) => m.required),
            itemStyle: { color: '#faad14' },
          },
        ],
      });
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      dispose = () => {
        window.removeEventListener('resize', resize);
        chart.dispose();
      };
    })();
    return () => {
      disposed = true;
      dispose();
    };
  }, [months]);
  return <div ref={el} data-testid="presence-months-chart" style={{ width: '100%', height: 240 }} />;
}
