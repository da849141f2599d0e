/**
 * MKT-307 multi-touch attribution, pure (no database): the weight of each touchpoint under a model,
 * and the conversion's value split in integer minor units that add up to the value exactly.
 *
 * Models (chosen per organisation, `LeadSettings.attributionModel`):
 *  - linear: every touch 1/n (the seed's `conversionValue / touchpoints.length`);
 *  - first_touch / last_touch: everything to the first / last touch;
 *  - time_decay: 2^(-age / 7 days), the age measured back from the conversion (7-day half-life);
 *  - position_based: 40 % first, 40 % last, 20 % shared by the touches between (1 touch: 100 %,
 *    2 touches: 50 / 50).
 * Touches are taken in time order (ties keep the order given).
 */
import type { AttributionModel } from "./schemas";

export { ATTRIBUTION_MODELS, DEFAULT_ATTRIBUTION_MODEL, isAttributionModel, type AttributionModel } from "./schemas";
export const TIME_DECAY_HALF_LIFE_MS = 7 * 24 * 60 * 60 * 1000;

/** Weights (summing to 1) of touches already in time order. */
export function modelWeights(model: AttributionModel, touchTimes: readonly Date[], convertedAt: Date): number[] {
  const n = touchTimes.length;
  if (n === 0) return [];
  if (n === 1) return [1];
  switch (model) {
    case "linear":
      return touchTimes.map(() => 1 / n);
    case "first_touch":
      return touchTimes.map((_, i) => (i === 0 ? 1 : 0));
    case "last_touch":
      return touchTimes.map((_, i) => (i === n - 1 ? 1 : 0));
    case "time_decay": {
      const raw = touchTimes.map((t) => Math.pow(2, -Math.max(0, convertedAt.getTime() - t.getTime()) / TIME_DECAY_HALF_LIFE_MS));
      const total = raw.reduce((a, b) => a + b, 0);
      return raw.map((r) => r / total);
    }
    case "position_based":
      if (n === 2) return [0.5, 0.5];
      return touchTimes.map((_, i) => (i === 0 || i === n - 1 ? 0.4 : 0.2 / (n - 2)));
  }
}

/**
 * `valueMinor` split by `weights` into integers that sum to it exactly: each share rounded down, then
 * the units left over go one each to the largest remainders (ties: the earlier touch). Negative values
 * (a refund) are split as their absolute value and signed back.
 */
export function splitByLargestRemainder(valueMinor: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(valueMinor)) throw new Error("valueMinor must be an integer");
  if (weights.length === 0) return [];
  const sign = valueMinor < 0 ? -1 : 1;
  const abs = Math.abs(valueMinor);
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total > 0 ? (abs * w) / total : abs / weights.length));
  const floors = exact.map((x) => Math.floor(x + 1e-9));
  let left = abs - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rem: x - floors[i]! })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = order[k]!.i;
    floors[i] = floors[i]! + 1;
  }
  return floors.map((v) => v * sign || 0);
}

export type Credit = { weight: number; creditedMinor: number };

/** The credit of each touch (given in time order) for a conversion of `valueMinor` at `convertedAt`. */
export function attributeConversion(opts: { model: AttributionModel; valueMinor: number; touchTimes: readonly Date[]; convertedAt: Date }): Credit[] {
  const weights = modelWeights(opts.model, opts.touchTimes, opts.convertedAt);
  const credited = splitByLargestRemainder(opts.valueMinor, weights);
  return weights.map((weight, i) => ({ weight, creditedMinor: credited[i]! }));
}
