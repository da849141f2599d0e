import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLead } from "@/lib/leads/get-lead";
import { listLeads } from "@/lib/leads/list-leads";
import { LEADS_PAGE_SIZE, leadFiltersSchema } from "@/lib/leads/schemas";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/** The Leads page's reads against a real database: filters, search, paging, the detail's score explanation and timeline, tenancy. */
let t: TestDatabase;
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const org = await t.db.organization.create({ data: { name: "Atelier Sahel", slug: `lp-${randomUUID().slice(0, 6)}` } });
  const other = await t.db.organization.create({ data: { name: "Other", slug: `lo-${randomUUID().slice(0, 6)}` } });
  orgId = org.id;
  otherOrgId = other.id;
  // 30 leads: scores 0..29 x 3, every third one HOT from Meta, the others WARM forms; one named Awa Diop.
  await t.db.lead.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      organizationId: orgId,
      firstName: i === 7 ? "Awa" : `Prénom${i}`,
      lastName: i === 7 ? "Diop" : `Nom${i}`,
      email: `lead${i}@example.com`,
      emailNormalized: `lead${i}@example.com`,
      company: i === 7 ? "Teranga SARL" : `Société ${i}`,
      score: i * 3,
      tier: i % 3 === 0 ? ("HOT" as const) : ("WARM" as const),
      sourceType: i % 3 === 0 ? ("META_LEAD_ADS" as const) : ("FORM" as const),
      status: i < 5 ? ("NEW" as const) : ("SCORED" as const),
    })),
  });
  await t.db.lead.create({ data: { organizationId: otherOrgId, firstName: "Awa", lastName: "Autre", email: "awa@other.example", emailNormalized: "awa@other.example" } });
}, 60_000);

afterAll(async () => {
  await t?.cleanup();
});

describe("leads list", () => {
  it("pages by 25, best score first, and counts every lead of the organisation only", async () => {
    const p1 = await listLeads({ organizationId: orgId, filters: { page: 1 } });
    const p2 = await listLeads({ organizationId: orgId, filters: { page: 2 } });
    expect(p1).toMatchObject({ total: 30, matching: 30, pages: 2, page: 1 });
    expect(p1.leads).toHaveLength(LEADS_PAGE_SIZE);
    expect(p2.leads).toHaveLength(5);
    expect(p1.leads[0]!.score).toBe(87);
    expect(new Set([...p1.leads, ...p2.leads].map((l) => l.id)).size).toBe(30);
    expect(p1.funnel.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { status: "NEW", count: 5 },
      { status: "SCORED", count: 25 },
    ]);
  });

  it("filters by tier, source and status, and searches names, full names, emails and companies", async () => {
    expect((await listLeads({ organizationId: orgId, filters: { tier: "HOT" } })).matching).toBe(10);
    expect((await listLeads({ organizationId: orgId, filters: { source: "FORM", status: "NEW" } })).matching).toBe(3);
    for (const q of ["awa", "Awa Diop", "teranga", "LEAD7@example"]) {
      const r = await listLeads({ organizationId: orgId, filters: { q } });
      expect(r.leads.map((l) => l.name), q).toEqual(["Awa Diop"]);
    }
    expect((await listLeads({ organizationId: orgId, filters: { q: "Autre" } })).matching).toBe(0);
  });

  it("puts unscored leads after the scored ones (newest first), across the page boundary", async () => {
    const org = await t.db.organization.create({ data: { name: "Mixed", slug: `lm-${randomUUID().slice(0, 6)}` } });
    const base = Date.parse("2026-11-01T00:00:00Z");
    // 20 scored (two share score 10: the newer first), 15 unscored; createdAt one hour apart.
    await t.db.lead.createMany({
      data: Array.from({ length: 35 }, (_, i) => ({ organizationId: org.id, firstName: `L${i}`, email: `m${i}@example.com`, emailNormalized: `m${i}@example.com`, score: i < 20 ? (i === 3 ? 10 : i) : null, createdAt: new Date(base + i * 3_600_000) })),
    });
    const all = await t.db.lead.findMany({ where: { organizationId: org.id }, select: { id: true, score: true, createdAt: true } });
    const expected = all
      .sort((a, b) => (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) || (b.score ?? 0) - (a.score ?? 0) || b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
      .map((l) => l.id);
    const p1 = await listLeads({ organizationId: org.id, filters: { page: 1 } });
    const p2 = await listLeads({ organizationId: org.id, filters: { page: 2 } });
    expect(p1.leads.map((l) => l.id)).toEqual(expected.slice(0, LEADS_PAGE_SIZE));
    expect(p2.leads.map((l) => l.id)).toEqual(expected.slice(LEADS_PAGE_SIZE));
    expect(p1).toMatchObject({ matching: 35, pages: 2 });
    // A filter that leaves only unscored leads on page 2's range, and a page past the scored ones.
    const unscoredOnly = await listLeads({ organizationId: org.id, filters: { q: "L3" } });
    expect(unscoredOnly.leads.map((l) => l.name)).toEqual(["L3", "L34", "L33", "L32", "L31", "L30"]);
  });

  it("reads filters from the URL, ignoring values that do not parse", () => {
    expect(leadFiltersSchema.parse({ tier: "HOT", page: "2", q: " x " })).toEqual({ tier: "HOT", page: 2, q: "x" });
    expect(leadFiltersSchema.parse({ tier: "LUKEWARM", page: "-3", source: "FAX" })).toEqual({ page: 1 });
  });
});

