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

describe("Instagram welcome DM (instagram_welcome_dm) on inbox/message.received", () => {
  it("off does nothing; on sends the owner's text once per contact inside the 24-hour window, audited", async () => {
    const { sendInstagramWelcomeDm } = await import("@/lib/warroom/instagram-welcome-dm");
    const { setAutomation } = await import("@/lib/warroom/automations");
    const { InngestTestEngine } = await import("@inngest/test");
    const { automationInstagramWelcomeDm } = await import("@/inngest/functions/automations/war-room-automations");
    const o = await seedOrg(t.db);
    const ig = await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform: "INSTAGRAM", externalId: "ig-welcome", name: "ig", isSandbox: true } });
    const now = new Date();
    const contact = async (contactId: string, receivedAt: Date, platform: "INSTAGRAM" | "FACEBOOK" = "INSTAGRAM") => {
      const account = platform === "INSTAGRAM" ? ig : await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform, externalId: `fb-${contactId}`, name: "fb", isSandbox: true } });
      const conversation = await t.db.conversation.create({ data: { organizationId: o.orgId, socialAccountId: account.id, platform, externalId: `thread-${contactId}-${receivedAt.getTime()}`, contactExternalId: contactId, lastInboundAt: receivedAt, windowExpiresAt: new Date(receivedAt.getTime() + 24 * HOUR) } });
      const message = await t.db.conversationMessage.create({ data: { organizationId: o.orgId, conversationId: conversation.id, socialAccountId: account.id, externalId: `mid-${contactId}-${receivedAt.getTime()}`, direction: "INBOUND", author: "CONTACT", text: "Bonjour !", sentAt: receivedAt } });
      return { organizationId: o.orgId, conversationId: conversation.id, messageId: message.id, platform, firstContact: true };
    };
    const outbound = () => t.db.conversationMessage.count({ where: { organizationId: o.orgId, direction: "OUTBOUND" } });
    const acted = () => t.db.automationEvent.findMany({ where: { organizationId: o.orgId, kind: "ACTED" } });
    const sandboxMessages = () => t.db.sandboxRecord.findMany({ where: { accountId: ig.id, kind: "message" } });

    const first = await contact("igsid-1", new Date(now.getTime() - 5 * 60_000));
    // Never switched on: nothing at all, even through the workflow.
    expect(await sendInstagramWelcomeDm(first)).toEqual({ sent: false, reason: "off" });
    const engine = new InngestTestEngine({ function: automationInstagramWelcomeDm, events: [{ name: "inbox/message.received", data: first }] });
    expect((await engine.execute()).result).toEqual({ sent: false, reason: "off" });
    expect(await outbound()).toBe(0);
    expect(await acted()).toEqual([]);
    expect(await sandboxMessages()).toEqual([]);

    // The owner's text is required to switch it on (422), then it is on.
    await expect(setAutomation({ organizationId: o.orgId, key: "instagram_welcome_dm", enabled: true, actorUserId: o.ownerId })).rejects.toMatchObject({ code: "validation", key: "warRoom.welcomeTextRequired" });
    const text = "Bienvenue chez Atelier Bogolan ! Dites-nous ce que vous cherchez.";
    await setAutomation({ organizationId: o.orgId, key: "instagram_welcome_dm", enabled: true, settings: { welcomeText: text }, actorUserId: o.ownerId });

    // On: exactly one message, the owner's words, through the connector (the sandbox network received it), audited.
    const sent = await new InngestTestEngine({ function: automationInstagramWelcomeDm, events: [{ name: "inbox/message.received", data: first }] }).execute();
    expect(sent.result).toMatchObject({ sent: true });
    const out = await t.db.conversationMessage.findMany({ where: { organizationId: o.orgId, direction: "OUTBOUND" } });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ conversationId: first.conversationId, author: "SYSTEM", text, status: "SENT", replyToId: first.messageId });
    expect(out[0]!.externalId).toBeTruthy();
    expect((await sandboxMessages()).map((r) => (r.data as { text?: string }).text)).toEqual([text]);
    const audit = await acted();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "welcome_dm.sent", subjectKey: `instagram:${ig.id}:igsid-1`, fromEnabled: true, toEnabled: true });
    expect(audit[0]!.details).toMatchObject({ conversationId: first.conversationId, messageId: out[0]!.id });

    // Once per contact: the same event again, or another first message from the same person, sends nothing more.
    expect(await sendInstagramWelcomeDm(first)).toMatchObject({ sent: true, messageId: out[0]!.id }); // the same run's retry: its own send, not a new one
    const again = await contact("igsid-1", new Date(now.getTime() - 60_000));
    expect(await sendInstagramWelcomeDm({ ...again, conversationId: again.conversationId })).toEqual({ sent: false, reason: "already_welcomed" });
    expect(await outbound()).toBe(1);

    // Outside the 24-hour window, not a first contact, another network: nothing.
    const late = await contact("igsid-2", new Date(now.getTime() - 25 * HOUR));
    expect(await sendInstagramWelcomeDm(late)).toEqual({ sent: false, reason: "outside_window" });
    const contactB = await contact("igsid-3", new Date(now.getTime() - 60_000));
    expect(await sendInstagramWelcomeDm({ ...contactB, firstContact: false })).toEqual({ sent: false, reason: "not_first_instagram_contact" });
    const fb = await contact("psid-4", new Date(now.getTime() - 60_000), "FACEBOOK");
    expect(await sendInstagramWelcomeDm(fb)).toEqual({ sent: false, reason: "not_first_instagram_contact" });
    expect(await outbound()).toBe(1);
    expect(await acted()).toHaveLength(1);

    // Switched off again: a new contact is not welcomed.
    await setAutomation({ organizationId: o.orgId, key: "instagram_welcome_dm", enabled: false, actorUserId: o.ownerId });
    const fresh = await contact("igsid-5", new Date(now.getTime() - 60_000));
    expect(await sendInstagramWelcomeDm(fresh)).toEqual({ sent: false, reason: "off" });
    expect(await outbound()).toBe(1);
    expect(await acted()).toHaveLength(1);
  });
});

