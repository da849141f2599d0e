import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import * as pdfRoute from "@/app/api/orgs/[org]/war-room/reports/[id]/pdf/route";
import * as reportRoute from "@/app/api/orgs/[org]/war-room/reports/[id]/route";
import * as reportsRoute from "@/app/api/orgs/[org]/war-room/reports/route";
import { signUp } from "@/lib/auth/sign-up";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createOrganization } from "@/lib/orgs/create-organization";
import { setEnv } from "@/tests/contract/harness";
import { createAnthropicFake, type AnthropicFake } from "@/tests/fakes/anthropic";
import { createSlackFake, type SlackFake } from "@/tests/fakes/slack";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * MKT-403 against PostgreSQL on a hand-made week (Monday 2026-11-23 .. Sunday 2026-11-29, ISO 2026-W48):
 * MKT-402 slices per network (plus days just outside the week that must not count), ad-set metrics,
 * posts with metric snapshots, leads and insights. The figures equal the ones computed by hand; a second
 * run writes nothing new; the report goes by email to owners and admins only (not editors or viewers),
 * once, and to Slack through the local fake when configured; an unusable model answer gives the rules'
 * text, never a broken report; the PDF starts with %PDF and names the organisation; another
 * organisation's report is a 404; the Monday tick claims each organisation once.
 */
const TOKEN = "xoxb-weekly-test";
const WEEK = "2026-11-23";
let t: TestDatabase;
let slack: SlackFake;
let anthropic: AnthropicFake;
type Tenant = { orgId: string; slug: string; key: string; emails: Record<"owner" | "admin" | "editor" | "viewer", string> };
const tenants: Record<"a" | "b", Tenant> = {} as never;

const day = (d: string) => new Date(`${d}T00:00:00.000Z`);

async function tenant(label: string): Promise<Tenant> {
  const owner = await signUp({ name: `Owner ${label}`, email: `owner-${label}@weekly.test`, password: "long enough password" });
  const org = await createOrganization({ userId: owner.id, input: { name: `Weekly Org ${label}` } });
  await t.db.organization.update({ where: { id: org.id }, data: { timezone: "Europe/Paris", locale: "fr", currency: "EUR" } });
  const emails = { owner: owner.email, admin: `admin-${label}@weekly.test`, editor: `editor-${label}@weekly.test`, viewer: `viewer-${label}@weekly.test` };
  for (const role of ["ADMIN", "EDITOR", "VIEWER"] as const) {
    const email = emails[role.toLowerCase() as "admin"];
    const user = await t.db.user.create({ data: { email, name: `${role} ${label}`, locale: role === "ADMIN" ? "en" : "fr" } });
    await t.db.membership.create({ data: { organizationId: org.id, userId: user.id, role } });
  }
  const { key } = await createApiKey({ organizationId: org.id, name: "reports", scopes: ["read"] });
  return { orgId: org.id, slug: org.slug, key, emails };
}

