import { describe, expect, it } from "vitest";
import { budgetPoints, companySizePoints, scoreLead, tierOf, type RubricInput } from "@/lib/leads/scoring/rubric";

const base: RubricInput = { email: null, phone: null, company: null, jobTitle: null, sourceType: "MANUAL", budget: null, companySize: null, painPoints: [], urgency: null };

describe("MKT-302 rubric", () => {
  it("tiers at every boundary: 39 cold, 40 warm, 69 warm, 70 hot", () => {
    expect([tierOf(0), tierOf(39), tierOf(40), tierOf(69), tierOf(70), tierOf(100)]).toEqual(["COLD", "COLD", "WARM", "WARM", "HOT", "HOT"]);
  });

  it("leads on each side of the thresholds (the seed's weights are multiples of 5: 35|40 and 65|70)", () => {
    const cold = scoreLead({ ...base, phone: "+33", company: "A", jobTitle: "B" }); // 10 + 10 + 10 + manual 5
    expect(cold).toMatchObject({ score: 35, tier: "COLD" });
    const warm = scoreLead({ ...base, phone: "+33", company: "A", jobTitle: "B", painPoints: ["délais"] }); // + 5
    expect(warm).toMatchObject({ score: 40, tier: "WARM" });
    const warmTop = scoreLead({ ...base, phone: "+33", company: "A", jobTitle: "B", sourceType: "FORM", budget: 2_000, painPoints: ["x"], urgency: "MEDIUM" }); // 10+10+10+10+10+5+10
    expect(warmTop).toMatchObject({ score: 65, tier: "WARM" });
    const hot = scoreLead({ ...base, email: "e", phone: "+33", company: "A", jobTitle: "B", sourceType: "FORM", budget: 2_000, painPoints: ["x"], urgency: "MEDIUM" }); // + email 5
    expect(hot).toMatchObject({ score: 70, tier: "HOT" });
    expect(hot.lines.map((l) => l.criterion)).toEqual(["email", "phone", "company", "jobTitle", "source", "budget", "painPoints", "urgency"]);
  });

  it("budget, size, pain points and urgency bands; the total is capped at 100", () => {
    expect([budgetPoints(null), budgetPoints(999), budgetPoints(1_000), budgetPoints(4_999), budgetPoints(5_000), budgetPoints(10_000), budgetPoints(10_001)]).toEqual([0, 5, 10, 10, 15, 15, 20]);
    expect([companySizePoints("1-10"), companySizePoints("11-50"), companySizePoints("51-200"), companySizePoints("200+")]).toEqual([0, 5, 10, 15]);
    expect(scoreLead({ ...base, painPoints: ["a", "b", "c", "d", "e", "f", "g"] }).lines.find((l) => l.criterion === "painPoints")?.points).toBe(25);
    expect(scoreLead({ ...base, urgency: "HIGH" }).score).toBe(20);
    const max = scoreLead({ email: "e", phone: "p", company: "c", jobTitle: "j", sourceType: "REFERRAL", budget: 50_000, companySize: "200+", painPoints: ["a", "b", "c", "d", "e"], urgency: "HIGH" });
    expect(max.lines.reduce((n, l) => n + l.points, 0)).toBe(135);
    expect(max).toMatchObject({ score: 100, tier: "HOT" });
  });
});
