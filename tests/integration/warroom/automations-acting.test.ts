import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedOrg, seedPiece } from "@/tests/integration/approvals/support";

/**
 * Automations enforced where they act (issue 14): the TikTok cadence ramp at MKT-107's check before a
 * TikTok post. Off (never switched, or switched off: audited), a post beyond the ramp is left to go out;
 * on, it is moved to when the ramp allows it (timeline line and events); another network's post or a
 * post within the ramp is never moved.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
});

const HOUR = 3_600_000;

describe("TikTok cadence ramp (tiktok_warmup) at MKT-107", () => {
  it("off does nothing; on moves a post beyond the ramp; switches audited", async () => {
    const { applyTiktokWarmup, warmupLimit } = await import("@/lib/warroom/tiktok-warmup");
    const { setAutomation } = await import("@/lib/warroom/automations");
    const { defaultPublishingDeps } = await import("@/lib/publishing/deps");
    const now = Date.now();
    const sent: { name: string }[] = [];
    const deps = defaultPublishingDeps({ now: () => now, send: async (events) => void sent.push(...(events as { name: string }[])) });
    const o = await seedOrg(t.db);
    // A TikTok account connected 2 days ago (ramp: 1 post in any 24 h) that posted 3 hours ago.
    const account = await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform: "TIKTOK", externalId: "tt-1", name: "tiktok", isSandbox: true, createdAt: new Date(now - 2 * 24 * HOUR) } });
    const ig = await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform: "INSTAGRAM", externalId: "ig-1", name: "ig", isSandbox: true, createdAt: new Date(now - 2 * 24 * HOUR) } });
    const pub = async (acc: { id: string; platform: "TIKTOK" | "INSTAGRAM" }, status: "POSTED" | "SCHEDULED", at: number) => {
      const piece = await seedPiece(t.db, o, { platform: null });
      return t.db.publication.create({ data: { organizationId: o.orgId, brandId: o.brandId, contentPieceId: piece.id, socialAccountId: acc.id, platform: acc.platform, status, scheduledAt: new Date(at), postedAt: status === "POSTED" ? new Date(at) : null, idempotencyKey: `warmup-${piece.id}` } });
    };
    const postedAt = now - 3 * HOUR;
    await pub({ id: account.id, platform: "TIKTOK" }, "POSTED", postedAt);
    await pub({ id: ig.id, platform: "INSTAGRAM" }, "POSTED", postedAt);
    const due = await pub({ id: account.id, platform: "TIKTOK" }, "SCHEDULED", now);
    const igDue = await pub({ id: ig.id, platform: "INSTAGRAM" }, "SCHEDULED", now);
    const scheduledAt = (id: string) => t.db.publication.findUniqueOrThrow({ where: { id } }).then((p) => p.scheduledAt.getTime());

    expect(warmupLimit(2 * 24 * HOUR)).toBe(1);
    expect(warmupLimit(10 * 24 * HOUR)).toBe(2);
    expect(warmupLimit(30 * 24 * HOUR)).toBe(3);

    // Never switched: nothing happens.
    expect(await applyTiktokWarmup({ organizationId: o.orgId, publicationId: due.id, deps })).toBeNull();
    expect(await scheduledAt(due.id)).toBe(now);

    // On: the post is moved to 24 h after the last one; Instagram's is not touched.
    await setAutomation({ organizationId: o.orgId, key: "tiktok_warmup", enabled: true, actorUserId: o.ownerId });
    expect(await applyTiktokWarmup({ organizationId: o.orgId, publicationId: igDue.id, deps })).toBeNull();
    const moved = await applyTiktokWarmup({ organizationId: o.orgId, publicationId: due.id, expectedScheduledAt: new Date(now).toISOString(), deps });
    expect(moved?.getTime()).toBe(postedAt + 24 * HOUR);
    expect(await scheduledAt(due.id)).toBe(postedAt + 24 * HOUR);
    expect(await scheduledAt(igDue.id)).toBe(now);
    expect(sent.map((e) => e.name)).toEqual(["publication/rescheduled", "publication/scheduled"]);
    expect((await t.db.publicationEvent.findMany({ where: { publicationId: due.id } })).map((e) => (e.payload as { _msg?: { key: string } })._msg?.key)).toEqual(["rescheduled"]);
    // The run for the old time steps aside (the row says another time): not moved again.
    expect(await applyTiktokWarmup({ organizationId: o.orgId, publicationId: due.id, expectedScheduledAt: new Date(now).toISOString(), deps })).toBeNull();

    // Off again: a second post due now goes out as scheduled.
    await setAutomation({ organizationId: o.orgId, key: "tiktok_warmup", enabled: false, actorUserId: o.ownerId });
    const second = await pub({ id: account.id, platform: "TIKTOK" }, "SCHEDULED", now);
    expect(await applyTiktokWarmup({ organizationId: o.orgId, publicationId: second.id, deps })).toBeNull();
    expect(await scheduledAt(second.id)).toBe(now);
    expect(sent).toHaveLength(2);

    // Each switch is in the audit trail, in order, with who did it.
    const audit = await t.db.automationEvent.findMany({ where: { organizationId: o.orgId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.fromEnabled, a.toEnabled, a.actorUserId])).toEqual([[false, true, o.ownerId], [true, false, o.ownerId]]);
  });
});
