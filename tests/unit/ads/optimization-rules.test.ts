import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/time/local-dates";
import { evaluateRules, narrowTargeting, type DayFigures, type RuleInput } from "@/lib/ads/optimization-rules";

/**
 * MKT-206's rules on hand-made metric series, at each boundary the seed's wording sets:
 * ROAS exactly 1.0, 3 vs 2 days, 2x vs 1.99x (and 2.01x), 1.5x for creatives, minimum volumes.
 */
const TODAY = "2026-12-10";
const day = (n: number) => addDays(TODAY, -n);
const fig = (n: number, f: Partial<DayFigures>): DayFigures => ({ day: day(n), impressions: 0, clicks: 0, spendMinor: 0, conversionValueMinor: 0, ...f });
/** The same figures on each of the last `count` complete days. */
const days = (count: number, f: Partial<DayFigures>) => Array.from({ length: count }, (_, i) => fig(i + 1, f));

function input(over: { objective?: string; adSets?: RuleInput["adSets"]; creatives?: RuleInput["creatives"]; platform?: RuleInput["platform"]; expectedCpcMinor?: number | null; expectedCtrPercent?: number | null } = {}): RuleInput {
  const adSets = over.adSets ?? [];
  return {
    today: TODAY,
    campaign: { id: "c1", objective: over.objective ?? "CONVERSIONS", expectedCpcMinor: over.expectedCpcMinor ?? null, expectedCtrPercent: over.expectedCtrPercent ?? null },
    adSets,
    creatives: over.creatives ?? [],
    platform: over.platform ?? { spendMinor: 0, clicks: 0, impressions: 0 },
  };
}
const adSet = (id: string, d: DayFigures[], over: Partial<RuleInput["adSets"][number]> = {}) => ({ id, status: "ACTIVE", dailyBudgetMinor: 5000, targeting: { countries: ["FR"], ageMin: 25, ageMax: 55 }, days: d, ...over });
const rules = (i: RuleInput) => evaluateRules(i).map((h) => h.rule);
/** Platform totals = this ad set's window sums + peers'. */
const withPeers = (own: DayFigures[], peers: { spendMinor: number; clicks: number; impressions: number }) => {
  const s = own.reduce((a, d) => ({ spendMinor: a.spendMinor + d.spendMinor, clicks: a.clicks + d.clicks, impressions: a.impressions + d.impressions }), { spendMinor: 0, clicks: 0, impressions: 0 });
  return { spendMinor: s.spendMinor + peers.spendMinor, clicks: s.clicks + peers.clicks, impressions: s.impressions + peers.impressions };
};

