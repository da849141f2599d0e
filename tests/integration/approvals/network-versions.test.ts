import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { expectNoUnapprovedPublications } from "@/tests/helpers/approved-publications";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import type { AppServer } from "@/tests/integration/runtime/harness";
import { sandboxPosts, seedAccount, seedOrg, seedPiece, startEventServer, stopEventServer, storedImage } from "./support";

/**
 * Issue 9, "a human yes on every text and image that goes out", through the use cases on the real
 * database and the sandbox networks: the approval covers each network's exact version; an inline edit
 * is a new revision and that is what gets approved; each network receives exactly its approved text
 * and media; a decision on versions that changed since they were shown is refused; a decided request
 * cannot be edited.
 */
let t: TestDatabase;
let server: AppServer;
let L: typeof import("@/lib/approvals/request-approval") &
  typeof import("@/lib/approvals/decide-approval") &
  typeof import("@/lib/approvals/list-approvals") &
  typeof import("@/lib/approvals/edit-network-version") &
  typeof import("@/lib/content/adaptation/adapt-content-piece") &
  typeof import("@/lib/content/adaptation/schedule-adapted-publications") &
  typeof import("@/lib/publishing/publish-publication");
let storage: typeof import("@/lib/providers/storage").storage;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startEventServer();
  storage = (await import("@/lib/providers/storage")).storage;
  L = {
    ...(await import("@/lib/approvals/request-approval")),
    ...(await import("@/lib/approvals/decide-approval")),
    ...(await import("@/lib/approvals/list-approvals")),
    ...(await import("@/lib/approvals/edit-network-version")),
    ...(await import("@/lib/content/adaptation/adapt-content-piece")),
    ...(await import("@/lib/content/adaptation/schedule-adapted-publications")),
    ...(await import("@/lib/publishing/publish-publication")),
  };
});
afterAll(async () => {
  if (t) await expectNoUnapprovedPublications(t.db);
  await stopEventServer(server);
  await t?.cleanup();
});

const codeOf = async (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (isAppError(e) ? e.code : String(e)));

/** An idea's piece for LinkedIn with an image, adapted to Instagram and X, under a pending request. */
async function pendingIdea() {
  const o = await seedOrg(t.db);
  const accounts = { LINKEDIN: await seedAccount(t.db, o, "LINKEDIN"), INSTAGRAM: await seedAccount(t.db, o, "INSTAGRAM"), X: await seedAccount(t.db, o, "X") };
  const piece = await seedPiece(t.db, o, { platform: "LINKEDIN", targetPublishAt: new Date(Date.now() + 2 * 86_400_000) });
  const key = `${o.orgId}/originals/${piece.id}.jpg`;
  await storage().put(key, new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]), { contentType: "image/jpeg" });
  const asset = await t.db.mediaAsset.create({
    data: { organizationId: o.orgId, brandId: o.brandId, kind: "IMAGE", source: "AI_GENERATED", storageKey: key, mimeType: "image/jpeg", sizeBytes: 9, width: 1080, height: 1350, checksumSha256: piece.id, fileName: "visuel.jpg" },
  });
  await t.db.contentPieceMedia.create({ data: { organizationId: o.orgId, pieceId: piece.id, assetId: asset.id, position: 0 } });
  const targets = await L.listAdaptationTargets({ organizationId: o.orgId, contentPieceId: piece.id });
  for (const platform of targets.platforms) await L.adaptPieceToPlatform({ organizationId: o.orgId, contentPieceId: piece.id, platform });
  const req = await L.requestApproval({ organizationId: o.orgId, contentPieceId: piece.id });
  const card = async () => (await L.listApprovals({ organizationId: o.orgId })).find((i) => i.id === req.approvalRequestId)!;
  return { o, accounts, piece, asset, req, card };
}