describe("Auto-reposter of winners (auto_reposter) on signal/content.detected", () => {
  it("off does nothing; on schedules exactly one repost of the approved version, audited; never an unapproved one", async () => {
    const { autoRepostWinner } = await import("@/lib/warroom/auto-reposter");
    const { setAutomation } = await import("@/lib/warroom/automations");
    const { defaultPublishingDeps } = await import("@/lib/publishing/deps");
    const now = Date.now();
    const sent: { name: string }[] = [];
    const deps = defaultPublishingDeps({ now: () => now, send: async (events) => void sent.push(...(events as { name: string }[])) });
    const o = await seedOrg(t.db);
    const ig = await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform: "INSTAGRAM", externalId: "ig-r", name: "ig", isSandbox: true } });
    // Reposted on Facebook (the owner's target for Instagram winners): a text version needs no video, unlike TikTok's.
    const tt = await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform: "FACEBOOK", externalId: "fb-r", name: "facebook", isSandbox: true } });
    // A master piece with a version per network; the Facebook one approved by a person, the other piece's not.
    const winnerOf = async (approveFacebook: boolean) => {
      const master = await seedPiece(t.db, o, { platform: null });
      const rev = (platform: "INSTAGRAM" | "FACEBOOK", approved: boolean) =>
        t.db.contentRevision.create({ data: { organizationId: o.orgId, contentPieceId: master.id, platform, number: 1, text: `${platform} text`, scheduledAt: new Date(now - 48 * HOUR), ...(approved ? { approvedAt: new Date(now - 47 * HOUR), approvedById: o.ownerId, approvedVia: "IN_APP" } : {}) } });
      const igRev = await rev("INSTAGRAM", true);
      const fbRev = await rev("FACEBOOK", approveFacebook);
      const pub = await t.db.publication.create({ data: { organizationId: o.orgId, brandId: o.brandId, contentPieceId: master.id, revisionId: igRev.id, socialAccountId: ig.id, platform: "INSTAGRAM", status: "POSTED", scheduledAt: new Date(now - 40 * HOUR), postedAt: new Date(now - 40 * HOUR), idempotencyKey: `win-${master.id}` } });
      const signal = await t.db.contentSignal.create({ data: { organizationId: o.orgId, brandId: o.brandId, contentPieceId: master.id, publicationId: pub.id, strength: 2.4, engagementRate: 9, meanRate: 3, stdDevRate: 2.5, threshold: 6.75, sampleSize: 12 } });
      return { master, pub, signal, fbRev };
    };
    const repostsOnFacebook = () => t.db.publication.findMany({ where: { organizationId: o.orgId, socialAccountId: tt.id } });
    const acted = () => t.db.automationEvent.findMany({ where: { organizationId: o.orgId, kind: "ACTED" } });

    const w = await winnerOf(true);
    // Never switched on: nothing.
    expect(await autoRepostWinner({ organizationId: o.orgId, signalId: w.signal.id, publicationId: w.pub.id, deps })).toEqual({ acted: false, reason: "off" });
    expect(await repostsOnFacebook()).toEqual([]);
    expect(await acted()).toEqual([]);
    expect(sent).toEqual([]);

    // On (the owner's settings: Instagram winners to Facebook, 48 h later): one Facebook publication of the approved Facebook version, audited.
    await setAutomation({ organizationId: o.orgId, key: "auto_reposter", enabled: true, settings: { targets: { INSTAGRAM: ["FACEBOOK"] }, delayHours: 48 }, actorUserId: o.ownerId });
    const outcome = await autoRepostWinner({ organizationId: o.orgId, signalId: w.signal.id, publicationId: w.pub.id, deps });
    expect(outcome).toMatchObject({ acted: true, skipped: [] });
    const reposts = await repostsOnFacebook();
    expect(reposts).toHaveLength(1);
    expect(reposts[0]).toMatchObject({ revisionId: w.fbRev.id, status: "SCHEDULED", platform: "FACEBOOK", scheduledAt: new Date(now + 48 * HOUR) });
    expect(reposts[0]!.options).toMatchObject({ repostOf: w.pub.id, automation: "auto_reposter" });
    expect(sent.map((e) => e.name)).toEqual(["publication/scheduled"]);
    const audit = await acted();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "repost.scheduled", subjectKey: `repost:${w.pub.id}` });
    expect((audit[0]!.details as { scheduled: { publicationId: string }[] }).scheduled.map((s) => s.publicationId)).toEqual([reposts[0]!.id]);

    // Once per winner: the same signal again (a re-sent event) schedules nothing more.
    await autoRepostWinner({ organizationId: o.orgId, signalId: w.signal.id, publicationId: w.pub.id, deps });
    expect(await repostsOnFacebook()).toHaveLength(1);
    expect(await acted()).toHaveLength(1);

    // A winner whose Facebook version no person approved: nothing scheduled, said so on its audit line.
    const unapproved = await winnerOf(false);
    expect(await autoRepostWinner({ organizationId: o.orgId, signalId: unapproved.signal.id, publicationId: unapproved.pub.id, deps })).toEqual({ acted: true, scheduled: [], skipped: [{ platform: "FACEBOOK", reason: "no_approved_version" }] });
    expect(await repostsOnFacebook()).toHaveLength(1);
    expect((await acted()).find((a) => a.subjectKey === `repost:${unapproved.pub.id}`)).toMatchObject({ action: "repost.skipped" });

    // Switched off: another winner is not reposted.
    await setAutomation({ organizationId: o.orgId, key: "auto_reposter", enabled: false, actorUserId: o.ownerId });
    const later = await winnerOf(true);
    expect(await autoRepostWinner({ organizationId: o.orgId, signalId: later.signal.id, publicationId: later.pub.id, deps })).toEqual({ acted: false, reason: "off" });
    expect(await repostsOnFacebook()).toHaveLength(1);
    expect(await acted()).toHaveLength(2);
  });
});
