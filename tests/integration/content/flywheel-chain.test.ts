import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "inngest/next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { expectNoUnapprovedPublications } from "@/tests/helpers/approved-publications";
import { resetClock, setClockTo } from "@/lib/runtime/clock";
import { Executor } from "@/lib/runtime/executor";
import { createRegistry } from "@/lib/connectors/registry";
import { defaultRuntime } from "@/lib/connectors/http";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { ended, FAST, quietLogger, until, type AppServer } from "@/tests/integration/runtime/harness";
import { eventsNamed, seedAccount, seedOrg, startEventServer, stopEventServer } from "@/tests/integration/approvals/support";

/**
 * Issue 5's whole chain on the sandbox network with the offline AI provider, through the embedded
 * executor and the real serve() handler: a webhook idea -> MKT-101 ingest -> 102 research -> 103 pieces
 * -> 104 approval decided by an event -> 106 variants -> 107 publications posted exactly once -> 108
 * metrics -> 109 a signal for the outperforming post -> signal/content.detected emitted.
 *
 * Two stand-ins for time passing, both real code paths: publications are rescheduled to "now" (what
 * the calendar does), and the sandbox network is asked for metrics as a day after posting (its clock
 * is the registry's injectable `now`). MKT-108 runs as its lib call with that registry; MKT-109 runs
 * as the cron function, fired by moving the executor's clock to its next tick.
 */
let t: TestDatabase;
let server: AppServer;
let executor: Executor;
let dataDir: string;

const UNSERVED = new Set(["mkt-108-collect-metrics", "mkt-105-approval-reminders", "mkt-107-sweep", "mkt-107-expand-recurrences", "mkt-101-daily-pickup", "sys-002-runtime-retention", "sys-005-assistant-retention"]);

beforeAll(async () => {
  resetClock();
  t = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "me-chain-"));
  server = await startEventServer();
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
  const { inngest } = await import("@/inngest/client");
  const { functions } = await import("@/inngest/index");
  server.setHandlers(serve({ client: inngest, functions: functions.filter((f) => !UNSERVED.has(f.id())) }) as never);
  executor = new Executor({ databaseUrl: t.url, serveUrl: server.serveUrl, awaitSync: true, logger: quietLogger, ...FAST });
  await executor.start();
}, 120_000);

afterAll(async () => {
  resetClock();
  await executor?.stop(2_000);
  if (t) await expectNoUnapprovedPublications(t.db);
  await stopEventServer(server);
  await t?.cleanup();
  await rm(dataDir, { recursive: true, force: true });
  delete process.env.DATA_DIR;
  resetEnvCache();
});

/**
 * Ten earlier LinkedIn posts of the brand with a low engagement rate: the baseline of MKT-109. Ten, so
 * that even two new LinkedIn posts (the LinkedIn piece and the X piece's LinkedIn variant) with equal
 * rates both clear mean + 1.5 sigma (with four, two equal newcomers would not).
 */
async function seedBaseline(o: { orgId: string; brandId: string }, accountId: string): Promise<void> {
  const postedAt = new Date(Date.now() - 3 * 86_400_000);
  for (let i = 0; i < 10; i++) {
    const piece = await t.db.contentPiece.create({
      data: { organizationId: o.orgId, brandId: o.brandId, platform: "LINKEDIN", status: "PUBLISHED", body: `Publication de référence ${i}`, approvedAt: postedAt },
    });
    // Posted earlier, from a version a person approved (issue 9).
    const revision = await t.db.contentRevision.create({
      data: { organizationId: o.orgId, contentPieceId: piece.id, platform: "LINKEDIN", number: 1, text: piece.body, scheduledAt: postedAt, approvedAt: new Date(postedAt.getTime() - 3_600_000), approvedVia: "IN_APP", createdAt: new Date(postedAt.getTime() - 3_600_000) },
    });
    const pub = await t.db.publication.create({
      data: {
        organizationId: o.orgId,
        brandId: o.brandId,
        contentPieceId: piece.id,
        revisionId: revision.id,
        socialAccountId: accountId,
        platform: "LINKEDIN",
        status: "POSTED",
        scheduledAt: postedAt,
        postedAt,
        platformPostId: `baseline-${i}`,
        idempotencyKey: `baseline-${o.orgId}-${i}`,
      },
    });
    await t.db.contentMetricSnapshot.create({
      data: { organizationId: o.orgId, publicationId: pub.id, contentPieceId: piece.id, platform: "LINKEDIN", capturedAt: new Date(Date.now() - 3_600_000), impressions: 10_000, reach: 7_000, engagements: 10 + i, likes: 10 + i, engagementRate: 0.1 + i * 0.001, engagementScore: 10 + i },
    });
  }
}

