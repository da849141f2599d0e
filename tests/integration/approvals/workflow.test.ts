import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "inngest/next";
import { Executor } from "@/lib/runtime/executor";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { ended, FAST, idle, quietLogger, until, type AppServer } from "@/tests/integration/runtime/harness";
import { expectNoUnapprovedPublications } from "@/tests/helpers/approved-publications";
import { eventsNamed, seedAccount, seedOrg, seedPiece, startEventServer, stopEventServer } from "./support";

/**
 * MKT-104 and MKT-106 through the real serve() handler and the embedded executor, with the app's own
 * Inngest client (the one decideApproval sends approval/decided with).
 */
let t: TestDatabase;
let server: AppServer;
let executor: Executor;
let inngest: typeof import("@/inngest/client").inngest;
let decideApproval: typeof import("@/lib/approvals/decide-approval").decideApproval;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startEventServer();
  inngest = (await import("@/inngest/client")).inngest;
  decideApproval = (await import("@/lib/approvals/decide-approval")).decideApproval;
  const f104 = await import("@/inngest/functions/content-flywheel/mkt-104-request-approval");
  const f106 = await import("@/inngest/functions/content-flywheel/mkt-106-adapt-content");
  server.setHandlers(serve({ client: inngest, functions: [f104.mkt104RequestApproval, f104.mkt104AwaitDecision, f106.mkt106AdaptContent] }) as never);
  executor = new Executor({ databaseUrl: t.url, serveUrl: server.serveUrl, awaitSync: true, logger: quietLogger, ...FAST });
  await executor.start();
});
afterAll(async () => {
  await executor?.stop(2_000);
  if (t) await expectNoUnapprovedPublications(t.db);
  await stopEventServer(server);
  await t?.cleanup();
});

const pendingRequest = (contentPieceId: string) =>
  until(`a pending request for ${contentPieceId}`, async () => {
    const r = await t.db.approvalRequest.findFirst({ where: { contentPieceId, status: "PENDING" }, orderBy: { createdAt: "desc" } });
    if (!r) return undefined;
    // The waiting run has registered its wait for approval/decided (a decision before that is found by
    // the run's next check, hours later: the test would only wait).
    const run = await t.db.runtimeRun.findFirst({ where: { functionId: "marketing-engine-mkt-104-await-decision", event: { path: ["data", "approvalRequestId"], equals: r.id } }, select: { id: true } });
    const wait = run ? await t.db.runtimeWait.findFirst({ where: { runId: run.id, eventName: "approval/decided" }, select: { id: true } }) : null;
    return wait ? r : undefined;
  }, 30_000);

