// The ECharts pieces the attendance charts use (the board's donut, the P07 months' bars),
// imported by name so the bundler keeps only these; the charts load this module on demand,
// so ECharts never joins the first load.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([PieChart, BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { init };
