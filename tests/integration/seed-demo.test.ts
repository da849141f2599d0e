import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedDemo } from "@/lib/demo/seed-demo";
import { recomputeKpiWindows } from "@/lib/inbox/kpis/recompute-kpi-windows";
import { verifyPassword } from "@/lib/auth/password";
import { getLead } from "@/lib/leads/get-lead";
import type { Db } from "@/lib/db/client";
import { readTimelineMessage } from "@/lib/publishing/timeline";
import frPublishing from "@/messages/fr/publishing.json";
import enPublishing from "@/messages/en/publishing.json";

// A Wednesday late morning in Paris: every relative date of the demo is fixed by it.
const NOW = new Date("2026-11-18T10:30:00Z");

let t: TestDatabase;
let orgId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const res = await seedDemo(t.db, { now: NOW });
  expect(res.created).toBe(true);
  orgId = res.organizationId;
});
afterAll(async () => {
  await t?.cleanup();
});

function countByStatus(rows: { status: string; _count: { _all: number } }[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

/** Row count of every table (the whole database, not only the demo organisation). */
async function tableCounts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = await c.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
    );
    const out: Record<string, number> = {};
    for (const { table_name } of tables.rows) {
      const r = await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table_name}"`);
      out[table_name] = Number(r.rows[0].n);
    }
    return out;
  } finally {
    await c.end();
  }
}

/** A fingerprint of the seeded data that must not depend on anything but `now`. */
async function fingerprint(db: Db) {
  const [pubs, leads, signals, agents] = await Promise.all([
    db.publication.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, scheduledAt: true, postedAt: true, platform: true } }),
    db.lead.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, score: true, tier: true, createdAt: true, phoneE164: true } }),
    db.contentSignal.findMany({ select: { id: true, engagementRate: true, meanRate: true, stdDevRate: true, threshold: true } }),
    db.agent.findMany({ orderBy: { key: "asc" }, select: { key: true, executionCount: true, creditsUsed: true } }),
  ]);
  return JSON.stringify({ pubs, leads, signals, agents });
}

