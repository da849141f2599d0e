/**
 * MKT-109 statistics: within one group (brand x platform),
 * the mean and the POPULATION standard deviation (divide by n) of engagement rates; a publication
 * is a winner when its rate is strictly above mean + 1.5 sigma.
 *
 * Minimum sample: 4. With population sigma the largest z-score one value can reach among n values is
 * sqrt(n - 1): 1.41 for n = 3, so with fewer than 4 posts nothing could ever be flagged; such groups
 * are reported as "too_few_posts" rather than silently producing nothing.
 */
export const SIGMA_FACTOR = 1.5;
export const MIN_SAMPLE_SIZE = 4;

export type RatedItem = { id: string; rate: number };
export type Outlier = { id: string; rate: number; strength: number };
export type GroupStats =
  | { ok: false; reason: "too_few_posts"; sampleSize: number }
  | { ok: true; sampleSize: number; mean: number; stdDev: number; threshold: number; outliers: Outlier[] };

export function mean(values: number[]): number {
  return values.length ? values.reduce((a, v) => a + v, 0) / values.length : 0;
}

export function populationStdDev(values: number[]): number {
  if (values.length === 0) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / values.length);
}

/** Mean, sigma, threshold and the items above it (strength = (rate - mean) / sigma). */
export function findOutliers(items: RatedItem[], opts: { factor?: number; minSample?: number } = {}): GroupStats {
  const factor = opts.factor ?? SIGMA_FACTOR;
  const min = opts.minSample ?? MIN_SAMPLE_SIZE;
  if (items.length < min) return { ok: false, reason: "too_few_posts", sampleSize: items.length };
  const rates = items.map((i) => i.rate);
  const m = mean(rates);
  const sd = populationStdDev(rates);
  const threshold = m + factor * sd;
  // sigma 0 (all equal): nobody is above the mean, so nobody is flagged.
  const outliers = sd > 0 ? items.filter((i) => i.rate > threshold).map((i) => ({ id: i.id, rate: i.rate, strength: (i.rate - m) / sd })) : [];
  return { ok: true, sampleSize: items.length, mean: m, stdDev: sd, threshold, outliers: outliers.sort((a, b) => b.strength - a.strength) };
}
