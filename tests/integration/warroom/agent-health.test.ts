import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedAccount, seedOrg } from "@/tests/integration/approvals/support";

/**
 * Issue 14, health: seed 000 §8.1's six metrics over a hand-made history, each value and status
 * computed by hand below; an organisation with nothing yet reads "unknown", not zero; another
 * organisation's rows never count.
 */
let t: TestDatabase;
let health: typeof import("@/lib/warroom/health/agent-health");
let route: typeof import("@/app/api/orgs/[org]/war-room/health/route");
const H = 3_600_000;
const now = new Date("2026-12-04T12:00:00Z");
const ago = (hours: number) => new Date(now.getTime() - hours * H);

beforeAll(async () => {
  t = await createTestDatabase();
  health = await import("@/lib/warroom/health/agent-health");
  route = await import("@/app/api/orgs/[org]/war-room/health/route");
}, 60_000);
afterAll(async () => t?.cleanup());

async function history(o: Awaited<ReturnType<typeof seedOrg>>) {
  const account = await seedAccount(t.db, o, "LINKEDIN");
  let n = 0;
  // Agent 1: three ideas whose post became a signal 10 h, 30 h and 50 h later (median 30 h: warning).
  const signals: { id: string; detectedAt: Date }[] = [];
  for (const [created, detected] of [[100, 90], [130, 100], [200, 150]] as const) {
    const input = await t.db.contentInput.create({ data: { organizationId: o.orgId, brandId: o.brandId, type: "TEXT", rawContent: `idée ${++n}`, createdAt: ago(created) } });
    const master = await t.db.contentPiece.create({ data: { organizationId: o.orgId, brandId: o.brandId, inputId: input.id, status: "PUBLISHED", body: `maître ${n}` } });
    const variant = await t.db.contentPiece.create({ data: { organizationId: o.orgId, brandId: o.brandId, parentId: master.id, platform: "LINKEDIN", status: "PUBLISHED", body: `variante ${n}` } });
    const pub = await t.db.publication.create({ data: { organizationId: o.orgId, brandId: o.brandId, contentPieceId: variant.id, socialAccountId: account.id, platform: "LINKEDIN", status: "POSTED", scheduledAt: ago(created - 5), postedAt: ago(created - 5), idempotencyKey: `h-${o.orgId}-${n}` } });
    signals.push(await t.db.contentSignal.create({ data: { organizationId: o.orgId, brandId: o.brandId, contentPieceId: variant.id, publicationId: pub.id, strength: 2, engagementRate: 8, meanRate: 3, stdDevRate: 2, threshold: 6, sampleSize: 20, detectedAt: ago(detected) } }));
  }
  // Agent 2: one campaign launched 20 h after its signal (ok).
  const adAccount = await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform: "META_ADS", externalId: `act_${o.orgId}`, name: "Ads", isSandbox: true, status: "ACTIVE" } });
  await t.db.adCampaign.create({ data: { organizationId: o.orgId, brandId: o.brandId, adAccountId: adAccount.id, platform: "META_ADS", name: "Relance", status: "ACTIVE", contentSignalId: signals[0]!.id, launchedAt: new Date(signals[0]!.detectedAt.getTime() + 20 * H) } });
  // Agent 3: leads first contacted after 0.5 h, 3 h and 7 h (median 3 h: warning); one never contacted, one only with a failed send.
  for (const [i, hours] of [0.5, 3, 7, null, -1].entries()) {
    const lead = await t.db.lead.create({ data: { organizationId: o.orgId, brandId: o.brandId, firstName: `P${i}`, email: `p${i}-${o.orgId}@example.fr`, emailNormalized: `p${i}-${o.orgId}@example.fr`, createdAt: ago(48) } });
    // AI qualification: the model scored 3 leads of 5, the rules 2 (60 %: warning).
    await t.db.leadScore.create({ data: { organizationId: o.orgId, leadId: lead.id, score: 60, tier: "WARM", model: i < 3 ? "claude" : null, scoredAt: ago(47) } });
    if (hours === null) continue;
    await t.db.leadInteraction.create({ data: { organizationId: o.orgId, leadId: lead.id, channel: "EMAIL", direction: "OUTBOUND", status: hours < 0 ? "FAILED" : "SENT", body: "Bonjour", occurredAt: new Date(ago(48).getTime() + Math.abs(hours) * H), sentAt: hours < 0 ? null : new Date(ago(48).getTime() + hours * H) } });
  }
  // Unconsumed messages: 6 older than 5 minutes (warning), 1 just sent, 2 consumed.
  for (let i = 0; i < 9; i++)
    await t.db.agentMessage.create({ data: { organizationId: o.orgId, channel: "signal/content.detected", eventId: `e-${o.orgId}-${i}`, producer: "mkt-109", consumer: "mkt-202", payload: {}, createdAt: i === 6 ? ago(0.01) : ago(3), consumedAt: i >= 7 ? ago(2) : null } });
  // Publishing, last 24 h: 17 posted (the 3 above are older), 3 failed -> 15 % (critical).
  const piece = await t.db.contentPiece.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform: "LINKEDIN", status: "PUBLISHED", body: "x" } });
  for (let i = 0; i < 20; i++)
    await t.db.publication.create({ data: { organizationId: o.orgId, brandId: o.brandId, contentPieceId: piece.id, socialAccountId: account.id, platform: "LINKEDIN", status: i < 3 ? "FAILED" : "POSTED", scheduledAt: ago(1 + i), idempotencyKey: `d-${o.orgId}-${i}` } });
}

