import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { CHART_STATUSES, chartData, STATUS_COLOURS, type SeriesPoint } from './overview-data';

const HEIGHT = 240;

function options(width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
    series: [
      { label: 'Time' },
      ...CHART_STATUSES.map((status) => ({
        label: status,
        stroke: STATUS_COLOURS[status],
        width: 2,
        points: { show: true, size: 5 },
      })),
    ],
    axes: [{}, { label: 'Runs finished', size: 60 }],
  };
}

/**
 * Runs finished per bucket by status, drawn by uPlot on a canvas with its legend. The page
 * gives the same numbers as text beside it (ChartTable); the canvas is hidden from readers.
 */
export function RunsChart({ series }: { series: SeriesPoint[] }) {
  const box = useRef<HTMLDivElement>(null);
  const data = useMemo(() => chartData(series), [series]);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const chart = new uPlot(options(element.clientWidth || 600), data, element);
    const observer = new ResizeObserver(() =>
      chart.setSize({ width: element.clientWidth, height: HEIGHT }),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [data]);
  return <div ref={box} className="overview-chart" aria-hidden="true" />;
}