describe("ROAS < 1.0 for 3 days -> pause", () => {
  it("fires on 3 consecutive complete days below 1.0", () => {
    const hits = evaluateRules(input({ adSets: [adSet("s1", days(3, { spendMinor: 1000, conversionValueMinor: 990 }))] }));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ rule: "ROAS_BELOW_ONE_3D", action: "PAUSE", target: { level: "adset", id: "s1" } });
    expect(hits[0]!.evidence.roas).toEqual([0.99, 0.99, 0.99]);
    // 0.999 is below 1.0 (compared on integers, not on the rounded display value)
    expect(rules(input({ adSets: [adSet("s1", days(3, { spendMinor: 1000, conversionValueMinor: 999 }))] }))).toContain("ROAS_BELOW_ONE_3D");
  });
  it("ROAS exactly 1.0 on one of the days does not fire", () => {
    const d = days(3, { spendMinor: 1000, conversionValueMinor: 500 });
    d[1] = fig(2, { spendMinor: 1000, conversionValueMinor: 1000 });
    expect(rules(input({ adSets: [adSet("s1", d)] }))).not.toContain("ROAS_BELOW_ONE_3D");
  });
  it("2 days below 1.0 (the third above) does not fire; 3 does", () => {
    const two = [fig(1, { spendMinor: 1000, conversionValueMinor: 100 }), fig(2, { spendMinor: 1000, conversionValueMinor: 100 }), fig(3, { spendMinor: 1000, conversionValueMinor: 1500 })];
    expect(rules(input({ adSets: [adSet("s1", two)] }))).not.toContain("ROAS_BELOW_ONE_3D");
    const three = [...two.slice(0, 2), fig(3, { spendMinor: 1000, conversionValueMinor: 100 })];
    expect(rules(input({ adSets: [adSet("s1", three)] }))).toContain("ROAS_BELOW_ONE_3D");
  });
  it("only 2 days of history does not fire; a day without spend breaks the streak", () => {
    expect(rules(input({ adSets: [adSet("s1", days(2, { spendMinor: 1000, conversionValueMinor: 0 }))] }))).not.toContain("ROAS_BELOW_ONE_3D");
    const gap = days(3, { spendMinor: 1000, conversionValueMinor: 0 });
    gap[2] = fig(3, { spendMinor: 0 });
    expect(rules(input({ adSets: [adSet("s1", gap)] }))).not.toContain("ROAS_BELOW_ONE_3D");
  });
  it("today (incomplete) is not one of the 3 days", () => {
    const d = [fig(0, { spendMinor: 1000, conversionValueMinor: 0 }), fig(1, { spendMinor: 1000, conversionValueMinor: 0 }), fig(2, { spendMinor: 1000, conversionValueMinor: 0 })];
    expect(rules(input({ adSets: [adSet("s1", d)] }))).not.toContain("ROAS_BELOW_ONE_3D");
  });
  it("awareness campaigns are not judged on ROAS; paused ad sets are left alone", () => {
    const d = days(3, { spendMinor: 1000, conversionValueMinor: 0 });
    expect(rules(input({ objective: "AWARENESS", adSets: [adSet("s1", d)] }))).not.toContain("ROAS_BELOW_ONE_3D");
    expect(rules(input({ adSets: [adSet("s1", d, { status: "PAUSED" })] }))).toEqual([]);
  });
});

describe("CPC > 2x the average -> adjust targeting", () => {
  // Peers: 100 clicks for 10 000 minor units = CPC 100.
  const peers = { spendMinor: 10_000, clicks: 100, impressions: 1_000_000 };
  const cpcCase = (spendMinor: number) => {
    const own = days(1, { spendMinor, clicks: 100, impressions: 1_000_000 });
    return rules(input({ adSets: [adSet("s1", own)], platform: withPeers(own, peers) }));
  };
  it("2.01x fires, exactly 2x does not (strictly greater), 1.99x does not", () => {
    expect(cpcCase(20_100)).toContain("CPC_ABOVE_2X_AVG");
    expect(cpcCase(20_000)).not.toContain("CPC_ABOVE_2X_AVG");
    expect(cpcCase(19_900)).not.toContain("CPC_ABOVE_2X_AVG");
  });
  it("the action narrows the age range by 5 years at each end (10 years kept at least)", () => {
    const own = days(1, { spendMinor: 30_000, clicks: 100, impressions: 1_000_000 });
    const [hit] = evaluateRules(input({ adSets: [adSet("s1", own)], platform: withPeers(own, peers) })).filter((h) => h.rule === "CPC_ABOVE_2X_AVG");
    expect(hit!.params.targeting).toMatchObject({ ageMin: 30, ageMax: 50, countries: ["FR"] });
    expect(hit!.evidence).toMatchObject({ cpcMinor: 300, referenceCpcMinor: 100, reference: "peers", ratio: 3 });
    expect(narrowTargeting({ ageMin: 30, ageMax: 38 })).toMatchObject({ ageMin: 30, ageMax: 38 });
    expect(narrowTargeting({ ageMin: 30, ageMax: 46 })).toMatchObject({ ageMin: 33, ageMax: 43 });
  });
  it("without peers, the proposal's expected CPC is the reference; fewer than 20 clicks never fires", () => {
    const own = days(2, { spendMinor: 3000, clicks: 10, impressions: 5000 }); // CPC 300, 20 clicks
    expect(rules(input({ adSets: [adSet("s1", own)], platform: withPeers(own, { spendMinor: 0, clicks: 0, impressions: 0 }), expectedCpcMinor: 149 }))).toContain("CPC_ABOVE_2X_AVG");
    expect(rules(input({ adSets: [adSet("s1", own)], platform: withPeers(own, { spendMinor: 0, clicks: 0, impressions: 0 }), expectedCpcMinor: 150 }))).not.toContain("CPC_ABOVE_2X_AVG");
    const few = days(1, { spendMinor: 3000, clicks: 19, impressions: 5000 });
    expect(rules(input({ adSets: [adSet("s1", few)], platform: withPeers(few, peers) }))).not.toContain("CPC_ABOVE_2X_AVG");
  });
  it("days outside the 7-day window are ignored", () => {
    const old = [fig(8, { spendMinor: 90_000, clicks: 100, impressions: 1_000_000 }), fig(1, { spendMinor: 10_000, clicks: 100, impressions: 1_000_000 })];
    expect(rules(input({ adSets: [adSet("s1", old)], platform: withPeers([old[1]!], peers) }))).not.toContain("CPC_ABOVE_2X_AVG");
  });
});