describe("agent health (seed 000 §8.1)", () => {
  it("computes the six metrics and their statuses from a hand-made history", async () => {
    const o = await seedOrg(t.db);
    await history(o);
    await history(await seedOrg(t.db)); // another organisation: must not count
    const r = await health.getAgentHealth({ organizationId: o.orgId, now });
    const m = Object.fromEntries(r.metrics.map((x) => [x.key, x]));
    expect(m.contentInputToSignal).toMatchObject({ value: 30, sample: 3, status: "warning" });
    expect(m.signalToLaunch).toMatchObject({ value: 20, sample: 1, status: "ok" });
    expect(m.leadToFirstContact).toMatchObject({ value: 3, sample: 3, status: "warning" });
    expect(m.unconsumedMessages).toMatchObject({ value: 6, status: "warning" });
    expect(m.publishFailureRate).toMatchObject({ value: 15, sample: 20, status: "critical" });
    expect(m.aiQualificationRate).toMatchObject({ value: 60, sample: 5, status: "warning", higherIsBetter: true });
  });

  it("an organisation with no history reads unknown (not zero), except the counts; through the route with an API key", async () => {
    const o = await seedOrg(t.db);
    const key = (await createApiKey({ organizationId: o.orgId, name: "read", scopes: ["read"] })).key;
    const res = await route.GET(new Request(`http://app.test/api/orgs/${o.slug}/war-room/health`, { headers: { "x-api-key": key } }), { params: Promise.resolve({ org: o.slug }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { metrics: { key: string; value: number | null; status: string }[] };
    expect(body.metrics.map((x) => [x.key, x.value, x.status])).toEqual([
      ["contentInputToSignal", null, "unknown"],
      ["signalToLaunch", null, "unknown"],
      ["leadToFirstContact", null, "unknown"],
      ["unconsumedMessages", 0, "ok"],
      ["publishFailureRate", null, "unknown"],
      ["aiQualificationRate", null, "unknown"],
    ]);
  });

  it("thresholds: a rate that should be high turns critical below 50 %, a delay beyond its critical bound", () => {
    expect(health.statusOf("aiQualificationRate", 49.9)).toBe("critical");
    expect(health.statusOf("aiQualificationRate", 80)).toBe("ok");
    expect(health.statusOf("leadToFirstContact", 6.1)).toBe("critical");
    expect(health.statusOf("unconsumedMessages", 0)).toBe("ok");
  });
});