describe("lead detail", () => {
  it("shows the latest score's lines and judgement and one timeline, newest first; another organisation's lead is not found", async () => {
    const lead = await t.db.lead.create({ data: { organizationId: orgId, email: "x@example.com", emailNormalized: "x@example.com", score: 45, tier: "WARM", status: "SCORED" } });
    const sub = await t.db.leadSubmission.create({ data: { organizationId: orgId, sourceType: "FORM", dedupeKey: randomUUID(), payload: { email: "x@example.com", message: "Bonjour" }, status: "PROCESSED", leadId: lead.id, createdLead: true, receivedAt: new Date("2026-12-01T10:00:00Z") } });
    const breakdown = (score: number) => ({ lines: [{ criterion: "email", points: 5, detail: "email" }, { criterion: "source", points: score - 5, detail: "FORM" }], judgement: null, route: "nurture" });
    await t.db.leadScore.create({ data: { organizationId: orgId, leadId: lead.id, score: 15, tier: "COLD", breakdown: breakdown(15), scoredAt: new Date("2026-12-01T10:00:01Z") } });
    await t.db.leadScore.create({ data: { organizationId: orgId, leadId: lead.id, score: 15, tier: "COLD", breakdown: breakdown(15), scoredAt: new Date("2026-12-01T11:00:00Z") } });
    await t.db.leadScore.create({ data: { organizationId: orgId, leadId: lead.id, score: 45, tier: "WARM", breakdown: breakdown(45), scoredAt: new Date("2026-12-02T10:00:00Z") } });
    const d = await getLead({ organizationId: orgId, leadId: lead.id });
    expect(d.latestScore).toMatchObject({ score: 45, tier: "WARM", breakdown: breakdown(45) });
    expect(d.timeline.map((i) => (i.kind === "score" ? `score ${i.previousTier ?? "-"}->${i.tier}` : i.kind))).toEqual(["score COLD->WARM", "score -->COLD", "submission"]);
    expect(d.timeline.find((i) => i.kind === "submission")).toMatchObject({ createdLead: true, submission: { id: sub.id, payload: { email: "x@example.com", message: "Bonjour" } } });
    await expect(getLead({ organizationId: otherOrgId, leadId: lead.id })).rejects.toMatchObject({ code: "not_found" });
  });
});
