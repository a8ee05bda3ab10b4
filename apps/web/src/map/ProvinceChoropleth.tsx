/**
 * Vietnam's provinces coloured by an indicator (an echarts `map` series with a visual map), drawn as SVG. This
 * module, echarts' map parts and the outlines are loaded only by the page that shows the map (`lazy()` there,
 * `import()` of the outlines here), so the rest of the dashboard does not carry them.
 */
import { useEffect, useRef, useState } from 'react';
import { MapChart } from 'echarts/charts';
import { MarkPointComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { MapEdition, ProvinceOutlines } from './map-edition';

echarts.use([MapChart, MarkPointComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

/** A province's figure as the page shows it: `value` colours the map, `text` is what the tooltip says. */
export interface ChoroplethValue {
  code: string;
  value: number | null;
  text: string;
}

const COLOURS = ['#cfe0f2', '#0b4f8a'];
const NO_DATA = '#d9dde2';
/**
 * The Hoàng Sa and Trường Sa archipelagos (đặc khu of Đà Nẵng and of Khánh Hòa on both maps): the outlines' source
 * has no shapes for them, so they are marked and named at a point of each; the view reaches far enough east to show them.
 */
const ARCHIPELAGOS = [
  { name: 'QĐ. Hoàng Sa', full: 'Quần đảo Hoàng Sa (Đà Nẵng)', coord: [112.0, 16.5] },
  { name: 'QĐ. Trường Sa', full: 'Quần đảo Trường Sa (Khánh Hòa)', coord: [114.2, 10.0] },
];
const BOUNDS = [
  [102.1, 23.4],
  [116.2, 8.3],
];
/** The width of a degree of longitude against one of latitude around 16° N (Vietnam's middle). */
const ASPECT = Math.cos((16 * Math.PI) / 180);

async function outlines(edition: MapEdition): Promise<ProvinceOutlines> {
  const file = edition === '2004' ? await import('./provinces-2004.geo.json') : await import('./provinces-2025.geo.json');
  return file.default as ProvinceOutlines;
}

function option(edition: MapEdition, names: Map<string, string>, values: ChoroplethValue[], own: string, lowerIsBetter: boolean) {
  const shown = values.filter((v) => v.value !== null && names.has(v.code));
  const numbers = shown.map((v) => v.value!);
  let [min, max] = numbers.length ? [Math.min(...numbers), Math.max(...numbers)] : [0, 1];
  // One value (or all equal): a range of 1 ending on it at its better end, so it shows in the darkest colour.
  if (min === max) [min, max] = lowerIsBetter ? [min, min + 1] : [max - 1, max];
  const text = new Map(values.map((v) => [v.code, v.text]));
  return {
    aria: { enabled: false },
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; componentType: string; data?: { full?: string } }) =>
        p.componentType === 'markPoint'
          ? (p.data?.full ?? p.name)
          : `${names.get(p.name) ?? p.name}: ${text.get(p.name) ?? 'chưa có số liệu'}`,
    },
    visualMap: {
      show: numbers.length > 0,
      type: 'continuous',
      min,
      max,
      // Darker is better: for a rank (lower is better) the scale runs the other way. No figure: grey.
      inRange: { color: lowerIsBetter ? [...COLOURS].reverse() : COLOURS },
      outOfRange: { color: NO_DATA },
      // The first text labels the high end.
      text: lowerIsBetter ? ['cao (kém hơn)', 'thấp (tốt hơn)'] : ['cao (tốt hơn)', 'thấp'],
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemWidth: 12,
      itemHeight: 120,
      calculable: false,
    },
    series: [
      {
        type: 'map',
        map: `vn-${edition}`,
        aspectScale: ASPECT,
        boundingCoords: BOUNDS,
        layoutCenter: ['50%', '46%'],
        layoutSize: '90%',
        selectedMode: false,
        label: { show: false },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#f2a900' } },
        itemStyle: { areaColor: NO_DATA, borderColor: '#ffffff', borderWidth: 0.6 },
        markPoint: {
          symbol: 'circle',
          symbolSize: 5,
          itemStyle: { color: '#57606a' },
          label: { show: true, position: 'bottom', fontSize: 10, color: '#57606a', formatter: '{b}' },
          data: ARCHIPELAGOS,
        },
        data: shown.map((v) => ({
          name: v.code,
          value: v.value,
          ...(v.code === own ? { itemStyle: { borderColor: '#f2a900', borderWidth: 1.5 } } : {}),
        })),
      },
    ],
  };
}

/** The map of `edition` with each province of `values` coloured; provinces without a figure stay grey. */
export default function ProvinceChoropleth({
  edition,
  values,
  own,
  lowerIsBetter,
  caption,
}: {
  edition: MapEdition;
  values: ChoroplethValue[];
  own: string;
  lowerIsBetter: boolean;
  caption: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [names, setNames] = useState<{ edition: MapEdition; names: Map<string, string> } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    outlines(edition)
      .then((geo) => {
        if (!live) return;
        echarts.registerMap(`vn-${edition}`, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
        setNames({ edition, names: new Map(geo.features.map((f) => [f.properties.name, f.properties.vi])) });
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [edition]);

  const ready = names?.edition === edition ? names.names : null;
  useEffect(() => {
    const element = box.current;
    if (!ready || !element) return;
    // echarts fits the map to the box: laid out in a box with no width or height (not laid out yet, or hidden), its
    // transform has no inverse and it throws. The chart starts at the box's first real size and follows it after.
    let chart: echarts.ECharts | null = null;
    const draw = () => {
      if (element.clientWidth === 0 || element.clientHeight === 0) return;
      if (chart) return chart.resize();
      chart = echarts.init(element, undefined, { renderer: 'svg' });
      chart.setOption(option(edition, ready, values, own, lowerIsBetter));
    };
    const resize = new ResizeObserver(draw);
    resize.observe(element);
    draw();
    return () => {
      resize.disconnect();
      chart?.dispose();
    };
  }, [ready, edition, values, own, lowerIsBetter]);

  if (failed) return <p className="error">Không tải được bản đồ.</p>;
  return (
    <figure className="province-choropleth">
      <div
        ref={box}
        className="province-choropleth-canvas"
        data-testid="province-map"
        data-map={edition}
        data-units={ready ? ready.size : undefined}
        role="img"
        aria-label={caption}
      />
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  );
}
