import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, isAppError } from "@/lib/errors";
import { parseWith } from "@/lib/http";
import { composePostSchema } from "@/lib/content/compose/schemas";
import { expectNoUnapprovedPublications } from "@/tests/helpers/approved-publications";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import type { AppServer } from "@/tests/integration/runtime/harness";
import { eventsNamed, sandboxPosts, seedAccount, seedOrg, startEventServer, stopEventServer, storedImage } from "@/tests/integration/approvals/support";

/**
 * The composer (issue 9): POST /api/orgs/{org}/publications through its schema and use case, on the
 * real database and the sandbox networks. An owner's own text is approved by them and what the network
 * receives is exactly that text; an editor's post waits in the approval queue with no publication;
 * bad input names its field and writes nothing; another organisation's account or medium is 404.
 */
let t: TestDatabase;
let server: AppServer;
let L: typeof import("@/lib/content/compose/compose-post") &
  typeof import("@/lib/publishing/publish-publication") &
  typeof import("@/lib/approvals/decide-approval") &
  typeof import("@/lib/approvals/settle-content-approval") &
  typeof import("@/lib/content/adaptation/schedule-adapted-publications");

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startEventServer();
  L = {
    ...(await import("@/lib/content/compose/compose-post")),
    ...(await import("@/lib/publishing/publish-publication")),
    ...(await import("@/lib/approvals/decide-approval")),
    ...(await import("@/lib/approvals/settle-content-approval")),
    ...(await import("@/lib/content/adaptation/schedule-adapted-publications")),
  };
});
afterAll(async () => {
  if (t) await expectNoUnapprovedPublications(t.db);
  await stopEventServer(server);
  await t?.cleanup();
});

const input = (v: Record<string, unknown>) => parseWith(composePostSchema, v);
const errorOf = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (isAppError(e) ? e : Promise.reject(e)));

const image = (o: { orgId: string; brandId: string }, width: number, height: number) => storedImage(t.db, o, { width, height });

async function counts(orgId: string) {
  const [pieces, revisions, publications, requests] = await Promise.all([
    t.db.contentPiece.count({ where: { organizationId: orgId } }),
    t.db.contentRevision.count({ where: { organizationId: orgId } }),
    t.db.publication.count({ where: { organizationId: orgId } }),
    t.db.approvalRequest.count({ where: { organizationId: orgId } }),
  ]);
  return { pieces, revisions, publications, requests };
}

