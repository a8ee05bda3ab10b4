import type * as Echarts from 'echarts';
import { viPeriodLabel } from '@dx/domain';
import type { ReportData } from './report.types';

const WIDTH = 500;
const HEIGHT = 240;
/** The trend chart: taller, for one legend line per KPI name. */
const TREND_HEIGHT = 320;

/** echarts, loaded on the first chart: it is heavy, and most processes importing this lib never draw one. */
let echarts: typeof Echarts | undefined;

function render(option: Echarts.EChartsCoreOption, height = HEIGHT): string {
  echarts ??= require('echarts') as typeof Echarts; // eslint-disable-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'Tinos, serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Completion per goal group: goals met of the total, as bars (SVG). */
export function goalGroupChart(d: ReportData): string | null {
  if (!d.goalGroups.some((g) => g.total > 0)) return null;
  return render({
    title: { text: 'Mục tiêu đạt theo nhóm', left: 'center', textStyle: { fontSize: 13 } },
    grid: { left: 40, right: 20, top: 40, bottom: 40 },
    legend: { bottom: 0, data: ['Đạt', 'Tổng số'] },
    xAxis: { type: 'category', data: d.goalGroups.map((g) => g.code), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: 'Đạt',
        type: 'bar',
        data: d.goalGroups.map((g) => g.met),
        label: { show: true, position: 'top', textBorderColor: 'transparent' },
      },
      {
        name: 'Tổng số',
        type: 'bar',
        data: d.goalGroups.map((g) => g.total),
        label: { show: true, position: 'top', textBorderColor: 'transparent' },
      },
    ],
  });
}

/**
 * The trend chart's ECharts option: up to five key KPIs over their last periods. Ranks
 * (1 the best) go on an inverted axis with 1 at the top, so a rank that climbs from 7 to 3
 * rises as an improving value does; beside other values they get that axis of their own.
 */
export function kpiTrendOption(d: ReportData): Echarts.EChartsCoreOption | null {
  const trends = d.trends.filter((t) => t.points.length > 1).slice(0, 5);
  if (!trends.length) return null;
  const periods = [...new Set(trends.flatMap((t) => t.points.map((p) => p.period)))].sort();
  const isRank = (t: (typeof trends)[number]) => t.kind === 'rank';
  const rankAxis = { type: 'value', inverse: true, minInterval: 1, scale: true, name: 'hạng', nameLocation: 'start' };
  const valueAxis = { type: 'value', scale: true };
  const axes = trends.every(isRank) ? [rankAxis] : trends.some(isRank) ? [valueAxis, rankAxis] : [valueAxis];
  return {
    title: { text: 'Diễn biến một số chỉ số chính', left: 'center', textStyle: { fontSize: 13 } },
    // The legend names each KPI (wrapping to one line per name when long): the chart has room below for it.
    grid: { left: 50, right: axes.length > 1 ? 50 : 20, top: 40, bottom: 40 + 16 * trends.length },
    legend: { bottom: 0, type: 'plain', orient: 'vertical', left: 'center', data: trends.map((t) => t.name) },
    xAxis: { type: 'category', data: periods, axisLabel: { interval: 0, formatter: (p: string) => viPeriodLabel(p) } },
    yAxis: axes,
    series: trends.map((t) => ({
      name: t.name,
      type: 'line',
      yAxisIndex: isRank(t) ? axes.length - 1 : 0,
      data: periods.map((p) => t.points.find((x) => x.period === p)?.value ?? null),
      connectNulls: true,
    })),
  };
}

/** The trend of up to five key KPIs over their last periods (SVG lines; see kpiTrendOption). */
export function kpiTrendChart(d: ReportData): string | null {
  const option = kpiTrendOption(d);
  return option && render(option, TREND_HEIGHT);
}
