// The ECharts pieces the coverage chart uses, imported by name so the bundler keeps only these;
// CoverageChart loads this module on demand, so ECharts never joins the first load.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { init };
