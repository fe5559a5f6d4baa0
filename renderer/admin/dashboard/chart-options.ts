import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** What components/EChart.vue can draw: bar charts with a grid, tooltip and legend. */
export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

const BLUE = '#3a6df0';

/** Uses per merchant-zone hour, 0–23, as a column chart. */
export function hourOption(byHour: readonly { hour: number; uses: number }[], seriesName: string): ChartOption {
  const uses = Array.from({ length: 24 }, (_, hour) => byHour.find((h) => h.hour === hour)?.uses ?? 0);
  return {
    grid: { left: 36, right: 12, top: 16, bottom: 24 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: uses.map((_, hour) => String(hour).padStart(2, '0')) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: seriesName, data: uses, itemStyle: { color: BLUE } }],
  };
}

/** Named rows (stores, campaigns) as horizontal bars, largest on top. */
export function rankOption(rows: readonly { name: string; uses: number }[], seriesName: string): ChartOption {
  const sorted = [...rows].sort((a, b) => a.uses - b.uses);
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map((r) => r.name), axisLabel: { width: 120, overflow: 'truncate' } },
    series: [{ type: 'bar', name: seriesName, data: sorted.map((r) => r.uses), itemStyle: { color: '#36b37e' }, barMaxWidth: 22 }],
  };
}
