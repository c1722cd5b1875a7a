/** Shared by every bench: medians, percentiles and the one output line format. */
export function median(values: number[]): number {
  return percentile(values, 50);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** `BENCH <name>: median <x> ms (target <= <y> ms)` */
export function report(name: string, ms: number, targetMs?: number, label = "median"): void {
  const target = targetMs === undefined ? "" : ` (target <= ${targetMs} ms)`;
  console.log(`BENCH ${name}: ${label} ${ms.toFixed(2)} ms${target}`);
}
