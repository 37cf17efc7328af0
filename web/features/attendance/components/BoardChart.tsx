import { useEffect, useRef } from 'react';
import type { BoardDto } from '../../../../shared/contracts/attendance';

/** Today's dispatched people as a donut: on site, excused (leave, trip, rest), not checked in by the hour, the rest. */
export function BoardChart({ totals, by }: { totals: BoardDto['totals']; by: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void (async () => {
      const { init } = await import('./board-echarts');
      if (disposed || !el.current) return;
      const chart = init(el.current);
      const other = Math.max(0, totals.dispatched - totals.onSite - totals.excused - totals.missing);
      chart.setOption({
        tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['45%', '70%'],
            center: ['50%', '45%'],
            label: { formatter: '{b}\n{c} 人' },
            data: [
              { name: '在岗', value: totals.onSite, itemStyle: { color: '#52c41a' } },
              { name: '请假出差', value: totals.excused, itemStyle: { color: '#1677ff' } },
              { name: `${by} 前未打卡`, value: totals.missing, itemStyle: { color: '#ff4d4f' } },
              { name: '其他（休息日、待打卡等）', value: other, itemStyle: { color: '#bfbfbf' } },
            ].filter((d) => d.value > 0),
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
  }, [totals, by]);
  return <div ref={el} data-testid="board-chart" style={{ width: '100%', height: 240 }} />;
}
