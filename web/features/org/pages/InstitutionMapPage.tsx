import { Alert, Card, Flex, Typography } from 'antd';
import { ScatterChart, type ScatterSeriesOption } from 'echarts/charts';
import {
  DataZoomComponent,
  type DataZoomComponentOption,
  GeoComponent,
  type GeoComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, registerMap, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { InstitutionMapPointDto } from '../../../../shared/contracts/org';
import { InstitutionCategory, InstitutionRole, InstitutionTier } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { type MapFilter, useInstitutionMap, useMapBoundary } from '../api';
import { InstitutionDrawer } from '../components/InstitutionDrawer';
import { InstitutionFilterFields } from '../components/InstitutionFilterFields';

// Modular ECharts: only the scatter chart and the components it needs, in this lazy page's chunk.
use([
  ScatterChart,
  GridComponent,
  GeoComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

type Option = ComposeOption<
  | ScatterSeriesOption
  | GridComponentOption
  | GeoComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
>;

const BOUNDARY_MAP = 'counterpart-boundary';
const ROLE_COLOURS: Record<InstitutionRole, string> = {
  supporting: '#1677ff',
  recipient: '#52c41a',
  both: '#722ed1',
};

/** [lng, lat, index into the points] */
type Datum = [number, number, number];

/**
 * Axis ranges that keep a degree of longitude cos(latitude) times as long as one of
 * latitude on screen, so the plain cartesian plot is not stretched (no map projection needed
 * at a province's scale).
 */
export function squareBounds(points: { lat: number; lng: number }[], width: number, height: number) {
  if (!points.length) return { lng: [97, 109], lat: [26, 34.5] } as const;
  let [minLat, maxLat, minLng, maxLng] = [90, -90, 180, -180];
  for (const p of points) {
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
    minLng = Math.min(minLng, p.lng);
    maxLng = Math.max(maxLng, p.lng);
  }
  const midLat = (minLat + maxLat) / 2;
  const kx = Math.cos((midLat * Math.PI) / 180);
  // Spans in "screen degrees" (longitude shrunk by cos φ), padded by 8 % and at least ~5 km.
  let spanY = Math.max((maxLat - minLat) * 1.08, 0.05);
  let spanX = Math.max((maxLng - minLng) * kx * 1.08, 0.05);
  const aspect = width / Math.max(height, 1);
  if (spanX / spanY < aspect) spanX = spanY * aspect;
  else spanY = spanX / aspect;
  const cx = (minLng + maxLng) / 2;
  const cy = midLat;
  return {
    lng: [cx - spanX / kx / 2, cx + spanX / kx / 2],
    lat: [cy - spanY / 2, cy + spanY / 2],
  } as const;
}

function buildOption(
  points: InstitutionMapPointDto[],
  boundary: boolean,
  size: { width: number; height: number },
): Option {
  const byRole = (role: InstitutionRole) =>
    points.flatMap((p, i): Datum[] => (p.role === role ? [[p.lng, p.lat, i]] : []));
  const large = points.length > 2_000;
  const series: ScatterSeriesOption[] = InstitutionRole.values.map((role) => ({
    type: 'scatter',
    name: InstitutionRole.label(role),
    coordinateSystem: boundary ? 'geo' : 'cartesian2d',
    data: byRole(role),
    symbolSize: large ? 5 : 9,
    large,
    itemStyle: { color: ROLE_COLOURS[role], opacity: 0.85, borderColor: '#fff', borderWidth: large ? 0 : 1 },
    emphasis: { scale: 1.6 },
  }));
  const tooltip: TooltipComponentOption = {
    trigger: 'item',
    formatter: (param) => {
      const p = points[(param as unknown as { data: Datum }).data[2]];
      if (!p) return '';
      const lines = [
        `<b>${escapeHtml(p.name)}</b>`,
        `${escapeHtml(p.fenceName)} · ${escapeHtml(p.regionName)}`,
        `${InstitutionCategory.label(p.category)} · ${InstitutionTier.label(p.tier)} · ${InstitutionRole.label(p.role)}`,
        `WGS-84：${p.lat.toFixed(5)}, ${p.lng.toFixed(5)}`,
      ];
      return lines.join('<br/>');
    },
  };
  const legend: LegendComponentOption = { top: 0, data: InstitutionRole.values.map(InstitutionRole.label) };
  if (boundary) {
    const midLat = points.length ? points.reduce((s, p) => s + p.lat, 0) / points.length : 30;
    return {
      tooltip,
      legend,
      geo: {
        map: BOUNDARY_MAP,
        roam: true,
        aspectScale: Math.cos((midLat * Math.PI) / 180),
        top: 40,
        bottom: 10,
        itemStyle: { areaColor: '#f5f7fa', borderColor: '#a0aec0' },
        emphasis: { disabled: true },
        label: { show: false },
        tooltip: { show: false },
      },
      series,
    };
  }
  const bounds = squareBounds(points, size.width - 90, size.height - 110);
  return {
    tooltip,
    legend,
    grid: { left: 60, right: 30, top: 40, bottom: 70 },
    xAxis: {
      type: 'value',
      name: '经度',
      min: bounds.lng[0],
      max: bounds.lng[1],
      axisLabel: { formatter: (v: number) => `${v.toFixed(2)}°E`, showMinLabel: false, showMaxLabel: false },
      splitLine: { lineStyle: { type: 'dashed', opacity: 0.5 } },
    },
    yAxis: {
      type: 'value',
      name: '纬度',
      min: bounds.lat[0],
      max: bounds.lat[1],
      axisLabel: { formatter: (v: number) => `${v.toFixed(2)}°N`, showMinLabel: false, showMaxLabel: false },
      splitLine: { lineStyle: { type: 'dashed', opacity: 0.5 } },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'empty' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'empty' },
      { type: 'slider', xAxisIndex: 0, height: 18, bottom: 10, filterMode: 'empty' },
    ],
    series,
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * 机构地图: the institutions in the user's scope, one point per geofence, plotted by their
 * WGS-84 longitude and latitude. No online tiles: boundaries are drawn only when the server
 * has a boundary GeoJSON configured (MAP_BOUNDARY_GEOJSON).
 */
export default function InstitutionMapPage() {
  const [filter, setFilter] = useState<MapFilter>({});
  const [viewing, setViewing] = useState<string | null>(null);
  const { data, error, isFetching } = useInstitutionMap(filter);
  const boundary = useMapBoundary();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [size, setSize] = useState({ width: 900, height: 600 });
  const points = useMemo(() => data?.items ?? [], [data]);
  const hasBoundary = !!boundary.data;

  useEffect(() => {
    if (!container.current) return;
    const instance = init(container.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => {
      instance.resize();
      setSize({ width: instance.getWidth(), height: instance.getHeight() });
    });
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (boundary.data) registerMap(BOUNDARY_MAP, boundary.data as Parameters<typeof registerMap>[1]);
  }, [boundary.data]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || boundary.isLoading) return;
    instance.setOption(buildOption(points, hasBoundary, size), { notMerge: true });
    instance.off('click');
    instance.on('click', (param) => {
      const p = points[(param.data as Datum | undefined)?.[2] ?? -1];
      if (p) setViewing(p.id);
    });
  }, [points, hasBoundary, boundary.isLoading, size]);

  const refine = (change: Partial<MapFilter>) => setFilter((f) => ({ ...f, ...change }));

  return (
    <Card title="机构地图">
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <InstitutionFilterFields filter={filter} refine={refine} />
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      {data?.truncated && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`点位过多，仅显示前 ${data.total} 个，请按地区、类别或层级筛选`}
        />
      )}
      <Typography.Paragraph type="secondary" data-testid="institution-map-summary">
        {isFetching && !data
          ? '正在加载…'
          : `共 ${data?.total ?? 0} 个点位（每个地理围栏一个点，坐标为 WGS-84）${
              data?.unlocated ? `；${data.unlocated} 个机构尚未设置地理围栏，未在图上显示` : ''
            }。${hasBoundary ? '' : '未配置行政区划边界，仅按经纬度绘制点位。'}滚轮缩放，拖动平移，点击点位查看机构。`}
      </Typography.Paragraph>
      <div
        ref={container}
        data-testid="institution-map"
        role="img"
        aria-label="机构分布图"
        style={{ width: '100%', height: 600 }}
      />
      {viewing && <InstitutionDrawer id={viewing} onClose={() => setViewing(null)} />}
    </Card>
  );
}