describe("the approval covers each network's exact version (issue 9)", () => {
  it("idea -> one tab per network -> edit the Instagram text -> approve -> each network receives exactly its approved text and media", async () => {
    const { o, accounts, asset, req, card } = await pendingIdea();
    const before = await card();
    expect(before.networks.map((n) => n.platform)).toEqual(["LINKEDIN", "INSTAGRAM", "X"]);
    expect(before.networks.every((n) => n.media.map((m) => m.id).join() === asset.id && !n.approved && n.number === 1)).toBe(true);

    const edited = "Nos tisserandes de Kayes, en vrai : huit semaines pour un pagne. 🧵\n\n#tissage #faitmain";
    const saved = await L.editNetworkVersion({ organizationId: o.orgId, approvalRequestId: req.approvalRequestId, platform: "INSTAGRAM", text: edited, firstComment: "Le lien est dans la bio.", userId: o.editorId });
    expect(saved).toMatchObject({ platform: "INSTAGRAM", number: 2, text: edited, firstComment: "Le lien est dans la bio.", author: "user", approved: false });
    const after = await card();
    const ig = after.networks.find((n) => n.platform === "INSTAGRAM")!;
    expect(ig.revisionId).toBe(saved.revisionId);

    // Approving what was shown before the edit is refused: the approver never saw the new Instagram text.
    expect(await codeOf(L.decideApproval({ organizationId: o.orgId, approvalRequestId: req.approvalRequestId, decision: "APPROVE", decidedById: o.ownerId, channel: "IN_APP", revisionIds: before.networks.map((n) => n.revisionId) }))).toBe("conflict");
    await L.decideApproval({ organizationId: o.orgId, approvalRequestId: req.approvalRequestId, decision: "APPROVE", decidedById: o.ownerId, channel: "IN_APP", revisionIds: after.networks.map((n) => n.revisionId) });
    // Decided: no more edits (a change now needs a new approval).
    expect(await codeOf(L.editNetworkVersion({ organizationId: o.orgId, approvalRequestId: req.approvalRequestId, platform: "X", text: "Autre chose", userId: o.ownerId }))).toBe("conflict");

    const pubs = await L.scheduleAdaptedPublications({ organizationId: o.orgId, contentPieceId: req.contentPieceId });
    expect(pubs.map((p) => p.platform).sort()).toEqual(["INSTAGRAM", "LINKEDIN", "X"]);
    for (const p of pubs) {
      await t.db.publication.update({ where: { id: p.publicationId }, data: { scheduledAt: new Date(Date.now() - 1_000) } });
      const out = await L.publishPublication({ organizationId: o.orgId, publicationId: p.publicationId });
      expect(["posted", "processing"]).toContain(out.outcome);
    }
    for (const n of after.networks) {
      const [post] = await sandboxPosts(t.db, accounts[n.platform as keyof typeof accounts].id);
      expect(post).toMatchObject({ text: n.text, mediaCount: 1 });
    }
    expect((await sandboxPosts(t.db, accounts.INSTAGRAM.id))[0]!.text).toBe(edited);
    const approved = await t.db.contentRevision.findMany({ where: { approvalRequestId: req.approvalRequestId } });
    expect(approved.filter((r) => r.supersededAt === null).every((r) => r.approvedById === o.ownerId)).toBe(true);
    expect(approved.find((r) => r.platform === "INSTAGRAM" && r.number === 1)).toMatchObject({ approvedAt: null });
  });

  it("inline edits are checked against the network's rules (422 naming the field) and scoped to the organisation (404)", async () => {
    const { o, req } = await pendingIdea();
    const tooLong = await L.editNetworkVersion({ organizationId: o.orgId, approvalRequestId: req.approvalRequestId, platform: "X", text: "x".repeat(281), userId: o.ownerId }).catch((e: unknown) => e);
    expect(isAppError(tooLong) && tooLong.code === "validation" && tooLong.field === "text").toBe(true);
    expect(await codeOf(L.editNetworkVersion({ organizationId: o.orgId, approvalRequestId: req.approvalRequestId, platform: "FACEBOOK", text: "Bonjour", userId: o.ownerId }))).toBe("not_found");
    const other = await seedOrg(t.db);
    expect(await codeOf(L.editNetworkVersion({ organizationId: other.orgId, approvalRequestId: req.approvalRequestId, platform: "X", text: "Bonjour", userId: other.ownerId }))).toBe("not_found");
    expect(await t.db.contentRevision.count({ where: { approvalRequestId: req.approvalRequestId } })).toBe(3);
  });

});

