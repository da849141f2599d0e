import { describe, expect, it } from "vitest";
import { diffConfigs } from "@/lib/agents/schemas";

describe("diffConfigs (configuration versions, field by field)", () => {
  it("lists only the fields that changed, in the schema's order, with before and after", () => {
    const v1 = { scalePercent: 20, autoApply: false, platforms: ["LINKEDIN", "X"], roasPauseDays: 3 };
    const v2 = { roasPauseDays: 5, scalePercent: 20, autoApply: true, platforms: ["X", "LINKEDIN"], extra: "new" };
    expect(diffConfigs(v1, v2, ["scalePercent", "autoApply", "platforms", "roasPauseDays"])).toEqual([
      { field: "autoApply", before: false, after: true },
      { field: "roasPauseDays", before: 3, after: 5 },
      { field: "extra", before: undefined, after: "new" },
    ]);
  });
  it("a removed field and a changed set of choices are changes; identical versions have none", () => {
    expect(diffConfigs({ a: 1, p: ["X"] }, { p: ["X", "TIKTOK"] })).toEqual([
      { field: "a", before: 1, after: undefined },
      { field: "p", before: ["X"], after: ["X", "TIKTOK"] },
    ]);
    expect(diffConfigs({ a: 1, p: ["X", "Y"] }, { p: ["Y", "X"], a: 1 })).toEqual([]);
    // An ordering field absent on both sides is not a row.
    expect(diffConfigs({}, {}, ["ghost"])).toEqual([]);
  });
});