describe("demo seed", () => {
  it("creates the demo user, organisation, members, brand, products and a sandbox account per platform", async () => {
    const org = await t.db.organization.findUniqueOrThrow({ where: { slug: "demo" } });
    expect(org).toMatchObject({ id: orgId, name: "Atelier Sahel", plan: "PRO", locale: "fr", timezone: "Europe/Paris", isDemo: true });

    const owner = await t.db.user.findUniqueOrThrow({ where: { email: "demo@marketingengine.app" }, include: { memberships: true } });
    expect(await verifyPassword("demo-password", owner.passwordHash)).toBe(true);
    expect(owner.memberships).toEqual([expect.objectContaining({ organizationId: orgId, role: "OWNER" })]);
    const roles = await t.db.membership.findMany({ where: { organizationId: orgId }, select: { role: true } });
    expect(roles.map((r) => r.role).sort()).toEqual(["EDITOR", "OWNER"]);

    const brand = await t.db.brand.findFirstOrThrow({ where: { organizationId: orgId } });
    expect(brand.language).toBe("fr");
    for (const field of [brand.voice, brand.targetAudience, brand.contentGuidelines]) expect(field.length).toBeGreaterThan(80);
    const products = await t.db.product.count({ where: { organizationId: orgId } });
    expect(products).toBeGreaterThanOrEqual(3);
    expect(products).toBeLessThanOrEqual(4);

    const accounts = await t.db.socialAccount.findMany({ where: { organizationId: orgId } });
    const platforms = ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X", "WHATSAPP", "META_ADS", "GOOGLE_ADS", "TIKTOK_ADS"];
    expect(accounts.map((a) => a.platform).sort()).toEqual([...platforms].sort());
    for (const a of accounts) {
      expect(a).toMatchObject({ isSandbox: true, status: "ACTIVE", accessTokenEnc: null, refreshTokenEnc: null, tokenExpiresAt: null });
    }
  });

  it("has a week of content: publications in several statuses with timelines, and one clear winner signal", async () => {
    const pubGroups = await t.db.publication.groupBy({ by: ["status"], where: { organizationId: orgId }, _count: { _all: true } });
    const byStatus = countByStatus(pubGroups);
    expect(byStatus).toEqual({ POSTED: 7, SCHEDULED: 3, FAILED: 1, CANCELLED: 1 });

    const pubs = await t.db.publication.findMany({ where: { organizationId: orgId }, include: { events: true, attemptRuns: true, contentPiece: true } });
    for (const p of pubs) {
      expect(p.events.length).toBeGreaterThan(0);
      // Timeline lines as the live code writes them: a catalogue key (each language renders its own words), never a raw French message.
      for (const e of p.events) {
        const key = readTimelineMessage(e.payload)?.key ?? `(none: "${e.message}")`;
        expect(Object.keys(frPublishing.timeline), key).toContain(key);
        expect(Object.keys(enPublishing.timeline), key).toContain(key);
        expect(e.message).not.toMatch(/[éèàù]|Publication planifiée|Échec/);
      }
      expect(p.contentPiece.parentId).not.toBeNull(); // publications carry per-platform variants
      expect(p.contentPiece.platform).toBe(p.platform);
      if (p.status === "SCHEDULED") expect(p.scheduledAt.getTime()).toBeGreaterThan(NOW.getTime());
      if (p.status === "POSTED") {
        expect(p.postedAt!.getTime()).toBeLessThan(NOW.getTime());
        expect(NOW.getTime() - p.postedAt!.getTime()).toBeLessThan(7 * 86_400_000);
        expect(p.events.map((e) => e.status)).toEqual(expect.arrayContaining(["SCHEDULED", "UPLOADING", "PROCESSING", "POSTED"]));
      }
      if (p.status === "FAILED") expect(p.attemptRuns.map((a) => a.status)).toEqual(["FAILED", "FAILED", "FAILED"]);
    }
    expect(pubs.filter((p) => p.rrule).length).toBe(1);
    expect(new Set(pubs.map((p) => p.idempotencyKey)).size).toBe(pubs.length);

    const masters = await t.db.contentPiece.findMany({ where: { organizationId: orgId, parentId: null }, select: { status: true } });
    expect(masters.map((m) => m.status)).toEqual(expect.arrayContaining(["REVIEW", "APPROVED", "PUBLISHED"]));
    expect(await t.db.contentInput.count({ where: { organizationId: orgId } })).toBeGreaterThanOrEqual(3);

    // Every seeded metric is in the past, and the latest rate per publication singles out one post.
    const snaps = await t.db.contentMetricSnapshot.findMany({ where: { organizationId: orgId }, orderBy: { capturedAt: "asc" } });
    expect(snaps.length).toBeGreaterThan(14);
    expect(snaps.every((s) => s.capturedAt < NOW)).toBe(true);
    const latest = new Map<string, number>();
    for (const s of snaps) latest.set(s.publicationId, s.engagementRate);
    const rates = [...latest.values()];
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    const sd = Math.sqrt(rates.reduce((a, b) => a + (b - mean) ** 2, 0) / rates.length);
    const above = [...latest.entries()].filter(([, r]) => r > mean + 1.5 * sd);
    expect(above).toHaveLength(1);

    const signals = await t.db.contentSignal.findMany({ where: { organizationId: orgId } });
    expect(signals).toHaveLength(1);
    expect(signals[0].publicationId).toBe(above[0][0]);
    expect(signals[0].engagementRate).toBeGreaterThan(signals[0].threshold);
    expect(signals[0].threshold).toBeCloseTo(signals[0].meanRate + 1.5 * signals[0].stdDevRate, 1);
  });

  it("has leads at every stage, a nurture sequence, one booking and one attributed conversion", async () => {
    const leadGroups = await t.db.lead.groupBy({ by: ["status"], where: { organizationId: orgId }, _count: { _all: true } });
    const byStatus = countByStatus(leadGroups);
    expect(byStatus).toEqual({ NEW: 2, SCORED: 3, NURTURING: 2, REPLIED: 1, BOOKED: 1, CONVERTED: 1, LOST: 1 });
    const scored = await t.db.lead.findMany({ where: { organizationId: orgId, status: "SCORED" }, select: { tier: true, score: true } });
    expect(scored.map((l) => l.tier).sort()).toEqual(["COLD", "HOT", "WARM"]);
    for (const l of scored) expect(l.tier).toBe(l.score! >= 70 ? "HOT" : l.score! >= 40 ? "WARM" : "COLD");
    // Every demo lead's page reads (a breakdown in another shape once made /demo/leads/<id> a 500), and
    // the rubric lines it shows add up to the score it shows (capped at 100, as the page says).
    for (const l of await t.db.lead.findMany({ where: { organizationId: orgId }, select: { id: true, score: true } })) {
      const d = await getLead({ organizationId: orgId, leadId: l.id });
      expect(d.score).toBe(l.score);
      if (l.score !== null) expect(Math.min(100, d.latestScore!.breakdown.lines.reduce((n, line) => n + line.points, 0)), d.name).toBe(l.score);
    }

    const leads = await t.db.lead.findMany({ where: { organizationId: orgId } });
    for (const l of leads) {
      expect(l.emailNormalized).toBe(l.email!.trim().toLowerCase());
      if (l.phone) expect(l.phoneE164).toMatch(/^\+\d{8,15}$/);
    }

    const sequences = await t.db.nurtureSequence.findMany({ where: { organizationId: orgId }, include: { steps: true } });
    expect(sequences.length).toBeGreaterThanOrEqual(1);
    expect(sequences.flatMap((s) => s.steps.map((x) => x.channel))).toEqual(expect.arrayContaining(["EMAIL", "WHATSAPP"]));
    const active = await t.db.sequenceEnrollment.count({ where: { organizationId: orgId, status: "ACTIVE" } });
    expect(active).toBe(byStatus.NURTURING);

    const interactions = await t.db.leadInteraction.findMany({ where: { organizationId: orgId } });
    expect(interactions.some((i) => i.direction === "INBOUND" && i.aiIntent && i.aiSentiment)).toBe(true);
    expect(interactions.every((i) => i.occurredAt < NOW)).toBe(true);
    // WhatsApp sends outside a conversation window are templates, to opted-in leads only.
    for (const i of interactions.filter((x) => x.channel === "WHATSAPP" && x.direction === "OUTBOUND")) {
      expect(i.isTemplate).toBe(true);
      expect(leads.find((l) => l.id === i.leadId)!.whatsappOptIn).toBe(true);
    }

    const bookings = await t.db.booking.findMany({ where: { organizationId: orgId }, include: { lead: true } });
    expect(bookings).toHaveLength(1);
    expect(bookings[0].lead.status).toBe("BOOKED");

    const conversions = await t.db.conversion.findMany({ where: { organizationId: orgId }, include: { touches: true, lead: true } });
    expect(conversions).toHaveLength(1);
    const [conv] = conversions;
    expect(conv.lead.status).toBe("CONVERTED");
    expect(conv.touches.length).toBeGreaterThan(1);
    expect(conv.touches.reduce((a, x) => a + x.creditedValueMinor, 0)).toBe(conv.valueMinor);
    expect(conv.touches.reduce((a, x) => a + x.weight, 0)).toBeCloseTo(1, 6);

    const suppressed = await t.db.suppression.findMany({ where: { organizationId: orgId } });
    expect(suppressed.map((s) => s.address)).toEqual(leads.filter((l) => l.unsubscribedAt).map((l) => l.emailNormalized));
  });

  it("has ad campaigns with daily metrics, approvals, agents, automations, inbox, scenarios, notifications and emails", async () => {
    const campaigns = await t.db.adCampaign.findMany({ where: { organizationId: orgId }, include: { metrics: true, adAccount: true } });
    expect(campaigns.length).toBeGreaterThanOrEqual(2);
    for (const c of campaigns) {
      expect(c.adAccount.platform).toBe(c.platform);
      expect(c.platform).toMatch(/_ADS$/);
      if (c.status === "ACTIVE") expect(c.metrics.length).toBeGreaterThan(0);
    }
    expect(campaigns.some((c) => c.contentSignalId)).toBe(true);
    expect(campaigns.every((c) => c.metrics.every((m) => m.day < NOW))).toBe(true);

    const approvalGroups = await t.db.approvalRequest.groupBy({ by: ["status"], where: { organizationId: orgId }, _count: { _all: true } });
    const approvals = countByStatus(approvalGroups);
    expect(approvals.PENDING).toBe(2);
    expect(approvals.APPROVED).toBeGreaterThanOrEqual(4);

    const agents = await t.db.agent.findMany({
      where: { organizationId: orgId },
      select: { workflowCode: true, name: true, nameEn: true, executionCount: true, errorCount: true, templateId: true },
    });
    const codes = [
      ...[101, 102, 103, 104, 105, 106, 107, 108, 109],
      ...[201, 202, 203, 204, 205, 206],
      ...[301, 302, 303, 304, 305, 306, 307],
      ...[401, 402, 403, 404],
    ].map((n) => `MKT-${n}`);
    expect(agents.map((a) => a.workflowCode).sort()).toEqual(["AST-001", "INB-001", ...codes]);
    for (const a of agents) {
      expect(a.name).not.toBe(a.nameEn);
      expect(a.templateId).not.toBeNull();
    }
    const executions = await t.db.agentExecution.count({ where: { organizationId: orgId } });
    expect(executions).toBe(agents.reduce((s, a) => s + a.executionCount, 0));
    expect(await t.db.agentTemplate.count()).toBe(28);

    const automations = await t.db.automation.findMany({ where: { organizationId: orgId } });
    expect(automations.length).toBeGreaterThanOrEqual(2);
    for (const a of automations) expect(a.complianceNotes.length).toBeGreaterThan(0);

    const conversations = await t.db.conversation.findMany({ where: { organizationId: orgId }, include: { messages: true, comments: true } });
    expect(conversations.length).toBeGreaterThanOrEqual(2);
    // A conversation is a contact's DMs and comments: never empty; the inbox filters read each one's triage.
    expect(conversations.every((c) => c.messages.length + c.comments.length > 0)).toBe(true);
    expect(new Set(conversations.map((c) => c.triage))).toEqual(new Set(["IGNORE", "ESCALATE", "AUTO_REPLY"]));
    // The e2e reply (tests/e2e/inbox.spec.ts) needs an escalated direct message whose 24-hour window is open.
    expect(conversations.some((c) => c.triage === "ESCALATE" && c.messages.length > 0 && c.windowExpiresAt! > NOW)).toBe(true);
    const comments = await t.db.comment.findMany({ where: { organizationId: orgId, isOwn: false } });
    expect(new Set(comments.map((c) => c.triage).filter(Boolean))).toEqual(new Set(["IGNORE", "ESCALATE", "AUTO_REPLY"]));

    const scenarios = await t.db.scenario.findMany({
      where: { organizationId: orgId },
      include: { objectives: true, targets: true, resources: true, plans: { include: { rows: true } } },
    });
    expect(scenarios).toHaveLength(5);
    for (const s of scenarios) {
      expect(s.objectives.length + s.targets.length + s.resources.length).toBeGreaterThan(2);
      if (s.status === "READY") expect(s.plans[0].rows.length).toBeGreaterThan(2);
    }
    const chatMessages = await t.db.assistantMessage.findMany({ where: { organizationId: orgId } });
    for (const m of chatMessages) expect(m.expiresAt.getTime() - m.createdAt.getTime()).toBe(7 * 86_400_000);

    expect(await t.db.notification.count({ where: { organizationId: orgId } })).toBeGreaterThan(2);
    expect(await t.db.outboxEmail.count({ where: { organizationId: orgId } })).toBe(2);
    expect(await t.db.dailyAnalytics.count({ where: { organizationId: orgId } })).toBe(7);
    // MKT-402's per-network rows of the seeded week sum to its organisation rows (the Analytics page reads them).
    const week = await t.db.dailyAnalytics.findMany({ where: { organizationId: orgId }, select: { day: true, impressions: true, adSpendMinor: true, leadsNew: true } });
    for (const d of week) {
      const s = await t.db.dailyAnalyticsSlice.aggregate({ where: { organizationId: orgId, day: d.day }, _sum: { impressions: true, adSpendMinor: true, leadsNew: true } });
      expect({ impressions: s._sum.impressions ?? 0, adSpendMinor: s._sum.adSpendMinor ?? 0, leadsNew: s._sum.leadsNew ?? 0 }).toEqual({ impressions: d.impressions, adSpendMinor: d.adSpendMinor, leadsNew: d.leadsNew });
    }
    // The inbox KPI windows are INB-003's own computation over the seeded messages and comments: a recompute changes nothing.
    expect(await t.db.kpiWindow.count({ where: { organizationId: orgId } })).toBeGreaterThan(12);
    expect(await recomputeKpiWindows({ organizationId: orgId, now: NOW })).toMatchObject({ written: 0, deleted: 0 });
  });

  it("is a no-op the second time", async () => {
    const before = await tableCounts(t.url);
    const org = await t.db.organization.findUniqueOrThrow({ where: { id: orgId } });
    const again = await seedDemo(t.db, { now: new Date(NOW.getTime() + 3 * 86_400_000) });
    expect(again).toEqual({ created: false, organizationId: orgId });
    expect(await tableCounts(t.url)).toEqual(before);
    expect((await t.db.organization.findUniqueOrThrow({ where: { id: orgId } })).updatedAt).toEqual(org.updatedAt);
  });

  it("keeps its past in the past at any time of day, across DST changes", async () => {
    const past = [
      "createdAt",
      "occurredAt",
      "capturedAt",
      "postedAt",
      "sentAt",
      "receivedAt",
      "startedAt",
      "finishedAt",
      "decidedAt",
      "appliedAt",
      "detectedAt",
      "consumedAt",
      "usedAt",
      "readAt",
      "lastReminderAt",
      "processedAt",
      "approvedAt",
      "firstPublishedAt",
      "launchedAt",
      "scoredAt",
      "convertedAt",
      "computedAt",
      "generatedAt",
      "lastMessageAt",
      "lastInboundAt",
      "firstSeenAt",
      "lastSeenAt",
      "firstContactedAt",
      "lastContactedAt",
      "deliveredAt",
      "completedAt",
      "cancelledAt",
      "repliedAt",
      "lastExecutedAt",
      "deployedAt",
      "changedAt",
      "lastCommentCheckAt",
      "metricsCollectedAt",
      "lastCheckedAt",
      "windowEnd",
      "weekEnd",
      "periodEnd",
      "day",
    ];
    const other = await createTestDatabase({ install: false });
    const c = new pg.Client({ connectionString: other.url });
    await c.connect();
    try {
      const cols = await c.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type LIKE 'timestamp%' AND column_name = ANY($1)`,
        [past],
      );
      // 00:10 on a Monday in Paris, the spring and autumn DST Sundays, New Year's Day at noon.
      for (const iso of ["2026-11-22T23:10:00Z", "2026-03-29T01:30:00Z", "2026-10-25T00:30:00Z", "2027-01-01T11:00:00Z"]) {
        const now = new Date(iso);
        const res = await seedDemo(other.db, { now });
        expect(res.created, iso).toBe(true);
        const late: string[] = [];
        for (const { table_name, column_name } of cols.rows) {
          const r = await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table_name}" WHERE "${column_name}" > $1`, [now]);
          if (Number(r.rows[0].n) > 0 && !(table_name === "agent_templates" || table_name === "users")) late.push(`${table_name}.${column_name}`);
        }
        expect(late, iso).toEqual([]);
        const scheduled = await other.db.publication.findMany({ where: { status: "SCHEDULED" }, select: { scheduledAt: true } });
        expect(
          scheduled.every((p) => p.scheduledAt > now),
          iso,
        ).toBe(true);
        await other.db.organization.delete({ where: { id: res.organizationId } });
      }
    } finally {
      await c.end();
      await other.cleanup();
    }
  }, 150_000);

  it("is deterministic for a given now, and concurrent runs create the organisation once", async () => {
    const other = await createTestDatabase({ install: false });
    try {
      const results = await Promise.all([seedDemo(other.db, { now: NOW }), seedDemo(other.db, { now: NOW })]);
      expect(results.map((r) => r.created).sort()).toEqual([false, true]);
      expect(await other.db.organization.count({ where: { slug: "demo" } })).toBe(1);
      expect(await fingerprint(other.db)).toBe(await fingerprint(t.db));
      expect(await tableCounts(other.url)).toEqual(await tableCounts(t.url));
    } finally {
      await other.cleanup();
    }
  });
});