describe("the composer (POST /api/orgs/{org}/publications)", () => {
  it("an owner publishes now: approved by them (on the timeline), and each sandbox network receives exactly that text", async () => {
    const o = await seedOrg(t.db);
    const li = await seedAccount(t.db, o, "LINKEDIN");
    const x = await seedAccount(t.db, o, "X");
    const photo = await image(o, 1200, 1200);
    const text = "Huit semaines pour un pagne : nos tisserandes de Kayes vous ouvrent leur atelier.\n\n#tissage #faitmain";
    const out = await L.composePost({ organizationId: o.orgId, actor: { kind: "user", userId: o.ownerId, role: "OWNER" }, input: input({ text, accountIds: [li.id, x.id], mediaAssetIds: [photo.id], firstComment: "La suite en commentaire.", publishNow: true }) });
    expect(out.outcome).toBe("scheduled");
    expect(out.networks.map((n) => [n.platform, n.text, n.approved])).toEqual([
      ["LINKEDIN", text, true],
      ["X", text, true],
    ]);
    expect(out.publications.map((p) => p.socialAccountId).sort()).toEqual([li.id, x.id].sort());
    const piece = await t.db.contentPiece.findUniqueOrThrow({ where: { id: out.contentId }, include: { media: true } });
    expect(piece).toMatchObject({ aiGenerated: false, status: "APPROVED", approvedById: o.ownerId, createdById: o.ownerId });
    expect(piece.media.map((m) => m.assetId)).toEqual([photo.id]);
    const revs = await t.db.contentRevision.findMany({ where: { contentPieceId: out.contentId } });
    expect(revs.every((r) => r.approvedById === o.ownerId && r.approvedVia === "SELF" && r.author === "user")).toBe(true);
    expect(revs.find((r) => r.platform === "LINKEDIN")!.firstComment).toBe("La suite en commentaire.");
    const timeline = await t.db.publicationEvent.findMany({ where: { publicationId: out.publications[0]!.id } });
    expect(timeline.map((e) => (e.payload as { _msg?: { key: string } })._msg?.key)).toContain("selfApproved");
    for (const p of out.publications) {
      const res = await L.publishPublication({ organizationId: o.orgId, publicationId: p.id });
      expect(["posted", "processing"]).toContain(res.outcome);
    }
    for (const acc of [li, x]) expect(await sandboxPosts(t.db, acc.id)).toEqual([expect.objectContaining({ text, mediaCount: 1 })]);
  });

  it("an editor's post goes to the approval queue: pending, no publication until a person approves it", async () => {
    const o = await seedOrg(t.db);
    const li = await seedAccount(t.db, o, "LINKEDIN");
    await seedAccount(t.db, o, "LINKEDIN"); // another LinkedIn page, not chosen: nothing goes there
    const at = new Date(Date.now() + 2 * 86_400_000);
    const text = "Un post écrit par l'équipe, à relire avant publication.";
    const out = await L.composePost({ organizationId: o.orgId, actor: { kind: "user", userId: o.editorId, role: "EDITOR" }, input: input({ text, accountIds: [li.id], scheduledAt: at.toISOString() }) });
    expect(out).toMatchObject({ outcome: "pending", publications: [] });
    expect(out.networks).toEqual([expect.objectContaining({ platform: "LINKEDIN", text, approved: false })]);
    const req = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: out.approvalRequestId! } });
    expect(req).toMatchObject({ status: "PENDING", contentPieceId: out.contentId });
    expect(await t.db.publication.count({ where: { organizationId: o.orgId } })).toBe(0);
    expect((await eventsNamed(t.db, "approval/requested")).some((e) => (e.data as { approvalRequestId?: string }).approvalRequestId === req.id)).toBe(true);
    // Not approved: the MKT-106 scheduler finds nothing to schedule.
    expect(await L.scheduleAdaptedPublications({ organizationId: o.orgId, contentPieceId: out.contentId })).toEqual([]);
    // The owner approves: exactly the editor's text, on the chosen account only, at the chosen time.
    await L.decideApproval({ organizationId: o.orgId, approvalRequestId: req.id, decision: "APPROVE", decidedById: o.ownerId, channel: "IN_APP" });
    await L.settleContentPiece({ organizationId: o.orgId, contentPieceId: out.contentId, outcome: "APPROVED", approvedById: o.ownerId });
    const pubs = await L.scheduleAdaptedPublications({ organizationId: o.orgId, contentPieceId: out.contentId });
    expect(pubs.map((p) => [p.socialAccountId, p.scheduledAt])).toEqual([[li.id, at.toISOString()]]);
  });

  it("an API key's post needs a person's approval too (an API key is never a human yes)", async () => {
    const o = await seedOrg(t.db);
    const li = await seedAccount(t.db, o, "LINKEDIN");
    const out = await L.composePost({ organizationId: o.orgId, actor: { kind: "apiKey" }, input: input({ text: "Depuis l'API.", accountIds: [li.id], publishNow: true }) });
    expect(out.outcome).toBe("pending");
  });

  it("bad input is 4xx naming the field, and nothing is half-written", async () => {
    const o = await seedOrg(t.db);
    const li = await seedAccount(t.db, o, "LINKEDIN");
    const ig = await seedAccount(t.db, o, "INSTAGRAM");
    const x = await seedAccount(t.db, o, "X");
    const fieldOf = (v: Record<string, unknown>) => {
      try {
        input(v);
      } catch (e) {
        if (e instanceof AppError) return e.issues?.[0]?.field ?? e.field;
        throw e;
      }
      return null;
    };
    expect(fieldOf({ text: 42, accountIds: [li.id], publishNow: true })).toBe("text");
    expect(fieldOf({ text: "ok", accountIds: [], publishNow: true })).toBe("accountIds");
    expect(fieldOf({ text: "ok", accountIds: [li.id] })).toBe("scheduledAt");
    expect(fieldOf({ text: "ok", accountIds: [li.id], scheduledAt: "9999-01-01T09:00:00Z" })).toBe("scheduledAt");
    expect(fieldOf({ text: "ok", accountIds: [li.id], publishNow: true, colour: "red" })).toBe("colour");

    const before = await counts(o.orgId);
    const owner = { kind: "user" as const, userId: o.ownerId, role: "OWNER" as const };
    // Over X's 280 characters: the rule and the network are named, on the text field.
    const long = await errorOf(L.composePost({ organizationId: o.orgId, actor: owner, input: input({ text: "a".repeat(300), accountIds: [li.id, x.id], publishNow: true }) }));
    expect(long).toMatchObject({ code: "validation", field: "text", key: "validation.textTooLongFor", values: { platform: "X", max: 280, length: 300 } });
    // A 2:3 image Instagram refuses (4:5 to 1.91:1): the gate is named, on the media field.
    const tall = await image(o, 1000, 1500);
    const refused = await errorOf(L.composePost({ organizationId: o.orgId, actor: owner, input: input({ text: "Portrait", accountIds: [li.id, ig.id], mediaAssetIds: [tall.id], publishNow: true }) }));
    expect(refused).toMatchObject({ code: "validation", field: "mediaAssetIds", key: "mediaGates.imageAspect" });
    expect(refused!.values).toMatchObject({ platform: "Instagram" });
    // Instagram publishes no text-only post; X has comments but a disconnected account is refused.
    expect(await errorOf(L.composePost({ organizationId: o.orgId, actor: owner, input: input({ text: "Sans image", accountIds: [ig.id], publishNow: true }) }))).toMatchObject({ field: "mediaAssetIds", key: "content.mediaRequired" });
    const off = await seedAccount(t.db, o, "FACEBOOK", "DISCONNECTED");
    expect(await errorOf(L.composePost({ organizationId: o.orgId, actor: owner, input: input({ text: "Hors ligne", accountIds: [off.id], publishNow: true }) }))).toMatchObject({ field: "accountIds", key: "content.accountNotActive" });
    expect(await errorOf(L.composePost({ organizationId: o.orgId, actor: owner, input: input({ text: "Passé", accountIds: [li.id], scheduledAt: new Date(Date.now() - 3_600_000).toISOString() }) }))).toMatchObject({ field: "scheduledAt" });
    expect(await counts(o.orgId)).toEqual(before);
  });

  it("another organisation's account, medium or post is 404, and nothing is written", async () => {
    const a = await seedOrg(t.db);
    const b = await seedOrg(t.db);
    const mine = await seedAccount(t.db, a, "LINKEDIN");
    const theirs = await seedAccount(t.db, b, "LINKEDIN");
    const theirPhoto = await image(b, 1200, 1200);
    const owner = { kind: "user" as const, userId: a.ownerId, role: "OWNER" as const };
    const before = await counts(a.orgId);
    expect(await errorOf(L.composePost({ organizationId: a.orgId, actor: owner, input: input({ text: "x", accountIds: [theirs.id], publishNow: true }) }))).toMatchObject({ code: "not_found", field: "accountIds" });
    expect(await errorOf(L.composePost({ organizationId: a.orgId, actor: owner, input: input({ text: "x", accountIds: [mine.id], mediaAssetIds: [theirPhoto.id], publishNow: true }) }))).toMatchObject({ code: "not_found", field: "mediaAssetIds" });
    const theirPost = await L.composePost({ organizationId: b.orgId, actor: { kind: "user", userId: b.ownerId, role: "OWNER" }, input: input({ text: "b", accountIds: [theirs.id], scheduledAt: new Date(Date.now() + 86_400_000).toISOString() }) });
    expect(await errorOf(L.composePost({ organizationId: a.orgId, actor: owner, input: input({ text: "x", accountIds: [mine.id], publishNow: true, contentId: theirPost.contentId }) }))).toMatchObject({ code: "not_found", field: "contentId" });
    expect(await counts(a.orgId)).toEqual(before);
  });

  it("editing a post replaces its versions and its publications that have not started", async () => {
    const o = await seedOrg(t.db);
    const li = await seedAccount(t.db, o, "LINKEDIN");
    const owner = { kind: "user" as const, userId: o.ownerId, role: "OWNER" as const };
    const first = await L.composePost({ organizationId: o.orgId, actor: owner, input: input({ text: "Première version", accountIds: [li.id], scheduledAt: new Date(Date.now() + 86_400_000).toISOString() }) });
    const second = await L.composePost({ organizationId: o.orgId, actor: owner, input: input({ text: "Deuxième version", accountIds: [li.id], scheduledAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), contentId: first.contentId }) });
    expect(second.contentId).toBe(first.contentId);
    const pubs = await t.db.publication.findMany({ where: { contentPieceId: first.contentId }, include: { revision: true }, orderBy: { createdAt: "asc" } });
    expect(pubs.map((p) => [p.status, p.revision?.text])).toEqual([
      ["CANCELLED", "Première version"],
      ["SCHEDULED", "Deuxième version"],
    ]);
  });
});

