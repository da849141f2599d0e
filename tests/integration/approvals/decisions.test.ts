import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import type { AppServer } from "@/tests/integration/runtime/harness";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { eventsNamed, seedOrg, seedPiece, startEventServer, stopEventServer } from "./support";

let t: TestDatabase;
let server: AppServer;
let L: {
  requestApproval: typeof import("@/lib/approvals/request-approval").requestApproval;
  decideApproval: typeof import("@/lib/approvals/decide-approval").decideApproval;
  listApprovals: typeof import("@/lib/approvals/list-approvals").listApprovals;
  decideApprovalsBulk: typeof import("@/lib/approvals/decide-approvals-bulk").decideApprovalsBulk;
  listAdaptationTargets: typeof import("@/lib/content/adaptation/adapt-content-piece").listAdaptationTargets;
  adaptPieceToPlatform: typeof import("@/lib/content/adaptation/adapt-content-piece").adaptPieceToPlatform;
};

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startEventServer();
  L = {
    ...(await import("@/lib/approvals/request-approval")),
    ...(await import("@/lib/approvals/decide-approval")),
    ...(await import("@/lib/approvals/list-approvals")),
    ...(await import("@/lib/approvals/decide-approvals-bulk")),
    ...(await import("@/lib/content/adaptation/adapt-content-piece")),
  };
});
afterAll(async () => {
  await stopEventServer(server);
  await t?.cleanup();
});

const codeOf = async (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (isAppError(e) ? e.code : String(e)));

describe("requestApproval (MKT-104)", () => {
  it("is idempotent per piece revision and puts the piece in REVIEW with a priority from its publication time", async () => {
    const o = await seedOrg(t.db);
    const piece = await seedPiece(t.db, o, { targetPublishAt: new Date(Date.now() + 6 * 3600_000) });
    const [a, b] = await Promise.all([L.requestApproval({ organizationId: o.orgId, contentPieceId: piece.id }), L.requestApproval({ organizationId: o.orgId, contentPieceId: piece.id })]);
    expect(a.approvalRequestId).toBe(b.approvalRequestId);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    const rows = await t.db.approvalRequest.findMany({ where: { contentPieceId: piece.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "PENDING", priority: "URGENT", idempotencyKey: `content:${piece.id}:r1` });
    expect(rows[0]!.nextReminderAt!.getTime() - rows[0]!.createdAt.getTime()).toBe(24 * 3600_000);
    expect((await t.db.contentPiece.findUniqueOrThrow({ where: { id: piece.id } })).status).toBe("REVIEW");
  });

  it("approves at once when an owner turned content approval off for the brand", async () => {
    const o = await seedOrg(t.db, { requireContentApproval: false });
    const piece = await seedPiece(t.db, o);
    const r = await L.requestApproval({ organizationId: o.orgId, contentPieceId: piece.id });
    expect(r).toMatchObject({ autoApproved: true, status: "APPROVED" });
    expect((await t.db.contentPiece.findUniqueOrThrow({ where: { id: piece.id } })).status).toBe("APPROVED");
  });

  it("another organisation's piece is not found", async () => {
    const a = await seedOrg(t.db);
    const b = await seedOrg(t.db);
    const piece = await seedPiece(t.db, a);
    expect(await codeOf(L.requestApproval({ organizationId: b.orgId, contentPieceId: piece.id }))).toBe("not_found");
  });
});

describe("decideApproval", () => {
  it("concurrent decisions: exactly one wins, the others get 409 and write nothing; approval/decided is sent once", async () => {
    const o = await seedOrg(t.db);
    const piece = await seedPiece(t.db, o);
    const { approvalRequestId } = await L.requestApproval({ organizationId: o.orgId, contentPieceId: piece.id });
    const decisions = ["APPROVE", "REJECT", "REQUEST_CHANGES", "APPROVE", "REJECT", "APPROVE", "REQUEST_CHANGES", "APPROVE"] as const;
    const results = await Promise.allSettled(decisions.map((decision, i) => L.decideApproval({ organizationId: o.orgId, approvalRequestId, decision, note: `note ${i}`, decidedById: o.editorId, channel: "IN_APP" })));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").every((r) => isAppError((r as PromiseRejectedResult).reason) && (r as PromiseRejectedResult).reason.code === "conflict")).toBe(true);
    expect(await t.db.approvalDecision.count({ where: { requestId: approvalRequestId } })).toBe(1);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof L.decideApproval>>>).value;
    const row = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approvalRequestId } });
    expect(row.status).toBe(winner.status);
    expect(row.decisionNote).toBe(winner.note);
    expect(winner.emitted).toBe(true);
    const sent = (await eventsNamed(t.db, "approval/decided")).filter((e) => e.data.approvalRequestId === approvalRequestId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ externalId: `approval-decided-${approvalRequestId}`, data: { organizationId: o.orgId, channel: "APP", decidedById: o.editorId } });
    // A later decision is a conflict too.
    expect(await codeOf(L.decideApproval({ organizationId: o.orgId, approvalRequestId, decision: "APPROVE", channel: "IN_APP" }))).toBe("conflict");
  });

  it("request changes needs a note", async () => {
    const o = await seedOrg(t.db);
    const { approvalRequestId } = await L.requestApproval({ organizationId: o.orgId, contentPieceId: (await seedPiece(t.db, o)).id });
    expect(await codeOf(L.decideApproval({ organizationId: o.orgId, approvalRequestId, decision: "REQUEST_CHANGES", note: "  ", channel: "IN_APP" }))).toBe("validation");
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approvalRequestId } })).status).toBe("PENDING");
  });

  it("another organisation's request id -> not found, nothing changes, and it is not in their list", async () => {
    const a = await seedOrg(t.db);
    const b = await seedOrg(t.db);
    const { approvalRequestId } = await L.requestApproval({ organizationId: a.orgId, contentPieceId: (await seedPiece(t.db, a)).id });
    expect(await codeOf(L.decideApproval({ organizationId: b.orgId, approvalRequestId, decision: "APPROVE", channel: "IN_APP" }))).toBe("not_found");
    expect(await t.db.approvalDecision.count({ where: { requestId: approvalRequestId } })).toBe(0);
    expect((await L.listApprovals({ organizationId: b.orgId })).map((i) => i.id)).not.toContain(approvalRequestId);
    expect((await L.listApprovals({ organizationId: a.orgId })).map((i) => i.id)).toContain(approvalRequestId);
    const bulk = await L.decideApprovalsBulk({ organizationId: b.orgId, ids: [approvalRequestId], decision: "REJECT" });
    expect(bulk).toEqual({ decided: [], conflicts: [], notFound: [approvalRequestId] });
  });

  it("bulk: decides the pending ones and reports the already decided", async () => {
    const o = await seedOrg(t.db);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await L.requestApproval({ organizationId: o.orgId, contentPieceId: (await seedPiece(t.db, o)).id })).approvalRequestId);
    await L.decideApproval({ organizationId: o.orgId, approvalRequestId: ids[0]!, decision: "REJECT", channel: "IN_APP" });
    const res = await L.decideApprovalsBulk({ organizationId: o.orgId, ids, decision: "APPROVE", decidedById: o.ownerId });
    expect(res).toEqual({ decided: [ids[1], ids[2]], conflicts: [ids[0]], notFound: [] });
    expect(await t.db.approvalRequest.count({ where: { id: { in: ids }, status: "APPROVED" } })).toBe(2);
  });
});