describe("Content Flywheel, end to end on the sandbox", () => {
  it("input -> research -> pieces -> approval -> variants -> posted once -> metrics -> signal event", { timeout: 240_000 }, async () => {
    const o = await seedOrg(t.db);
    const linkedin = await seedAccount(t.db, o, "LINKEDIN");
    await seedAccount(t.db, o, "X");
    await seedBaseline(o, linkedin.id);
    const { key } = await createApiKey({ organizationId: o.orgId, name: "chain" });

    // MKT-101: the webhook stores the idea and starts the pipeline.
    const { POST } = await import("@/app/api/webhooks/ideas/route");
    const res = await POST(
      new Request("http://localhost/api/webhooks/ideas", {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key },
        body: JSON.stringify({ type: "text", text: "Nos artisanes de Ségou teignent chaque pièce de bogolan en huit semaines : racontons leur savoir-faire aux hôteliers." }),
      }),
      { params: Promise.resolve({}) } as never,
    );
    expect(res.status).toBe(202);
    const { input } = (await res.json()) as { input: { id: string } };

    // MKT-102/103: pieces for review; MKT-104: one pending approval per piece, its decision awaited.
    const pieces = await until(
      "generated pieces",
      async () => {
        const rows = await t.db.contentPiece.findMany({ where: { inputId: input.id } });
        return rows.length > 0 && rows.every((r) => r.status === "REVIEW") ? rows : undefined;
      },
      90_000,
    );
    expect(new Set(pieces.map((p) => p.platform))).toEqual(new Set(["LINKEDIN", "X"]));
    const requests = await until(
      "approval requests with registered waits",
      async () => {
        const rs = await t.db.approvalRequest.findMany({ where: { organizationId: o.orgId, status: "PENDING", contentPieceId: { in: pieces.map((p) => p.id) } } });
        if (rs.length !== pieces.length) return undefined;
        const waits = await t.db.runtimeWait.count({ where: { eventName: "approval/decided" } });
        return waits >= rs.length ? rs : undefined;
      },
      60_000,
    );

    // A human approves (the queue's call); the waiting runs resume.
    const { decideApproval } = await import("@/lib/approvals/decide-approval");
    for (const r of requests) await decideApproval({ organizationId: o.orgId, approvalRequestId: r.id, decision: "APPROVE", decidedById: o.editorId, channel: "IN_APP" });
    await ended(t.db, "marketing-engine-mkt-104-await-decision", requests.length, 60_000);
    for (const p of pieces) expect((await t.db.contentPiece.findUniqueOrThrow({ where: { id: p.id } })).status).toBe("APPROVED");

    // MKT-106: variants keep parentId; publications are scheduled.
    await ended(t.db, "marketing-engine-mkt-106-adapt-content", pieces.length, 60_000);
    const variants = await t.db.contentPiece.findMany({ where: { parentId: { in: pieces.map((p) => p.id) } } });
    expect(variants.length).toBeGreaterThan(0);
    const pubs = await t.db.publication.findMany({ where: { organizationId: o.orgId, status: "SCHEDULED" } });
    expect(pubs.length).toBeGreaterThan(0);

    // "Publish now" from the calendar: MKT-107 publishes each exactly once.
    const { reschedulePublication } = await import("@/lib/publishing/reschedule-publication");
    for (const p of pubs) await reschedulePublication({ organizationId: o.orgId, publicationId: p.id, scheduledAt: new Date(Date.now() + 1_000) });
    const posted = await until(
      "all publications posted",
      async () => {
        const rows = await t.db.publication.findMany({ where: { id: { in: pubs.map((p) => p.id) } } });
        return rows.every((r) => r.status === "POSTED") ? rows : undefined;
      },
      120_000,
    );
    for (const p of posted) {
      expect(p.platformPostId).toBeTruthy();
      expect(await t.db.publicationAttempt.count({ where: { publicationId: p.id, status: "SUCCEEDED" } })).toBe(1);
    }
    // The run emits publication/posted in the step after the row turns POSTED.
    const postedEvents = await until(
      "one publication/posted per publication",
      async () => {
        const evs = (await eventsNamed(t.db, "publication/posted")).filter((e) => pubs.some((p) => p.id === e.data.publicationId));
        return evs.length >= pubs.length ? evs : undefined;
      },
      60_000,
    );
    expect(new Set(postedEvents.map((e) => e.data.publicationId)).size).toBe(pubs.length);
    expect(postedEvents).toHaveLength(pubs.length);

    // MKT-108: metrics as the network reports them a day after posting.
    const { collectMetrics } = await import("@/lib/analytics/metrics/collect-metrics");
    const dayLater = createRegistry({ ...defaultRuntime(), now: () => Date.now() + 86_400_000 });
    const collected = await collectMetrics({ organizationId: o.orgId, registry: dayLater });
    expect(collected.publicationIds).toEqual(expect.arrayContaining(posted.map((p) => p.id)));
    const linkedinPosts = posted.filter((p) => p.platform === "LINKEDIN");
    expect(linkedinPosts.length).toBeGreaterThan(0);
    for (const p of linkedinPosts) {
      const snap = await t.db.contentMetricSnapshot.findFirstOrThrow({ where: { publicationId: p.id }, orderBy: { capturedAt: "desc" } });
      expect(snap.impressions).toBeGreaterThan(0);
      expect(snap.engagementRate).toBeGreaterThan(1); // percent; the baseline is 0.1 %
    }

    // MKT-109 on its cron tick: the new LinkedIn post beats mean + 1.5 sigma of the brand's LinkedIn posts.
    const schedule = await t.db.runtimeSchedule.findFirstOrThrow({ where: { functionId: "marketing-engine-mkt-109-detect-signals" } });
    setClockTo(new Date(schedule.nextAt.getTime() + 500));
    const [tick] = await ended(t.db, "marketing-engine-mkt-109-detect-signals", 1, 60_000);
    resetClock();
    expect(tick!.status).toBe("COMPLETED");
    const signals = await t.db.contentSignal.findMany({ where: { organizationId: o.orgId } });
    expect(signals.length).toBeGreaterThan(0);
    for (const signal of signals) {
      expect(linkedinPosts.map((p) => p.id)).toContain(signal.publicationId); // the outperformers, never the baseline
      expect(signal.engagementRate).toBeGreaterThan(signal.threshold);
      expect(signal.aiAnalysis).toBeTruthy();
    }
    const emitted = await eventsNamed(t.db, "signal/content.detected");
    for (const signal of signals) expect(emitted.filter((e) => e.data.signalId === signal.id)).toHaveLength(1);
  });
});
