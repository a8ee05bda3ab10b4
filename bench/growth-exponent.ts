/**
 * How a figure grows with the data: the least-squares slope of ln(figure) over ln(size) across runs at several
 * scales. 1 is linear growth, 2 quadratic; a figure that grows like its baseline has about the same exponent.
 */
export interface GrowthPoint {
  /** The size of the data (e.g. observations). */
  size: number;
  /** The figure measured at that size (e.g. milliseconds). */
  value: number | null;
}

/** The slope of ln(value) over ln(size); null with fewer than two usable points (positive size and value) or one size only. */
export function growthExponent(points: GrowthPoint[]): number | null {
  const usable = points.filter((p): p is { size: number; value: number } => p.size > 0 && p.value !== null && p.value > 0);
  if (usable.length < 2) return null;
  const xs = usable.map((p) => Math.log(p.size));
  const ys = usable.map((p) => Math.log(p.value));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(xs), mean(ys)];
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  return sxx === 0 ? null : sxy / sxx;
}
