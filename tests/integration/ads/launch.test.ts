import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptAccountToken } from "@/lib/crypto/account-secrets";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createMetaFake, META_CLIENT, metaErrors, type MetaFake } from "@/tests/fakes/meta";
import { createSlackFake } from "@/tests/fakes/slack";
import { recordingRuntime, setEnv } from "@/tests/contract/harness";
import { startEventServer, stopEventServer } from "@/tests/integration/approvals/support";
import type { AppServer } from "@/tests/integration/runtime/harness";
import { seedAmplifiable } from "./support";

/**
 * MKT-204 against the Meta Marketing API fake (the real connector, one object per call): the launch
 * step's own approval and cap checks; a failure injected at the third object leaves what exists
 * paused and listed; the retry completes with no duplicate remote objects.
 */
let t: TestDatabase;
let fake: MetaFake;
let dataDir: string;
let server: AppServer;

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "me-launch-"));
  fake = createMetaFake();
  await fake.server.start();
  setEnv({ DATA_DIR: dataDir, META_APP_ID: META_CLIENT.clientId, META_APP_SECRET: META_CLIENT.clientSecret, PLATFORM_BASE_URLS: JSON.stringify({ meta: fake.server.url }) });
  server = await startEventServer();
}, 60_000);
afterAll(async () => {
  await stopEventServer(server);
  await fake?.server.stop();
  await t?.cleanup();
  await rm(dataDir, { recursive: true, force: true });
  setEnv({ DATA_DIR: undefined, META_APP_ID: undefined, META_APP_SECRET: undefined, PLATFORM_BASE_URLS: undefined });
});

/** An approved one-ad-set campaign on a real (faked) Meta ad account act_555. */
async function approvedCampaign(opts: { sandbox?: boolean } = {}) {
  const s = await seedAmplifiable(t.db, opts.sandbox ? { adAccountMetadata: { sandbox: { errorRate: 0 } } } : {});
  const { userToken } = fake.consent();
  if (!opts.sandbox) await t.db.socialAccount.update({
    where: { id: s.adAccountId },
    data: { isSandbox: false, externalId: "act_555", accessTokenEnc: encryptAccountToken(s.orgId, s.adAccountId, "accessToken", userToken), refreshTokenEnc: encryptAccountToken(s.orgId, s.adAccountId, "refreshToken", userToken), tokenExpiresAt: new Date(Date.now() + 3600_000) },
  });
  const { proposeCampaign } = await import("@/lib/ads/propose-campaign");
  const { requestCampaignApproval } = await import("@/lib/ads/request-campaign-approval");
  const { decideApproval } = await import("@/lib/approvals/decide-approval");
  const p = await proposeCampaign({ organizationId: s.orgId, contentPieceId: s.pieceId, signalId: s.signalId, key: `launch-${s.signalId}` });
  // One ad set, so the third object is the first image upload (campaign, ad set, image).
  const sets = await t.db.adSet.findMany({ where: { campaignId: p.campaignId }, orderBy: { id: "asc" } });
  await t.db.adSet.deleteMany({ where: { id: { in: sets.slice(1).map((x) => x.id) } } });
  const r = await requestCampaignApproval({ organizationId: s.orgId, campaignId: p.campaignId });
  return { s, campaignId: p.campaignId, requestId: r.approvalRequestId, decide: () => decideApproval({ organizationId: s.orgId, approvalRequestId: r.approvalRequestId, decision: "APPROVE", decidedById: s.ownerId, channel: "IN_APP" }) };
}

const remoteOfKind = (kind: string) => [...fake.objects.values()].filter((o) => o.kind === kind);