describe("the composer's AI assist (offline provider)", () => {
  it("rewrites, shortens within the network's limit and suggests hashtags on the draft's topic", async () => {
    const { assistPost } = await import("@/lib/content/compose/assist-post");
    const o = await seedOrg(t.db);
    const text = "Nos tisserandes de Kayes travaillent huit semaines sur chaque pagne. Le coton est filé à la main, teint à l'indigo, puis tissé sur des métiers étroits. Venez les rencontrer samedi à l'atelier.";
    const rewrite = await assistPost({ organizationId: o.orgId, input: { action: "rewrite", text } });
    const shorter = await assistPost({ organizationId: o.orgId, input: { action: "shorten", text, platform: "X" } });
    const tags = await assistPost({ organizationId: o.orgId, input: { action: "hashtags", text } });
    expect(rewrite.text.length).toBeGreaterThan(0);
    expect(shorter.text.length).toBeLessThanOrEqual(280);
    expect(shorter.text.length).toBeLessThan(text.length);
    expect(shorter.text.endsWith(".") || shorter.text.endsWith("…")).toBe(true);
    expect(tags.text).toBe(text);
    expect(tags.hashtags.length).toBeGreaterThan(0);
    expect(tags.hashtags.every((h) => !h.startsWith("#"))).toBe(true);
  });
});