describe("MKT-104 -> MKT-106 through the embedded executor", () => {
  it("adaptation before the request: the approval covers one version per network; on approval exactly those versions are scheduled", async () => {
    const o = await seedOrg(t.db);
    const linkedin = await seedAccount(t.db, o, "LINKEDIN");
    const x = await seedAccount(t.db, o, "X");
    const ig = await seedAccount(t.db, o, "INSTAGRAM");
    await seedAccount(t.db, o, "FACEBOOK", "DISCONNECTED");
    await seedAccount(t.db, o, "WHATSAPP");
    const target = new Date(Date.now() + 3 * 86_400_000);
    const piece = await seedPiece(t.db, o, { platform: "LINKEDIN", body: "Huit semaines, trois bains d'argile et une pièce unique. ".repeat(30), targetPublishAt: target });
    await inngest.send({ name: "content/pieces.generated", data: { organizationId: o.orgId, brandId: o.brandId, contentPieceIds: [piece.id] } });

    const request = await pendingRequest(piece.id);
    // MKT-106 ran before the request: the variants exist, in review, and the request covers one version per network.
    expect((await t.db.contentPiece.findMany({ where: { parentId: piece.id } })).map((v) => [v.platform, v.status]).sort()).toEqual([["INSTAGRAM", "REVIEW"], ["X", "REVIEW"]]);
    const versions = await t.db.contentRevision.findMany({ where: { approvalRequestId: request.id, supersededAt: null } });
    expect(versions.map((v) => v.platform).sort()).toEqual(["INSTAGRAM", "LINKEDIN", "X"]);
    expect(versions.every((v) => v.approvedAt === null && v.number === 1 && v.scheduledAt.getTime() === target.getTime())).toBe(true);
    expect(versions.find((v) => v.platform === "X")!.text.length).toBeLessThanOrEqual(280);
    expect(await t.db.publication.count({ where: { organizationId: o.orgId } })).toBe(0);
    expect(await t.db.notification.count({ where: { organizationId: o.orgId, type: "approval.requested" } })).toBe(1);
    expect(await t.db.outboxEmail.count({ where: { organizationId: o.orgId, idempotencyKey: { startsWith: `approval:${request.id}:email:` } } })).toBe(2);

    await decideApproval({ organizationId: o.orgId, approvalRequestId: request.id, decision: "APPROVE", decidedById: o.editorId, channel: "IN_APP" });
    const [run] = await ended(t.db, "marketing-engine-mkt-104-await-decision", 1, 30_000);
    expect(run).toMatchObject({ status: "COMPLETED", output: { outcome: "APPROVED", contentPieceId: piece.id } });
    expect(await t.db.contentPiece.findUniqueOrThrow({ where: { id: piece.id } })).toMatchObject({ status: "APPROVED", approvedById: o.editorId });

    const [adapt] = await ended(t.db, "marketing-engine-mkt-106-adapt-content", 1, 30_000);
    expect(adapt!.status).toBe("COMPLETED");
    const variants = await t.db.contentPiece.findMany({ where: { parentId: piece.id }, orderBy: { platform: "asc" } });
    expect(variants.map((v) => v.platform).sort()).toEqual(["INSTAGRAM", "X"]);
    for (const v of variants) {
      expect(v.status).toBe("APPROVED");
      const text = [v.body, v.callToAction, v.hashtags.map((h) => `#${h}`).join(" ")].filter(Boolean).join("\n\n");
      expect(text.length).toBeLessThanOrEqual(v.platform === "X" ? 280 : 2200);
    }
    expect(variants.find((v) => v.platform === "X")!.hashtags.length).toBeLessThanOrEqual(2);
    const pubs = await t.db.publication.findMany({ where: { organizationId: o.orgId }, orderBy: { platform: "asc" } });
    expect(pubs.map((p) => [p.platform, p.socialAccountId, p.status]).sort()).toEqual(
      [
        ["INSTAGRAM", ig.id, "SCHEDULED"],
        ["LINKEDIN", linkedin.id, "SCHEDULED"],
        ["X", x.id, "SCHEDULED"],
      ].sort(),
    );
    expect(pubs.every((p) => p.scheduledAt.getTime() === target.getTime())).toBe(true);
    expect(pubs.find((p) => p.platform === "LINKEDIN")!.contentPieceId).toBe(piece.id);
    // Each publication sends its network's approved version, stamped with the decider.
    const approved = await t.db.contentRevision.findMany({ where: { approvalRequestId: request.id } });
    expect(approved.every((v) => v.approvedById === o.editorId && v.approvedVia === "IN_APP")).toBe(true);
    expect(pubs.map((p) => p.revisionId).sort()).toEqual(approved.map((v) => v.id).sort());
    const scheduled = (await eventsNamed(t.db, "publication/scheduled")).filter((e) => pubs.some((p) => p.id === e.data.publicationId));
    expect(scheduled).toHaveLength(3);
    const adapted = (await eventsNamed(t.db, "content/variants.adapted")).find((e) => e.data.contentPieceId === piece.id);
    expect((adapted!.data.variantIds as string[]).sort()).toEqual(variants.map((v) => v.id).sort());

    // A second approved event for the same piece creates nothing new (idempotent per piece).
    await inngest.send({ name: "content/piece.approved", data: { organizationId: o.orgId, contentPieceId: piece.id } });
    await idle(t.db);
    expect(await t.db.contentPiece.count({ where: { parentId: piece.id } })).toBe(2);
    expect(await t.db.publication.count({ where: { organizationId: o.orgId } })).toBe(3);
  });

  it("changes requested: the piece is regenerated with the note as revision 2 and approval is requested again; rejecting that ends it", async () => {
    const o = await seedOrg(t.db);
    const piece = await seedPiece(t.db, o, { platform: "LINKEDIN" });
    await inngest.send({ name: "content/pieces.generated", data: { organizationId: o.orgId, brandId: o.brandId, contentPieceIds: [piece.id] } });
    const first = await pendingRequest(piece.id);
    await decideApproval({ organizationId: o.orgId, approvalRequestId: first.id, decision: "REQUEST_CHANGES", note: "Plus court, et mentionnez Ségou", channel: "IN_APP" });

    const second = await until("revision 2 request", async () => (await t.db.approvalRequest.findFirst({ where: { contentPieceId: piece.id, idempotencyKey: `content:${piece.id}:r2` } })) ?? undefined, 30_000);
    const revised = await t.db.contentPiece.findUniqueOrThrow({ where: { id: piece.id } });
    expect(revised).toMatchObject({ revision: 2, status: "REVIEW" });
    expect(revised.body).not.toBe(piece.body);
    expect(JSON.stringify(revised.generationContext)).toContain("Plus court, et mentionnez Ségou");
    expect(await t.db.approvalRequest.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: "CHANGES_REQUESTED" });
    expect(second.status).toBe("PENDING");

    await pendingRequest(piece.id);
    await decideApproval({ organizationId: o.orgId, approvalRequestId: second.id, decision: "REJECT", channel: "IN_APP" });
    await until("the piece rejected", async () => (await t.db.contentPiece.findUniqueOrThrow({ where: { id: piece.id } })).status === "REJECTED", 30_000);
    expect(await t.db.contentPiece.count({ where: { parentId: piece.id } })).toBe(0);
  });

  it("a brand whose owner turned auto-approve on: approved at once (channel AUTO), no waiting run, and the timeline says so", async () => {
    const o = await seedOrg(t.db, { requireContentApproval: false });
    await seedAccount(t.db, o, "X");
    const piece = await seedPiece(t.db, o, { platform: "LINKEDIN" });
    await inngest.send({ name: "content/pieces.generated", data: { organizationId: o.orgId, brandId: o.brandId, contentPieceIds: [piece.id] } });
    const pub = await until("the X publication", async () => (await t.db.publication.findFirst({ where: { organizationId: o.orgId, platform: "X" } })) ?? undefined, 30_000);
    const req = await t.db.approvalRequest.findFirstOrThrow({ where: { contentPieceId: piece.id } });
    expect(req.status).toBe("APPROVED");
    const decided = (await eventsNamed(t.db, "approval/decided")).find((e) => e.data.approvalRequestId === req.id);
    expect(decided!.data.channel).toBe("AUTO");
    const versions = await t.db.contentRevision.findMany({ where: { approvalRequestId: req.id } });
    expect(versions.map((v) => [v.platform, v.approvedVia]).sort()).toEqual([["LINKEDIN", "AUTO"], ["X", "AUTO"]]);
    expect(pub.revisionId).toBe(versions.find((v) => v.platform === "X")!.id);
    const lines = await t.db.publicationEvent.findMany({ where: { publicationId: pub.id }, orderBy: { at: "asc" } });
    expect(lines.map((l) => (l.payload as { _msg?: { key: string } })._msg?.key)).toEqual(["autoApproved", "scheduled"]);
  });
});