describe("MKT-204 launch on the Meta fake", () => {
  it("refuses without a human approval of the current revision, and above a cap", async () => {
    const { launchCampaign } = await import("@/lib/ads/launch-campaign");
    const h = recordingRuntime();
    const c = await approvedCampaign();
    const before = fake.objects.size;
    await expect(launchCampaign({ organizationId: c.s.orgId, campaignId: c.campaignId, registry: h.registry, refreshDeps: h.deps() })).rejects.toMatchObject({ key: "ads.notApproved" });
    // An APPROVED request whose yes did not come from a human session (written around the gate) does not launch either.
    await t.db.approvalRequest.update({ where: { id: c.requestId }, data: { status: "APPROVED" } });
    await t.db.approvalDecision.create({ data: { organizationId: c.s.orgId, requestId: c.requestId, decision: "APPROVE", channel: "API" } });
    await t.db.adCampaign.update({ where: { id: c.campaignId }, data: { status: "APPROVED" } });
    await expect(launchCampaign({ organizationId: c.s.orgId, campaignId: c.campaignId, registry: h.registry, refreshDeps: h.deps() })).rejects.toMatchObject({ key: "ads.notApproved" });
    // A human yes, then the caps are lowered before the launch: refused naming the cap.
    await t.db.approvalDecision.updateMany({ where: { requestId: c.requestId }, data: { channel: "IN_APP", decidedById: c.s.ownerId } });
    await t.db.adSettings.create({ data: { organizationId: c.s.orgId, campaignCapMinor: 100 } });
    await expect(launchCampaign({ organizationId: c.s.orgId, campaignId: c.campaignId, registry: h.registry, refreshDeps: h.deps() })).rejects.toThrow(/per-campaign cap/);
    expect(fake.objects.size).toBe(before); // nothing was created on the network
  });

  it("failure at the third object: campaign + ad set exist, paused and listed; the retry completes without duplicates", async () => {
    const { launchCampaign } = await import("@/lib/ads/launch-campaign");
    const h = recordingRuntime();
    const c = await approvedCampaign();
    await c.decide();
    const creatives = await t.db.adCreative.count({ where: { campaignId: c.campaignId } });
    expect(creatives).toBe(3);
    const base = { campaigns: remoteOfKind("campaigns").length, adsets: remoteOfKind("adsets").length, adcreatives: remoteOfKind("adcreatives").length, ads: remoteOfKind("ads").length };

    fake.server.inject(/adimages/, metaErrors.validation("(#100) Invalid image: file is corrupt"));
    const first = await launchCampaign({ organizationId: c.s.orgId, campaignId: c.campaignId, registry: h.registry, refreshDeps: h.deps() });
    expect(first.status).toBe("FAILED");
    expect(first.report.exists.map((o) => [o.kind, o.status])).toEqual([
      ["campaign", "PAUSED"],
      ["adset", "PAUSED"],
    ]);
    expect(first.report.failed).toMatchObject({ kind: "image", error: expect.stringContaining("Invalid image") });
    const row = await t.db.adCampaign.findUniqueOrThrow({ where: { id: c.campaignId }, include: { adSets: true } });
    expect(row.status).toBe("FAILED");
    expect(row.externalId).toBe(first.report.exists[0]!.remoteId);
    expect(row.adSets[0]!.externalId).toBe(first.report.exists[1]!.remoteId);
    expect(fake.objects.get(row.externalId!)!.status).toBe("PAUSED");
    expect(fake.objects.get(row.adSets[0]!.externalId!)!.status).toBe("PAUSED");
    expect(remoteOfKind("campaigns").length - base.campaigns).toBe(1);
    expect(remoteOfKind("adsets").length - base.adsets).toBe(1);
    expect(remoteOfKind("ads").length - base.ads).toBe(0);

    const retry = await launchCampaign({ organizationId: c.s.orgId, campaignId: c.campaignId, registry: h.registry, refreshDeps: h.deps() });
    expect(retry.status).toBe("ACTIVE");
    expect(retry.report.attempt).toBe(2);
    // Exactly one campaign, one ad set, three creatives and three ads on the network: nothing twice.
    expect(remoteOfKind("campaigns").length - base.campaigns).toBe(1);
    expect(remoteOfKind("adsets").length - base.adsets).toBe(1);
    expect(remoteOfKind("adcreatives").length - base.adcreatives).toBe(3);
    expect(remoteOfKind("ads").length - base.ads).toBe(3);
    expect(fake.server.callsTo(/act_555\/campaigns/, "POST").length).toBe(base.campaigns + 1);
    const done = await t.db.adCampaign.findUniqueOrThrow({ where: { id: c.campaignId }, include: { creatives: true } });
    expect(done).toMatchObject({ status: "ACTIVE", externalId: row.externalId });
    expect(done.creatives.every((x) => x.externalId && x.externalCreativeId && x.externalImageId && x.status === "ACTIVE")).toBe(true);
    expect(fake.objects.get(done.externalId!)!.status).toBe("ACTIVE");
    for (const cr of done.creatives) expect(fake.objects.get(cr.externalId!)!.status).toBe("ACTIVE");
  });

  it("sandbox network: a launch killed between an object's creation and its stored remote id does not create it twice on the retry (issue 18)", async () => {
    const { launchCampaign } = await import("@/lib/ads/launch-campaign");
    const c = await approvedCampaign({ sandbox: true });
    await c.decide();
    // The "kill": storing the campaign's remote id fails once, after the network created it.
    await t.db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_kill_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'killed after the platform call'; END $$`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER test_kill_once BEFORE UPDATE ON ad_campaigns FOR EACH ROW WHEN (OLD."externalId" IS NULL AND NEW."externalId" IS NOT NULL AND NEW.id = '${c.campaignId}') EXECUTE FUNCTION test_kill_once()`);
    try {
      await launchCampaign({ organizationId: c.s.orgId, campaignId: c.campaignId }).catch(() => undefined);
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER test_kill_once ON ad_campaigns`);
    }
    expect(await t.db.sandboxRecord.count({ where: { accountId: c.s.adAccountId, kind: "campaign" } })).toBe(1);
    expect((await t.db.adCampaign.findUniqueOrThrow({ where: { id: c.campaignId } })).externalId).toBeNull();
    const done = await launchCampaign({ organizationId: c.s.orgId, campaignId: c.campaignId });
    expect(done.status).toBe("ACTIVE");
    const objects = await t.db.sandboxRecord.findMany({ where: { accountId: c.s.adAccountId, kind: { in: ["campaign", "adset", "ad"] } }, select: { kind: true, externalId: true } });
    expect(objects.filter((o) => o.kind === "campaign").map((o) => o.externalId)).toEqual([(await t.db.adCampaign.findUniqueOrThrow({ where: { id: c.campaignId } })).externalId]);
    expect(objects.map((o) => `${o.kind}:${o.externalId}`).sort()).toEqual(done.report.exists.filter((x) => x.kind !== "image" && x.kind !== "creative").map((x) => `${x.kind}:${x.remoteId}`).sort());
  });
  it("a launch replayed after ACTIVE committed still tells owners and admins, once; the alert failing is not a failed launch", async () => {
    const { launchCampaign } = await import("@/lib/ads/launch-campaign");
    const c = await approvedCampaign({ sandbox: true });
    await c.decide();
    // The step fails after ACTIVE committed: writing the "launched" alert fails once (as a crash before it would).
    await t.db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_fail_alert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'alert failed'; END $$`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER test_fail_alert BEFORE INSERT ON notifications FOR EACH ROW WHEN (NEW."organizationId" = '${c.s.orgId}' AND NEW.type = 'ads.launched') EXECUTE FUNCTION test_fail_alert()`);
    try {
      await launchCampaign({ organizationId: c.s.orgId, campaignId: c.campaignId }).catch(() => undefined);
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER test_fail_alert ON notifications`);
    }
    // Launched, not paused and marked FAILED because the alert could not be written.
    expect((await t.db.adCampaign.findUniqueOrThrow({ where: { id: c.campaignId } })).status).toBe("ACTIVE");
    expect(await t.db.notification.count({ where: { organizationId: c.s.orgId, type: { in: ["ads.launched", "ads.launchFailed"] } } })).toBe(0);
    // The step's retry (and any later replay) answers ACTIVE and announces it, once per person.
    for (let i = 0; i < 2; i++) expect((await launchCampaign({ organizationId: c.s.orgId, campaignId: c.campaignId })).status).toBe("ACTIVE");
    const alerts = await t.db.notification.findMany({ where: { organizationId: c.s.orgId, type: { in: ["ads.launched", "ads.launchFailed"] } } });
    const audience = await t.db.membership.findMany({ where: { organizationId: c.s.orgId, role: { in: ["OWNER", "ADMIN"] } }, select: { userId: true } });
    expect(alerts.map((a) => [a.type, a.userId]).sort()).toEqual(audience.map((m) => ["ads.launched", m.userId]).sort());
    expect(alerts.every((a) => a.dedupeKey?.startsWith(`campaign-launched:${c.campaignId}:r`))).toBe(true);
  });

  it("the launch step retried after its FAILED committed and its alert failed gets that failure back: one \"launch failed\" alert; a person's retry is a new attempt, announced", async () => {
    const { launchCampaign } = await import("@/lib/ads/launch-campaign");
    const h = recordingRuntime();
    const c = await approvedCampaign();
    await c.decide();
    const slack = createSlackFake({ token: "xoxb-launch-test" });
    await slack.server.start();
    setEnv({ SLACK_BOT_TOKEN: "xoxb-launch-test", SLACK_API_BASE_URL: `${slack.server.url}/api`, SLACK_DEFAULT_CHANNEL: "#marketing" });
    const audience = await t.db.membership.findMany({ where: { organizationId: c.s.orgId, role: { in: ["OWNER", "ADMIN"] } }, select: { userId: true } });
    const failedAlerts = () => t.db.notification.findMany({ where: { organizationId: c.s.orgId, type: "ads.launchFailed" }, select: { userId: true, dedupeKey: true } });
    const launch = (runKey: string) => launchCampaign({ organizationId: c.s.orgId, campaignId: c.campaignId, runKey, registry: h.registry, refreshDeps: h.deps() });
    try {
      // The network refuses the image on both attempts of this test (the first run's, the person's retry).
      fake.server.inject(/adimages/, metaErrors.validation("(#100) Invalid image: file is corrupt"), 2);
      // The alert fails after FAILED committed and after its rows and Slack copy went out: recording the Slack outcome on its rows fails once.
      await t.db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_fail_alert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'alert failed'; END $$`);
      await t.db.$executeRawUnsafe(`CREATE TRIGGER test_fail_alert BEFORE UPDATE ON notifications FOR EACH ROW WHEN (NEW."organizationId" = '${c.s.orgId}' AND NEW.type = 'ads.launchFailed') EXECUTE FUNCTION test_fail_alert()`);
      try {
        await expect(launch("run-a:launch")).rejects.toThrow(/alert failed/);
      } finally {
        await t.db.$executeRawUnsafe(`DROP TRIGGER test_fail_alert ON notifications`);
      }
      expect((await t.db.adCampaign.findUniqueOrThrow({ where: { id: c.campaignId } })).status).toBe("FAILED");
      expect(slack.messages).toHaveLength(1);
      const images = fake.server.callsTo(/adimages/, "POST").length;

      // The step's retry (and a replay after it): the stored failure, not a new attempt; no second alert anywhere.
      const replay = await launch("run-a:launch");
      expect(slack.messages).toHaveLength(1);
      expect((await failedAlerts()).map((a) => [a.userId, a.dedupeKey]).sort()).toEqual(audience.map((m) => [m.userId, `campaign-launch-failed:${c.campaignId}:1:${m.userId}`]).sort());
      expect(await launch("run-a:launch")).toEqual(replay);
      expect(replay).toMatchObject({ status: "FAILED", report: { attempt: 1, runKey: "run-a:launch", failed: { kind: "image", error: expect.stringContaining("Invalid image") } } });
      expect(fake.server.callsTo(/adimages/, "POST").length).toBe(images);
      expect(slack.messages).toHaveLength(1);
      expect(await failedAlerts()).toHaveLength(audience.length);

      // "Retry" by a person is another run: a new attempt, whose failure is announced.
      const retry = await launch("run-b:launch");
      expect(retry).toMatchObject({ status: "FAILED", report: { attempt: 2, runKey: "run-b:launch" } });
      expect(slack.messages).toHaveLength(2);
      expect(await failedAlerts()).toHaveLength(audience.length * 2);
    } finally {
      setEnv({ SLACK_BOT_TOKEN: undefined, SLACK_API_BASE_URL: undefined, SLACK_DEFAULT_CHANNEL: undefined });
      await slack.server.stop();
    }
  });
});
