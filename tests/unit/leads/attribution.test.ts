import { describe, expect, it } from "vitest";
import { ATTRIBUTION_MODELS, attributeConversion, modelWeights, splitByLargestRemainder, TIME_DECAY_HALF_LIFE_MS } from "@/lib/leads/conversions/attribution";

const DAY = 24 * 60 * 60 * 1000;
const convertedAt = new Date("2026-12-01T12:00:00Z");
const daysBefore = (...d: number[]) => d.map((x) => new Date(convertedAt.getTime() - x * DAY));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("MKT-307 attribution models", () => {
  it("every model credits the whole value, to the cent, for 1 to 7 touches and awkward values", () => {
    for (const model of ATTRIBUTION_MODELS) {
      for (let n = 1; n <= 7; n++) {
        for (const value of [1, 2, 99, 100, 1001, 123457, 3_333_333]) {
          const credits = attributeConversion({ model, valueMinor: value, touchTimes: daysBefore(...Array.from({ length: n }, (_, i) => 20 - i * 3)), convertedAt });
          expect(credits).toHaveLength(n);
          expect(sum(credits.map((c) => c.creditedMinor)), `${model} n=${n} v=${value}`).toBe(value);
          expect(sum(credits.map((c) => c.weight))).toBeCloseTo(1, 12);
          for (const c of credits) expect(Number.isInteger(c.creditedMinor)).toBe(true);
        }
      }
    }
  });

  it("linear: 100.00 over 3 touches -> 33.34 / 33.33 / 33.33 (the leftover cent to the earliest tie)", () => {
    expect(attributeConversion({ model: "linear", valueMinor: 10000, touchTimes: daysBefore(9, 5, 1), convertedAt }).map((c) => c.creditedMinor)).toEqual([3334, 3333, 3333]);
  });

  it("first and last touch: everything to one end", () => {
    const times = daysBefore(9, 5, 1);
    expect(attributeConversion({ model: "first_touch", valueMinor: 5000, touchTimes: times, convertedAt }).map((c) => c.creditedMinor)).toEqual([5000, 0, 0]);
    expect(attributeConversion({ model: "last_touch", valueMinor: 5000, touchTimes: times, convertedAt }).map((c) => c.creditedMinor)).toEqual([0, 0, 5000]);
  });

  it("position-based 40/20/40: 1 touch 100 %, 2 touches 50/50, 4 touches 40/10/10/40, 3 touches 40/20/40", () => {
    expect(modelWeights("position_based", daysBefore(1), convertedAt)).toEqual([1]);
    expect(modelWeights("position_based", daysBefore(2, 1), convertedAt)).toEqual([0.5, 0.5]);
    expect(attributeConversion({ model: "position_based", valueMinor: 1000, touchTimes: daysBefore(4, 3, 2, 1), convertedAt }).map((c) => c.creditedMinor)).toEqual([400, 100, 100, 400]);
    expect(attributeConversion({ model: "position_based", valueMinor: 1001, touchTimes: daysBefore(3, 2, 1), convertedAt }).map((c) => c.creditedMinor)).toEqual([401, 200, 400]);
  });

  it("time decay: a touch 7 days before the conversion weighs half of one at the conversion, 14 days a quarter", () => {
    const w = modelWeights("time_decay", [new Date(convertedAt.getTime() - 2 * TIME_DECAY_HALF_LIFE_MS), new Date(convertedAt.getTime() - TIME_DECAY_HALF_LIFE_MS), convertedAt], convertedAt);
    expect(w[1]! / w[2]!).toBeCloseTo(0.5, 12);
    expect(w[0]! / w[2]!).toBeCloseTo(0.25, 12);
    // 1 + 0.5 + 0.25 = 1.75: 700 -> 100 / 200 / 400
    expect(attributeConversion({ model: "time_decay", valueMinor: 700, touchTimes: daysBefore(14, 7, 0), convertedAt }).map((c) => c.creditedMinor)).toEqual([100, 200, 400]);
    // a touch after the conversion time (clock skew) counts as age 0, never more than 100 %
    expect(modelWeights("time_decay", [new Date(convertedAt.getTime() + DAY)], convertedAt)).toEqual([1]);
  });

  it("largest remainder: leftovers go to the largest fractions, a value smaller than the touch count, zero and refunds", () => {
    expect(splitByLargestRemainder(10, [0.55, 0.3, 0.15])).toEqual([6, 3, 1]); // 5.5 / 3 / 1.5 -> 5,3,1 + 1 to 0.5 (first tie)
    expect(splitByLargestRemainder(2, [1 / 3, 1 / 3, 1 / 3])).toEqual([1, 1, 0]);
    expect(splitByLargestRemainder(1, [0.2, 0.2, 0.6])).toEqual([0, 0, 1]);
    expect(splitByLargestRemainder(0, [0.5, 0.5])).toEqual([0, 0]);
    expect(splitByLargestRemainder(-10000, [1 / 3, 1 / 3, 1 / 3])).toEqual([-3334, -3333, -3333]);
    expect(splitByLargestRemainder(100, [])).toEqual([]);
    expect(() => splitByLargestRemainder(10.5, [1])).toThrow();
  });
});