describe("media the networks accept (issue 9)", () => {
  it("a TikTok script adapted to Instagram becomes a post whose image is the script's cover, converted, approved and sent with it", async () => {
    const o = await seedOrg(t.db);
    const instagram = await seedAccount(t.db, o, "INSTAGRAM");
    await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform: "TIKTOK", externalId: `tt-${o.orgId}`, name: "TikTok", isSandbox: true } });
    const piece = await t.db.contentPiece.create({
      data: { organizationId: o.orgId, brandId: o.brandId, platform: "TIKTOK", format: "VIDEO_SCRIPT", status: "DRAFT", title: "Un pagne en 45 secondes", body: "[0-3 s] Accroche : huit semaines pour un pagne\n[3-40 s] Le métier à tisser de Kayes\nCTA : Découvrez la collection", hashtags: ["tissage", "faitmain", "kayes"] },
    });
    // The cover as MKT-103 renders it for TikTok (JPEG 9:16): outside Instagram's 4:5..1.91 ratios.
    const cover = await storedImage(t.db, o, { width: 1080, height: 1920, source: "AI_GENERATED" });
    await t.db.contentPieceMedia.create({ data: { organizationId: o.orgId, pieceId: piece.id, assetId: cover.id, position: 0, role: "cover" } });

    const v = await L.adaptPieceToPlatform({ organizationId: o.orgId, contentPieceId: piece.id, platform: "INSTAGRAM" });
    const variant = await t.db.contentPiece.findUniqueOrThrow({ where: { id: v.variantId }, include: { media: { include: { asset: true } } } });
    expect(variant.format).toBe("POST");
    expect(variant.media.map((m) => [m.role, m.asset.mimeType, m.asset.width, m.asset.height])).toEqual([["media", "image/jpeg", 1080, 1350]]);

    const req = await L.requestApproval({ organizationId: o.orgId, contentPieceId: piece.id });
    const card = (await L.listApprovals({ organizationId: o.orgId })).find((i) => i.id === req.approvalRequestId)!;
    const ig = card.networks.find((n) => n.platform === "INSTAGRAM")!;
    expect(ig.media.map((m) => m.id)).toEqual([variant.media[0]!.assetId]);
    await L.decideApproval({ organizationId: o.orgId, approvalRequestId: req.approvalRequestId, decision: "APPROVE", decidedById: o.ownerId, channel: "IN_APP", revisionIds: card.networks.map((n) => n.revisionId) });
    const pubs = await L.scheduleAdaptedPublications({ organizationId: o.orgId, contentPieceId: piece.id });
    const pub = pubs.find((p) => p.platform === "INSTAGRAM")!;
    await t.db.publication.update({ where: { id: pub.publicationId }, data: { scheduledAt: new Date(Date.now() - 1_000) } });
    expect(["posted", "processing"]).toContain((await L.publishPublication({ organizationId: o.orgId, publicationId: pub.publicationId })).outcome);
    expect(await sandboxPosts(t.db, instagram.id)).toEqual([expect.objectContaining({ text: ig.text, mediaCount: 1 })]);
  });

  it("adaptation converts an image a network refuses into its format and ratio (TikTok JPEG 9:16), with sharp", async () => {
    const o = await seedOrg(t.db);
    await seedAccount(t.db, o, "LINKEDIN");
    const tiktok = await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform: "TIKTOK", externalId: `tt-${o.orgId}`, name: "TikTok", isSandbox: true } });
    const piece = await seedPiece(t.db, o, { platform: "LINKEDIN" });
    const asset = await storedImage(t.db, o, { width: 1024, height: 1536, format: "png", source: "AI_GENERATED" });
    await t.db.contentPieceMedia.create({ data: { organizationId: o.orgId, pieceId: piece.id, assetId: asset.id, position: 0 } });
    const v = await L.adaptPieceToPlatform({ organizationId: o.orgId, contentPieceId: piece.id, platform: "TIKTOK" });
    const [m] = await t.db.contentPieceMedia.findMany({ where: { pieceId: v.variantId }, include: { asset: true } });
    expect(m!.asset).toMatchObject({ mimeType: "image/jpeg", width: 1080, height: 1920 });
    const stored = await storage().get(m!.asset.storageKey);
    const meta = await sharp(Buffer.from(await (await import("@/lib/providers/storage")).readObjectBytes(stored!))).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1080, 1920]);
    expect(tiktok.id).toBeTruthy();
  });

  it("a text-only piece adapted to TikTok gets a rendered 9:16 JPEG cover, and TikTok receives it (was: 'this platform needs media')", async () => {
    const o = await seedOrg(t.db);
    const linkedin = await seedAccount(t.db, o, "LINKEDIN");
    const tiktok = await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform: "TIKTOK", externalId: `tt-${o.orgId}`, name: "TikTok", isSandbox: true } });
    const piece = await seedPiece(t.db, o, { platform: "LINKEDIN" });
    const targets = await L.listAdaptationTargets({ organizationId: o.orgId, contentPieceId: piece.id });
    expect(targets.platforms).toEqual(["TIKTOK"]);
    const v = await L.adaptPieceToPlatform({ organizationId: o.orgId, contentPieceId: piece.id, platform: "TIKTOK" });
    const media = await t.db.contentPieceMedia.findMany({ where: { pieceId: v.variantId }, include: { asset: true } });
    expect(media.map((m) => [m.asset.kind, m.asset.mimeType, m.asset.width, m.asset.height, m.asset.organizationId])).toEqual([["IMAGE", "image/jpeg", 1080, 1920, o.orgId]]);
    const bytes = await (await import("@/lib/providers/storage")).readObjectBytes((await storage().get(media[0]!.asset.storageKey))!);
    const meta = await sharp(Buffer.from(bytes)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1080, 1920]);
    // A re-run reuses the variant (and its cover): nothing rendered twice.
    expect((await L.adaptPieceToPlatform({ organizationId: o.orgId, contentPieceId: piece.id, platform: "TIKTOK" })).created).toBe(false);

    const req = await L.requestApproval({ organizationId: o.orgId, contentPieceId: piece.id });
    const card = (await L.listApprovals({ organizationId: o.orgId })).find((i) => i.id === req.approvalRequestId)!;
    expect(card.networks.find((n) => n.platform === "TIKTOK")!.media.map((m) => m.id)).toEqual([media[0]!.assetId]);
    expect(card.networks.find((n) => n.platform === "LINKEDIN")!.media).toEqual([]);
    await L.decideApproval({ organizationId: o.orgId, approvalRequestId: req.approvalRequestId, decision: "APPROVE", decidedById: o.ownerId, channel: "IN_APP", revisionIds: card.networks.map((n) => n.revisionId) });
    const pubs = await L.scheduleAdaptedPublications({ organizationId: o.orgId, contentPieceId: piece.id });
    expect(pubs.map((p) => p.platform).sort()).toEqual(["LINKEDIN", "TIKTOK"]);
    for (const p of pubs) {
      await t.db.publication.update({ where: { id: p.publicationId }, data: { scheduledAt: new Date(Date.now() - 1_000) } });
      expect(["posted", "processing"]).toContain((await L.publishPublication({ organizationId: o.orgId, publicationId: p.publicationId })).outcome);
    }
    expect(await sandboxPosts(t.db, tiktok.id)).toEqual([expect.objectContaining({ mediaCount: 1 })]);
    expect(await sandboxPosts(t.db, linkedin.id)).toEqual([expect.objectContaining({ mediaCount: 0 })]);
  });

  it("a TikTok script's own version carries its cover, so TikTok receives a photo post", async () => {
    const o = await seedOrg(t.db);
    const tiktok = await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform: "TIKTOK", externalId: `tt-${o.orgId}`, name: "TikTok", isSandbox: true } });
    const piece = await t.db.contentPiece.create({
      data: { organizationId: o.orgId, brandId: o.brandId, platform: "TIKTOK", format: "VIDEO_SCRIPT", status: "DRAFT", title: "Un pagne en 45 secondes", body: "[0-3 s] Accroche : huit semaines pour un pagne\nCTA : Découvrez la collection", hashtags: ["tissage", "faitmain", "kayes"] },
    });
    const cover = await storedImage(t.db, o, { width: 1080, height: 1920, source: "AI_GENERATED" });
    await t.db.contentPieceMedia.create({ data: { organizationId: o.orgId, pieceId: piece.id, assetId: cover.id, position: 0, role: "cover" } });
    const req = await L.requestApproval({ organizationId: o.orgId, contentPieceId: piece.id });
    const card = (await L.listApprovals({ organizationId: o.orgId })).find((i) => i.id === req.approvalRequestId)!;
    expect(card.networks.map((n) => [n.platform, n.media.map((m) => m.id)])).toEqual([["TIKTOK", [cover.id]]]);
    await L.decideApproval({ organizationId: o.orgId, approvalRequestId: req.approvalRequestId, decision: "APPROVE", decidedById: o.ownerId, channel: "IN_APP", revisionIds: card.networks.map((n) => n.revisionId) });
    const [pub] = await L.scheduleAdaptedPublications({ organizationId: o.orgId, contentPieceId: piece.id });
    await t.db.publication.update({ where: { id: pub!.publicationId }, data: { scheduledAt: new Date(Date.now() - 1_000) } });
    expect(["posted", "processing"]).toContain((await L.publishPublication({ organizationId: o.orgId, publicationId: pub!.publicationId })).outcome);
    expect(await sandboxPosts(t.db, tiktok.id)).toEqual([expect.objectContaining({ mediaCount: 1 })]);
  });

  it("a version missing the media its network requires is refused at approval and at scheduling (422, FR/EN message); nothing is decided or scheduled", async () => {
    const o = await seedOrg(t.db);
    const instagram = await seedAccount(t.db, o, "INSTAGRAM");
    const piece = await seedPiece(t.db, o, { platform: "INSTAGRAM" });
    const req = await L.requestApproval({ organizationId: o.orgId, contentPieceId: piece.id });
    const err = await L.decideApproval({ organizationId: o.orgId, approvalRequestId: req.approvalRequestId, decision: "APPROVE", decidedById: o.ownerId, channel: "IN_APP" }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code === "validation" && err.field === "networks.INSTAGRAM.media").toBe(true);
    expect((err as Error).message).toBe("Instagram publishes no text-only posts: attach an image or a video");
    expect(isAppError(err) && err.messageIn("fr")).toBe("Instagram ne publie pas de texte seul : ajoutez une image ou une vidéo");
    expect(await t.db.approvalRequest.findUniqueOrThrow({ where: { id: req.approvalRequestId } })).toMatchObject({ status: "PENDING" });
    expect(await t.db.contentRevision.count({ where: { approvalRequestId: req.approvalRequestId, approvedAt: { not: null } } })).toBe(0);

    // An approved version without media (written before the gate existed) cannot be scheduled either.
    const { recordApprovedRevision } = await import("@/lib/content/revisions/network-revisions");
    const { schedulePublication } = await import("@/lib/publishing/schedule-publication");
    await recordApprovedRevision({ organizationId: o.orgId, contentPieceId: piece.id, platform: "INSTAGRAM", text: "Texte seul", scheduledAt: new Date(Date.now() + 86_400_000), approvedById: o.ownerId, via: "SELF" });
    const refused = await schedulePublication({ organizationId: o.orgId, contentPieceId: piece.id, socialAccountId: instagram.id, scheduledAt: new Date(Date.now() + 86_400_000) }).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code === "validation" && refused.key === "content.mediaRequired").toBe(true);
    expect(await L.scheduleAdaptedPublications({ organizationId: o.orgId, contentPieceId: piece.id })).toEqual([]);
    expect(await t.db.publication.count({ where: { contentPieceId: piece.id } })).toBe(0);
  });

  it("auto-approve: a version missing the media its network requires is not scheduled, and the owners, admins and editors are told in their language (once)", async () => {
    const o = await seedOrg(t.db, { requireContentApproval: false });
    await seedAccount(t.db, o, "INSTAGRAM");
    const piece = await seedPiece(t.db, o, { platform: "INSTAGRAM", body: "Nos pagnes teints à la main" });
    const req = await L.requestApproval({ organizationId: o.orgId, contentPieceId: piece.id });
    expect(req).toMatchObject({ autoApproved: true, status: "APPROVED" });
    expect(await t.db.contentRevision.count({ where: { contentPieceId: piece.id, platform: "INSTAGRAM", approvedVia: "AUTO", supersededAt: null } })).toBe(1);
    expect(await L.scheduleAdaptedPublications({ organizationId: o.orgId, contentPieceId: piece.id })).toEqual([]);
    // A re-run (MKT-106 step retried) tells nobody twice.
    expect(await L.scheduleAdaptedPublications({ organizationId: o.orgId, contentPieceId: piece.id })).toEqual([]);
    expect(await t.db.publication.count({ where: { contentPieceId: piece.id } })).toBe(0);

    const rows = await t.db.notification.findMany({ where: { organizationId: o.orgId, type: "content.versionNotScheduled" } });
    expect(rows.map((r) => r.userId).sort()).toEqual([o.ownerId, o.editorId].sort());
    for (const r of rows) {
      expect(r).toMatchObject({ severity: "WARNING", messageKey: "versionNotScheduled", actionUrl: `/${o.slug}/content/${piece.id}` });
      expect(r.messageValues).toMatchObject({ platform: "INSTAGRAM", via: "AUTO", rule: "mediaRequired" });
    }
    const { listNotifications } = await import("@/lib/notifications/list-notifications");
    const [fr] = (await listNotifications({ organizationId: o.orgId, userId: o.ownerId, locale: "fr" })).items;
    expect(fr!.title).toContain("Version Instagram non planifiée");
    expect(fr!.body).toContain("Approuvée automatiquement par la règle d'approbation automatique de la marque");
    expect(fr!.body).toContain("Instagram ne publie pas de texte seul");
    const [en] = (await listNotifications({ organizationId: o.orgId, userId: o.editorId, locale: "en" })).items;
    expect(en!.title).toContain("Instagram version not scheduled");
    expect(en!.body).toContain("Approved automatically by the brand's auto-approve rule");
    expect(en!.body).toContain("Instagram publishes no text-only posts");
  });

  it("approving a version whose medium the network refuses is stopped with a 422 naming the rule; nothing is decided", async () => {
    const o = await seedOrg(t.db);
    await seedAccount(t.db, o, "INSTAGRAM");
    const piece = await seedPiece(t.db, o, { platform: "INSTAGRAM" });
    const asset = await t.db.mediaAsset.create({ data: { organizationId: o.orgId, kind: "IMAGE", source: "UPLOAD", storageKey: `${o.orgId}/uploads/${piece.id}.png`, mimeType: "image/png", sizeBytes: 1000, width: 1024, height: 1536, checksumSha256: `p-${piece.id}` } });
    await t.db.contentPieceMedia.create({ data: { organizationId: o.orgId, pieceId: piece.id, assetId: asset.id, position: 0 } });
    const req = await L.requestApproval({ organizationId: o.orgId, contentPieceId: piece.id });
    const err = await L.decideApproval({ organizationId: o.orgId, approvalRequestId: req.approvalRequestId, decision: "APPROVE", decidedById: o.ownerId, channel: "IN_APP" }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code === "validation" && err.field === "networks.INSTAGRAM.media").toBe(true);
    expect((err as Error).message).toBe("Instagram accepts images as JPEG only (this one is PNG).");
    expect(await t.db.approvalRequest.findUniqueOrThrow({ where: { id: req.approvalRequestId } })).toMatchObject({ status: "PENDING" });
    expect(await t.db.contentRevision.count({ where: { approvalRequestId: req.approvalRequestId, approvedAt: { not: null } } })).toBe(0);
  });
});