/** The hand-made week of tenant a. */
async function seedWeek(orgId: string) {
  const slice = (network: string, d: string, f: Record<string, number>) => ({ organizationId: orgId, brandKey: "none", network, day: day(d), ...f });
  await t.db.dailyAnalyticsSlice.createMany({
    data: [
      slice("LINKEDIN", "2026-11-23", { impressions: 1000, engagements: 50, clicks: 10, postsPublished: 1 }),
      slice("LINKEDIN", "2026-11-25", { impressions: 3000, engagements: 240, clicks: 30, postsPublished: 1 }),
      slice("INSTAGRAM", "2026-11-27", { impressions: 1000, engagements: 20, postsPublished: 1 }),
      slice("GOOGLE_ADS", "2026-11-24", { adSpendMinor: 10_000, adRevenueMinor: 45_000 }),
      slice("META_ADS", "2026-11-26", { adSpendMinor: 20_000, adRevenueMinor: 10_000 }),
      slice("NONE", "2026-11-28", { leadsNew: 3, leadsHot: 1, leadsWarm: 1, leadsCold: 1, bookings: 1, conversions: 1, conversionValueMinor: 50_000 }),
      // The week before (comparison) ...
      slice("LINKEDIN", "2026-11-18", { impressions: 2000, engagements: 40, postsPublished: 2 }),
      // ... and days outside both weeks: never counted.
      slice("LINKEDIN", "2026-11-30", { impressions: 99_999, engagements: 99_999, postsPublished: 9 }),
      slice("LINKEDIN", "2026-11-15", { impressions: 77_777, engagements: 7, postsPublished: 7 }),
    ],
  });
  const brand = await t.db.brand.create({
    data: { organizationId: orgId, name: "Atelier", slug: "atelier", voice: "chaleureuse", targetAudience: "PME", contentGuidelines: "clair" },
  });
  const adAccount = await t.db.socialAccount.create({
    data: { organizationId: orgId, brandId: brand.id, platform: "GOOGLE_ADS", externalId: `gads-${orgId}`, name: "Google Ads", isSandbox: true },
  });
  const campaign = await t.db.adCampaign.create({
    data: { organizationId: orgId, brandId: brand.id, adAccountId: adAccount.id, platform: "GOOGLE_ADS", name: "Search mobilier", status: "ACTIVE" },
  });
  const exact = await t.db.adSet.create({
    data: { organizationId: orgId, campaignId: campaign.id, adAccountId: adAccount.id, name: "Exact", status: "ACTIVE" },
  });
  const broad = await t.db.adSet.create({
    data: { organizationId: orgId, campaignId: campaign.id, adAccountId: adAccount.id, name: "Broad", status: "ACTIVE" },
  });
  const m = (adSetId: string, d: string, spendMinor: number, conversionValueMinor: number, conversions: number) => ({
    organizationId: orgId,
    campaignId: campaign.id,
    adSetId,
    level: "AD_SET" as const,
    entityId: adSetId,
    day: day(d),
    spendMinor,
    conversionValueMinor,
    conversions,
  });
  await t.db.adMetricDaily.createMany({
    data: [m(exact.id, "2026-11-24", 4000, 30_000, 2), m(broad.id, "2026-11-24", 6000, 15_000, 1), m(broad.id, "2026-11-30", 1, 999_999, 9)],
  });

  const account = await t.db.socialAccount.create({
    data: { organizationId: orgId, brandId: brand.id, platform: "LINKEDIN", externalId: `li-${orgId}`, name: "LinkedIn", isSandbox: true },
  });
  const post = async (title: string, postedAt: string, snapshots: [string, number, number][]) => {
    const piece = await t.db.contentPiece.create({
      data: { organizationId: orgId, brandId: brand.id, platform: "LINKEDIN", status: "PUBLISHED", title, body: `${title} body` },
    });
    const pub = await t.db.publication.create({
      data: {
        organizationId: orgId,
        brandId: brand.id,
        contentPieceId: piece.id,
        socialAccountId: account.id,
        platform: "LINKEDIN",
        status: "POSTED",
        scheduledAt: new Date(postedAt),
        postedAt: new Date(postedAt),
        idempotencyKey: `pub-${piece.id}`,
      },
    });
    for (const [at, impressions, engagements] of snapshots)
      await t.db.contentMetricSnapshot.create({
        data: {
          organizationId: orgId,
          publicationId: pub.id,
          contentPieceId: piece.id,
          platform: "LINKEDIN",
          capturedAt: new Date(at),
          impressions,
          engagements,
        },
      });
    return { pieceId: piece.id, publicationId: pub.id };
  };
  const star = await post("Atelier bogolan", "2026-11-24T09:00:00Z", [["2026-11-26T09:00:00Z", 3000, 240]]);
  const second = await post("Coulisses", "2026-11-27T09:00:00Z", [["2026-11-28T09:00:00Z", 1000, 20]]);
  // Posted before the week: only its growth inside the week counts (700 - 500).
  const older = await post("Ancien post", "2026-11-10T09:00:00Z", [
    ["2026-11-20T09:00:00Z", 500, 10],
    ["2026-11-25T09:00:00Z", 700, 15],
  ]);
  await post("Pas cette semaine", "2026-12-01T09:00:00Z", [["2026-12-02T09:00:00Z", 50_000, 5000]]);

  const lead = (status: "NEW" | "BOOKED" | "CONVERTED", createdAt: string) => ({
    organizationId: orgId,
    status,
    email: `${status}-${createdAt}@lead.test`,
    createdAt: new Date(createdAt),
  });
  await t.db.lead.createMany({
    data: [
      lead("NEW", "2026-11-24T10:00:00Z"),
      lead("NEW", "2026-11-28T10:00:00Z"),
      lead("BOOKED", "2026-11-25T10:00:00Z"),
      lead("CONVERTED", "2026-12-01T10:00:00Z"),
    ],
  });

  const insight = (title: string, confidence: number, status: "ACTIVE" | "VALIDATED" | "INVALIDATED") =>
    t.db.learningInsight.create({
      data: {
        organizationId: orgId,
        type: "CONTENT_PERFORMANCE",
        status,
        title,
        description: `${title}.`,
        confidence,
        recommendedAction: `Agir sur ${title}`,
        source: "mkt-404",
      },
    });
  const i1 = await insight("Coulisses", 0.9, "VALIDATED");
  const i2 = await insight("Vidéos courtes", 0.5, "ACTIVE");
  await insight("Contredit", 0.99, "INVALIDATED");
  return { star, second, older, exact, i1, i2 };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Handler = (req: Request, ctx: never) => Promise<Response>;
async function call(handler: Handler, who: Tenant, params: Record<string, string>, query = "") {
  const res = await handler(new Request(`http://localhost/api/orgs/${params.org}/x${query}`, { headers: { "x-api-key": who.key, "accept-language": "fr" } }), {
    params: Promise.resolve(params),
  } as never);
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: Json = {};
  try {
    json = JSON.parse(bytes.toString("utf8")) as Json;
  } catch {
    /* PDF */
  }
  return { status: res.status, json, bytes, headers: res.headers };
}

let fixtures: Awaited<ReturnType<typeof seedWeek>>;
beforeAll(async () => {
  t = await createTestDatabase();
  slack = createSlackFake({ token: TOKEN });
  await slack.server.start();
  anthropic = createAnthropicFake({ apiKey: "sk-ant-weekly" });
  await anthropic.server.start();
  tenants.a = await tenant("a");
  tenants.b = await tenant("b");
  fixtures = await seedWeek(tenants.a.orgId);
}, 120_000);
afterAll(async () => {
  setEnv({
    SLACK_BOT_TOKEN: undefined,
    SLACK_API_BASE_URL: undefined,
    SLACK_DEFAULT_CHANNEL: undefined,
    ANTHROPIC_API_KEY: undefined,
    ANTHROPIC_BASE_URL: undefined,
    AI_MAX_RETRIES: undefined,
  });
  await slack?.server.stop();
  await anthropic?.server.stop();
  await t?.cleanup();
});

describe("MKT-403 weekly report", () => {
  it("computes the week's figures as by hand, writes the text, and a second run writes nothing new", async () => {
    const { writeWeeklyReport } = await import("@/lib/analytics/weekly/write-weekly-report");
    const first = await writeWeeklyReport({ organizationId: tenants.a.orgId, weekStart: WEEK });
    expect(first.created).toBe(true);
    const row = await t.db.weeklyReport.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.status).toBe("READY");
    expect(row.weekStart.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(row.weekEnd.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    const s = row.sections as Json;
    const f = s.figures;
    expect(f.isoWeek).toBe("2026-W48");
    expect([f.from, f.to]).toEqual(["2026-11-23", "2026-11-29"]);
    expect(f.totals).toEqual({
      postsPublished: 3,
      impressions: 5000,
      engagements: 310,
      clicks: 40,
      engagementRate: 6.2,
      adSpendMinor: 30_000,
      adRevenueMinor: 55_000,
      roas: 1.83,
      leadsNew: 3,
      leadsHot: 1,
      bookings: 1,
      conversions: 1,
      conversionValueMinor: 50_000,
    });
    expect(f.previousTotals).toMatchObject({ postsPublished: 2, impressions: 2000, engagements: 40, engagementRate: 2, adSpendMinor: 0, roas: null });
    expect(f.days).toHaveLength(7);
    expect(f.days.map((d: Json) => d.impressions)).toEqual([1000, 0, 3000, 0, 1000, 0, 0]);
    expect(f.days.map((d: Json) => d.adSpendMinor)).toEqual([0, 10_000, 0, 20_000, 0, 0, 0]);
    expect(f.content.top.map((p: Json) => [p.title, p.impressions, p.engagements])).toEqual([
      ["Atelier bogolan", 3000, 240],
      ["Coulisses", 1000, 20],
      ["Ancien post", 200, 5],
    ]);
    expect(f.content.networks).toEqual([
      { network: "INSTAGRAM", impressions: 1000, engagements: 20, engagementRate: 2, previousEngagementRate: null },
      { network: "LINKEDIN", impressions: 4000, engagements: 290, engagementRate: 7.25, previousEngagementRate: 2 },
    ]);
    expect(f.ads.bestAdSet).toMatchObject({
      id: fixtures.exact.id,
      name: "Exact",
      campaign: "Search mobilier",
      platform: "GOOGLE_ADS",
      spendMinor: 4000,
      revenueMinor: 30_000,
      conversions: 2,
      roas: 7.5,
    });
    expect(f.leads).toEqual({
      warm: 1,
      cold: 1,
      pipeline: [
        { status: "NEW", count: 2 },
        { status: "BOOKED", count: 1 },
      ],
    });
    expect(f.insights.map((i: Json) => i.id)).toEqual([fixtures.i1.id, fixtures.i2.id]);
    // No model configured: the offline provider's text, said to be written by rules, in the organisation's language.
    expect(s.writtenBy).toBe("rules");
    expect(row.summary).toMatch(/^3 publications et 5\s000 impressions cette semaine, engagement moyen de 6,2\s%/);
    expect(row.summary).toContain("« Atelier bogolan »");
    expect(s.recommendations.length).toBeGreaterThanOrEqual(2);
    expect(s.recommendations.some((r: string) => r.includes("Exact"))).toBe(true);

    const ledger = await t.db.aiUsageEntry.count({ where: { organizationId: tenants.a.orgId } });
    const again = await writeWeeklyReport({ organizationId: tenants.a.orgId, weekStart: WEEK });
    expect(again).toEqual({ id: first.id, status: "READY", created: false });
    expect(await t.db.weeklyReport.count({ where: { organizationId: tenants.a.orgId } })).toBe(1);
    expect(await t.db.aiUsageEntry.count({ where: { organizationId: tenants.a.orgId } })).toBe(ledger);
    // A refresh ("Generate now") rewrites the same row with identical figures.
    const refreshed = await writeWeeklyReport({ organizationId: tenants.a.orgId, weekStart: WEEK, refresh: true });
    expect(refreshed.id).toBe(first.id);
    expect(((await t.db.weeklyReport.findUniqueOrThrow({ where: { id: first.id } })).sections as Json).figures).toEqual(f);
  });

  it("sends it once to owners and admins only (email, in-app) and to Slack through the fake", async () => {
    setEnv({ SLACK_BOT_TOKEN: TOKEN, SLACK_API_BASE_URL: `${slack.server.url}/api`, SLACK_DEFAULT_CHANNEL: "#marketing" });
    try {
      const { sendWeeklyReport } = await import("@/lib/analytics/weekly/send-weekly-report");
      const report = await t.db.weeklyReport.findFirstOrThrow({ where: { organizationId: tenants.a.orgId } });
      const sent = await sendWeeklyReport({ organizationId: tenants.a.orgId, reportId: report.id });
      expect(sent).toMatchObject({ sent: true, slack: "sent" });
      expect(sent.recipients.sort()).toEqual([tenants.a.emails.admin, tenants.a.emails.owner].sort());
      const mails = await t.db.outboxEmail.findMany({ where: { organizationId: tenants.a.orgId } });
      expect(mails.flatMap((m) => m.toAddresses).sort()).toEqual([tenants.a.emails.admin, tenants.a.emails.owner].sort());
      const bySubject = Object.fromEntries(mails.map((m) => [m.toAddresses[0], m.subject]));
      expect(bySubject[tenants.a.emails.owner]).toBe("Rapport hebdomadaire, semaine 2026-W48");
      expect(bySubject[tenants.a.emails.admin]).toBe("Weekly report, week 2026-W48"); // the admin reads English
      expect(mails.every((m) => m.text?.includes(`/${tenants.a.slug}/war-room/reports/${report.id}`))).toBe(true);
      expect(slack.messages).toHaveLength(1);
      expect(slack.messages[0]!.channel).toBe("C0MARKETING");
      expect(slack.messages[0]!.text).toContain("Rapport hebdomadaire, semaine 2026-W48");
      const after = await t.db.weeklyReport.findUniqueOrThrow({ where: { id: report.id } });
      expect(after.status).toBe("SENT");
      expect(after.sentAt).not.toBeNull();
      expect(await t.db.notification.count({ where: { organizationId: tenants.a.orgId, type: "report.weekly" } })).toBe(2);

      // Sent once: a re-run step sends nothing more.
      expect(await sendWeeklyReport({ organizationId: tenants.a.orgId, reportId: report.id })).toMatchObject({ sent: false });
      expect(await t.db.outboxEmail.count({ where: { organizationId: tenants.a.orgId } })).toBe(2);
      expect(slack.messages).toHaveLength(1);
    } finally {
      setEnv({ SLACK_BOT_TOKEN: undefined, SLACK_API_BASE_URL: undefined, SLACK_DEFAULT_CHANNEL: undefined });
    }
  });

  it("the workflow on an empty week without Slack: a sensible report, emailed, nothing posted; an unusable model answer -> the rules' text", async () => {
    const { mkt403WeeklyReport } = await import("@/inngest/functions/utilities/mkt-403-weekly-report");
    slack.reset();
    const engine = new InngestTestEngine({
      function: mkt403WeeklyReport,
      events: [{ name: "analytics/weekly-report.requested", data: { organizationId: tenants.b.orgId, weekStart: WEEK } }],
    });
    const { result } = await engine.execute();
    expect(result).toMatchObject({ created: true, sent: true, recipients: 2, slack: "disabled" });
    const empty = await t.db.weeklyReport.findFirstOrThrow({ where: { organizationId: tenants.b.orgId } });
    expect(empty.summary).toMatch(/^Semaine calme/);
    expect(slack.messages).toHaveLength(0);
    expect(await t.db.outboxEmail.count({ where: { organizationId: tenants.b.orgId } })).toBe(2);

    // A model that answers twice with something that is not the report: the rules' text, a readable report.
    setEnv({ ANTHROPIC_API_KEY: "sk-ant-weekly", ANTHROPIC_BASE_URL: anthropic.server.url, AI_MAX_RETRIES: "0" });
    try {
      anthropic.enqueue({ text: "{ not json" }, { text: JSON.stringify({ summary: "court", recommendations: [] }) });
      const { writeWeeklyReport } = await import("@/lib/analytics/weekly/write-weekly-report");
      await writeWeeklyReport({ organizationId: tenants.a.orgId, weekStart: "2026-11-16" });
      const fallback = await t.db.weeklyReport.findFirstOrThrow({ where: { organizationId: tenants.a.orgId, weekStart: day("2026-11-16") } });
      expect(fallback).toMatchObject({ status: "READY", model: "rules-fallback" });
      expect(fallback.summary).toMatch(/^2 publications et 2\s000 impressions/);
      expect((fallback.sections as Json).writtenBy).toBe("rules");
    } finally {
      setEnv({ ANTHROPIC_API_KEY: undefined, ANTHROPIC_BASE_URL: undefined, AI_MAX_RETRIES: undefined });
    }
  });

  it("reads through the API: list, one report, the PDF; another organisation's is a 404", async () => {
    const a = tenants.a;
    const report = await t.db.weeklyReport.findFirstOrThrow({ where: { organizationId: a.orgId, weekStart: day(WEEK) } });
    const list = await call(reportsRoute.GET as Handler, a, { org: a.slug });
    expect(list.status).toBe(200);
    expect(list.json.reports.map((r: Json) => r.isoWeek)).toEqual(["2026-W48", "2026-W47"]);
    const one = await call(reportRoute.GET as Handler, a, { org: a.slug, id: report.id });
    expect(one.status).toBe(200);
    expect(one.json.report).toMatchObject({ id: report.id, status: "SENT", isoWeek: "2026-W48", from: "2026-11-23", to: "2026-11-29" });
    expect(one.json.report.sections.figures.totals.impressions).toBe(5000);

    const pdf = await call(pdfRoute.GET as Handler, a, { org: a.slug, id: report.id }, "?lang=en");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="report-${a.slug}-2026-W48.pdf"`);
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.bytes.toString("latin1")).toContain("Weekly Org a");
    expect(pdf.bytes.length).toBeGreaterThan(2000);

    const b = tenants.b;
    expect((await call(reportRoute.GET as Handler, b, { org: b.slug, id: report.id })).status).toBe(404);
    expect((await call(pdfRoute.GET as Handler, b, { org: b.slug, id: report.id })).status).toBe(404);
  });

  it("the Monday 08:00 tick claims each organisation once per week, and none on another day", async () => {
    const { claimWeeklyReports } = await import("@/lib/analytics/weekly/claim-weekly-reports");
    const ids = [tenants.a.orgId, tenants.b.orgId];
    expect(await claimWeeklyReports({ runKey: "tick-1:claim-organizations", now: new Date("2026-12-01T07:15:00Z"), organizationIds: ids })).toEqual([]); // Tuesday
    const monday = new Date("2026-11-30T07:15:00Z"); // 08:15 in Paris
    const claimed = await claimWeeklyReports({ runKey: "tick-2:claim-organizations", now: monday, organizationIds: ids });
    expect(claimed.map((c) => c.weekStart)).toEqual([WEEK, WEEK]);
    expect(await claimWeeklyReports({ runKey: "tick-3:claim-organizations", now: new Date("2026-11-30T07:30:00Z"), organizationIds: ids })).toEqual([]);
    // "Run now" on the agent's page: that organisation's last complete week, through the same event.
    const { mkt403WeeklyReportTick } = await import("@/inngest/functions/utilities/mkt-403-weekly-report");
    const engine = new InngestTestEngine({ function: mkt403WeeklyReportTick, events: [{ name: "agents/run.requested", data: { organizationId: tenants.a.orgId, agentId: "agent", workflowCode: "MKT-403", requestId: "r1" } }] });
    const { result, ctx } = await engine.execute();
    expect(result).toEqual({ organizations: 1 });
    const sendEvent = ctx.step.sendEvent as unknown as { mock: { calls: [string, { name: string; data: Json }][] } };
    expect(sendEvent.mock.calls[0]![1]).toMatchObject({ name: "analytics/weekly-report.requested", data: { organizationId: tenants.a.orgId, refresh: true } });
  });
});

describe("which insights a generated piece used (MKT-404 -> MKT-103)", () => {
  it("lists them in the prompt's order, a variant shows its master's, a deleted one is left out, another organisation sees none", async () => {
    const { listInsightsUsed } = await import("@/lib/content/detail/list-insights-used");
    const a = tenants.a;
    const brand = await t.db.brand.findFirstOrThrow({ where: { organizationId: a.orgId, slug: "atelier" } });
    const master = await t.db.contentPiece.create({ data: { organizationId: a.orgId, brandId: brand.id, status: "DRAFT", body: "master", aiGenerated: true, generationContext: { insightIds: [fixtures.i2.id, "deleted-insight", fixtures.i1.id] } } });
    const variant = await t.db.contentPiece.create({ data: { organizationId: a.orgId, brandId: brand.id, parentId: master.id, platform: "LINKEDIN", status: "DRAFT", body: "variant", aiGenerated: true } });
    const expected = [
      { id: fixtures.i2.id, title: "Vidéos courtes", type: "CONTENT_PERFORMANCE", status: "ACTIVE", confidence: 0.5 },
      { id: fixtures.i1.id, title: "Coulisses", type: "CONTENT_PERFORMANCE", status: "VALIDATED", confidence: 0.9 },
    ];
    expect(await listInsightsUsed({ organizationId: a.orgId, contentPieceId: master.id })).toEqual(expected);
    expect(await listInsightsUsed({ organizationId: a.orgId, contentPieceId: variant.id })).toEqual(expected);
    expect(await listInsightsUsed({ organizationId: tenants.b.orgId, contentPieceId: master.id })).toEqual([]);
  });
});
