import { useEffect, useRef } from 'react';
import type { OverviewPrefectureDto } from '../../../../shared/contracts/pairing';

/** Recipients and covered recipients per prefecture, as bars. ECharts is fetched only when this renders. */
export function CoverageChart({ prefectures }: { prefectures: OverviewPrefectureDto[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void (async () => {
      const { init } = await import('./coverage-echarts');
      if (disposed || !el.current) return;
      const chart = init(el.current);
      chart.setOption({
        tooltip: { trigger: 'axis' },
        legend: { data: ['受援机构', '已结对', '未结对'] },
        grid: { left: 40, right: 16, bottom: 60, top: 40 },
        xAxis: {
          type: 'category',
          data: prefectures.map((p) => p.name),
          axisLabel: { interval: 0, rotate: prefectures.length > 4 ? 30 : 0 },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: '受援机构', type: 'bar', data: prefectures.map((p) => p.recipients) },
          { name: '已结对', type: 'bar', data: prefectures.map((p) => p.covered) },
          { name: '未结对', type: 'bar', data: prefectures.map((p) => p.recipients - p.covered) },
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
  }, [prefectures]);
  return <div ref={el} data-testid="pairing-overview-chart" style={{ width: '100%', height: 300 }} />;
}