describe("CTR > 2x the average -> budget +30 %", () => {
  // Peers: CTR 1 % (1 000 clicks / 100 000 impressions).
  const peers = { spendMinor: 100_000, clicks: 1_000, impressions: 100_000 };
  const ctrCase = (clicks: number) => {
    const own = days(1, { spendMinor: 100_000, clicks, impressions: 100_000 });
    return evaluateRules(input({ adSets: [adSet("s1", own)], platform: withPeers(own, peers) })).filter((h) => h.rule === "CTR_ABOVE_2X_AVG");
  };
  it("2.01x fires with the +30 % request, exactly 2x and 1.99x do not", () => {
    const [hit] = ctrCase(2_010);
    expect(hit).toMatchObject({ action: "SCALE_BUDGET", params: { fromDailyMinor: 5000, percent: 30 } });
    expect(ctrCase(2_000)).toEqual([]);
    expect(ctrCase(1_990)).toEqual([]);
  });
  it("needs 1 000 impressions in the window", () => {
    const own = days(1, { spendMinor: 100, clicks: 300, impressions: 999 });
    expect(rules(input({ adSets: [adSet("s1", own)], platform: withPeers(own, peers) }))).not.toContain("CTR_ABOVE_2X_AVG");
  });
  it("falls back to the expected CTR (percent) when the organisation has no other ad sets", () => {
    const own = days(1, { spendMinor: 100, clicks: 25, impressions: 1000 }); // 2.5 %
    const solo = (expectedCtrPercent: number) => rules(input({ adSets: [adSet("s1", own)], platform: withPeers(own, { spendMinor: 0, clicks: 0, impressions: 0 }), expectedCtrPercent }));
    expect(solo(1.24)).toContain("CTR_ABOVE_2X_AVG");
    expect(solo(1.25)).not.toContain("CTR_ABOVE_2X_AVG");
  });
});

describe("a creative > 50 % better than its siblings -> concentrate", () => {
  const creative = (id: string, label: string, clicks: number, impressions = 10_000) => ({ id, adSetId: "s1", status: "ACTIVE", label, days: days(1, { clicks, impressions, spendMinor: 1000 }) });
  const run = (a: number, b: number, c: number) =>
    evaluateRules(input({ objective: "AWARENESS", adSets: [adSet("s1", [])], creatives: [creative("cA", "A", a), creative("cB", "B", b), creative("cC", "C", c)] })).filter((h) => h.rule === "CREATIVE_OUTPERFORMS_50");
  it("fires above 1.5x every sibling (not at exactly 1.5x), and pauses the siblings", () => {
    const [hit] = run(151, 100, 60);
    expect(hit).toMatchObject({ action: "CONCENTRATE_CREATIVE", target: { level: "creative", id: "cA", adSetId: "s1" }, params: { pauseCreativeIds: ["cB", "cC"] } });
    expect(run(150, 100, 60)).toEqual([]);
    expect(run(149, 100, 60)).toEqual([]);
  });
  it("one sibling close to the best is enough to hold the rule", () => {
    expect(run(300, 250, 10)).toEqual([]);
  });
  it("creatives under 1 000 impressions are not compared", () => {
    const hits = evaluateRules(input({ adSets: [adSet("s1", [])], creatives: [creative("cA", "A", 300, 999), creative("cB", "B", 10)] })).filter((h) => h.rule === "CREATIVE_OUTPERFORMS_50");
    expect(hits).toEqual([]);
  });
});