/** MKT-106 before the request, as MKT-104 runs it: one variant per other network of the brand. */
async function adaptThenRequest(organizationId: string, contentPieceId: string) {
  const targets = await L.listAdaptationTargets({ organizationId, contentPieceId });
  for (const platform of targets.platforms) await L.adaptPieceToPlatform({ organizationId, contentPieceId, platform });
  return L.requestApproval({ organizationId, contentPieceId });
}

describe("listApprovals", () => {
  it("shows one exact version per network, within each network's limits", async () => {
    const o = await seedOrg(t.db);
    for (const p of ["X", "INSTAGRAM"] as const) await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform: p, externalId: `x-${p}-${o.orgId}`, name: p, isSandbox: true } });
    const piece = await seedPiece(t.db, o, { body: "Une très longue histoire. ".repeat(40) });
    const { approvalRequestId } = await adaptThenRequest(o.orgId, piece.id);
    const [item] = (await L.listApprovals({ organizationId: o.orgId })).filter((i) => i.id === approvalRequestId);
    expect(item!.networks.map((p) => p.platform)).toEqual(["LINKEDIN", "INSTAGRAM", "X"]);
    expect(item!.networks[0]!.primary).toBe(true);
    const x = item!.networks.find((p) => p.platform === "X")!;
    expect(x.length).toBeLessThanOrEqual(280);
    expect(x.maxTextLength).toBe(280);
    expect(x.text.match(/#\w+/g)?.length ?? 0).toBeLessThanOrEqual(2);
    const revision = await t.db.contentRevision.findUniqueOrThrow({ where: { id: x.revisionId } });
    expect(revision.text).toBe(x.text);
  });

  it("covers the organisation's unassigned accounts too (connected in Settings, no brand), never another brand's", async () => {
    const o = await seedOrg(t.db);
    const other = await t.db.brand.create({ data: { organizationId: o.orgId, name: "Autre", slug: `autre-${o.orgId}`, voice: "v", targetAudience: "a", contentGuidelines: "g" } });
    await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: null, platform: "FACEBOOK", externalId: `fb-${o.orgId}`, name: "FB", isSandbox: true } });
    await t.db.socialAccount.create({ data: { organizationId: o.orgId, brandId: other.id, platform: "X", externalId: `x-other-${o.orgId}`, name: "X", isSandbox: true } });
    const piece = await seedPiece(t.db, o, { body: "Bonjour" });
    const { approvalRequestId } = await adaptThenRequest(o.orgId, piece.id);
    const [item] = (await L.listApprovals({ organizationId: o.orgId })).filter((i) => i.id === approvalRequestId);
    expect(item!.networks.map((p) => p.platform)).toEqual(["LINKEDIN", "FACEBOOK"]);
  });
});
