/**
 * The year's weeks drawn with uPlot (a maintained canvas chart library, about 50 KB): directed hours as bars
 * against the budget's pace as a line, with class contact and cover hours, and meetings and evenings as
 * counts on a second scale. Loaded on demand, after the page's first paint. The canvas is hidden from
 * screen readers: each chart sits beside a table of the same numbers.
 */
import uPlot from "uplot";
import type { YearWeek } from "../evidence/year";

export interface YearChartOptions {
  width: number;
  height: number;
  /** A sparkline: directed hours and pace only, no axes. */
  compact?: boolean;
}

const hours = (m: number) => Math.round((m / 60) * 10) / 10;

/** Seconds since the epoch at noon UTC of a local date: where uPlot puts the week's bar. */
const epochSeconds = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;

export function drawYearChart(target: HTMLElement, weeks: YearWeek[], options: YearChartOptions): uPlot {
  const xs = weeks.map((w) => epochSeconds(w.start));
  const bars = uPlot.paths.bars!({ size: [0.7, 40] });
  const series: uPlot.Series[] = [
    {},
    {
      label: "Directed hours",
      scale: "h",
      stroke: "#4573b3",
      fill: "rgba(69, 115, 179, 0.55)",
      paths: bars,
      points: { show: false },
    },
    { label: "Pro-rata pace", scale: "h", stroke: "#222", width: 1.5, points: { show: false } },
  ];
  const data: uPlot.AlignedData = [
    xs,
    weeks.map((w) => hours(w.directedMinutes)),
    weeks.map((w) => hours(w.paceMinutes)),
  ];
  if (!options.compact) {
    series.push(
      { label: "Class contact hours", scale: "h", stroke: "#2e8b57", width: 1.5, points: { show: false } },
      {
        label: "Cover hours",
        scale: "h",
        stroke: "#c8553d",
        width: 1.5,
        dash: [4, 3],
        points: { show: false },
      },
      { label: "After-school meetings", scale: "n", stroke: "#8a5a9e", width: 1, points: { show: true } },
      { label: "Evenings", scale: "n", stroke: "#b8860b", width: 1, points: { show: true } },
    );
    data.push(
      weeks.map((w) => hours(w.contactMinutes)),
      weeks.map((w) => hours(w.coverMinutes)),
      weeks.map((w) => w.meetingCount),
      weeks.map((w) => w.eveningCount),
    );
  }
  const opts: uPlot.Options = {
    width: options.width,
    height: options.height,
    series,
    legend: { show: !options.compact, live: false },
    cursor: { show: !options.compact },
    scales: {
      x: { time: true },
      h: { range: (_u, _min, max) => [0, Math.max(10, max)] },
      n: { range: [0, 6] },
    },
    axes: options.compact
      ? [{ show: false }, { show: false, scale: "h" }]
      : [
          {},
          { scale: "h", label: "hours", values: (_u, ticks) => ticks.map((t) => `${t} h`) },
          { scale: "n", side: 1, label: "count", grid: { show: false } },
        ],
  };
  return new uPlot(opts, data, target);
}
