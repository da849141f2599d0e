import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackSignature } from "@/lib/approvals/slack-signature";
import { resetEnvCache } from "@/lib/env";
import { openSealedEmail } from "@/lib/providers/email/sealed";
import type { AppServer } from "@/tests/integration/runtime/harness";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedOrg, seedPiece, startEventServer, stopEventServer } from "./support";

let t: TestDatabase;
let server: AppServer;
let L: typeof import("@/lib/approvals/request-approval") &
  typeof import("@/lib/approvals/decide-approval") &
  typeof import("@/lib/approvals/create-action-token") &
  typeof import("@/lib/approvals/redeem-action-token") &
  typeof import("@/lib/approvals/remind-pending") &
  typeof import("@/lib/approvals/send-approval-email") &
  typeof import("@/lib/approvals/handle-slack-interaction");
let emailRoute: typeof import("@/app/api/approvals/email/route");
let slackRoute: typeof import("@/app/api/slack/interactivity/route");

const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startEventServer();
  process.env.SLACK_SIGNING_SECRET = SIGNING_SECRET;
  resetEnvCache();
  L = {
    ...(await import("@/lib/approvals/request-approval")),
    ...(await import("@/lib/approvals/decide-approval")),
    ...(await import("@/lib/approvals/create-action-token")),
    ...(await import("@/lib/approvals/redeem-action-token")),
    ...(await import("@/lib/approvals/remind-pending")),
    ...(await import("@/lib/approvals/send-approval-email")),
    ...(await import("@/lib/approvals/handle-slack-interaction")),
  } as typeof L;
  emailRoute = await import("@/app/api/approvals/email/route");
  slackRoute = await import("@/app/api/slack/interactivity/route");
});
afterAll(async () => {
  delete process.env.SLACK_SIGNING_SECRET;
  await stopEventServer(server);
  await t?.cleanup();
});

async function pending(opts: { requireContentApproval?: boolean } = {}) {
  const o = await seedOrg(t.db, opts);
  const piece = await seedPiece(t.db, o);
  const r = await L.requestApproval({ organizationId: o.orgId, contentPieceId: piece.id });
  return { o, piece, approvalRequestId: r.approvalRequestId };
}
const redeemViaRoute = (token: string, note?: string) =>
  emailRoute.POST(new Request("http://localhost/api/approvals/email", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, ...(note ? { note } : {}) }) }), { params: Promise.resolve({}) });

describe("email action tokens (signed, expiring, single use)", () => {
  it("approval emails: one per approver (viewers excluded), three signed links each, idempotent on re-run", async () => {
    const { o, approvalRequestId } = await pending();
    expect(await L.sendApprovalEmails({ organizationId: o.orgId, approvalRequestId })).toEqual({ sent: 2, skipped: 0 });
    expect(await L.sendApprovalEmails({ organizationId: o.orgId, approvalRequestId })).toEqual({ sent: 0, skipped: 2 });
    // The links as sent are in the sealed copy only (issue 10, row 8; tests/integration/security/outbox-sealed.test.ts).
    const mails = (await t.db.outboxEmail.findMany({ where: { organizationId: o.orgId } })).map(openSealedEmail);
    expect(mails).toHaveLength(2);
    expect(mails.every((m) => (m.text ?? "").match(/\/approve\/[\w-]+\.[\w-]+/g)?.length === 3)).toBe(true);
    expect(await t.db.approvalActionToken.count({ where: { requestId: approvalRequestId } })).toBe(6);
    // Stored hashed: no token from the mails is in the table.
    const tokens = mails.flatMap((m) => (m.text ?? "").match(/\/approve\/([\w-]+\.[\w-]+)/g) ?? []).map((u) => u.replace("/approve/", ""));
    expect(await t.db.approvalActionToken.count({ where: { tokenHash: { in: tokens } } })).toBe(0);
  });

  it("a valid link decides once; the second use -> 409 and no second decision", async () => {
    const { o, approvalRequestId } = await pending();
    const { token } = await L.createActionToken({ organizationId: o.orgId, approvalRequestId, action: "APPROVE", userId: o.ownerId });
    expect((await L.inspectActionToken({ token })).state).toBe("valid");
    const first = await redeemViaRoute(token);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { decision: { status: string } }).decision.status).toBe("APPROVED");
    const second = await redeemViaRoute(token);
    expect(second.status).toBe(409);
    expect(await t.db.approvalDecision.count({ where: { requestId: approvalRequestId } })).toBe(1);
    const decision = await t.db.approvalDecision.findFirstOrThrow({ where: { requestId: approvalRequestId } });
    expect(decision).toMatchObject({ channel: "EMAIL", decidedById: o.ownerId });
    expect(decision.actionTokenId).not.toBeNull();
    expect((await L.inspectActionToken({ token })).state).toBe("used");
  });

  it("expired link -> 4xx, no decision, token unused", async () => {
    const { o, approvalRequestId } = await pending();
    const issued = new Date(Date.now() - 73 * 3600_000);
    const { token } = await L.createActionToken({ organizationId: o.orgId, approvalRequestId, action: "APPROVE", now: issued });
    expect((await L.inspectActionToken({ token })).state).toBe("expired");
    const res = await redeemViaRoute(token);
    expect(res.status).toBe(400);
    expect(await t.db.approvalDecision.count({ where: { requestId: approvalRequestId } })).toBe(0);
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approvalRequestId } })).status).toBe("PENDING");
  });

  it("tampered link (action swapped, signature kept) -> 400 and no decision", async () => {
    const { o, approvalRequestId } = await pending();
    const { token } = await L.createActionToken({ organizationId: o.orgId, approvalRequestId, action: "REJECT" });
    const [body, mac] = token.split(".") as [string, string];
    const forged = Buffer.from(Buffer.from(body, "base64url").toString().replace("REJECT", "APPROVE")).toString("base64url");
    expect((await redeemViaRoute(`${forged}.${mac}`)).status).toBe(400);
    expect((await redeemViaRoute(`${body}.${mac.slice(0, -3)}AAA`)).status).toBe(400);
    expect(await t.db.approvalDecision.count({ where: { requestId: approvalRequestId } })).toBe(0);
  });

  it("a link for a request already decided in the app -> 409, token left unused", async () => {
    const { o, approvalRequestId } = await pending();
    const { token } = await L.createActionToken({ organizationId: o.orgId, approvalRequestId, action: "REJECT" });
    await L.decideApproval({ organizationId: o.orgId, approvalRequestId, decision: "APPROVE", channel: "IN_APP" });
    expect((await redeemViaRoute(token)).status).toBe(409);
    expect((await t.db.approvalActionToken.findFirstOrThrow({ where: { requestId: approvalRequestId, action: "REJECT" } })).usedAt).toBeNull();
  });

  it("request-changes link needs the note", async () => {
    const { o, approvalRequestId } = await pending();
    const { token } = await L.createActionToken({ organizationId: o.orgId, approvalRequestId, action: "REQUEST_CHANGES" });
    expect((await redeemViaRoute(token)).status).toBe(422);
    expect((await redeemViaRoute(token, "Plus court, et citez Ségou")).status).toBe(200);
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approvalRequestId } })).decisionNote).toBe("Plus court, et citez Ségou");
  });
});

describe("MKT-105 reminders (injected clock)", () => {
  it("pending > 24 h: one reminder per 6-hour slot, counted; re-runs in a slot send nothing; none after the decision", async () => {
    const { o, approvalRequestId } = await pending();
    const created = (await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approvalRequestId } })).createdAt.getTime();
    const at = (h: number) => new Date(created + h * 3600_000);
    const mine = async (h: number) => (await L.remindPendingApprovals({ now: at(h), organizationId: o.orgId })).reminded.map((r) => r.reminderNumber);
    expect(await mine(23.9)).toEqual([]);
    expect(await mine(24)).toEqual([1]);
    expect(await mine(24.5)).toEqual([]);
    expect(await mine(29.9)).toEqual([]);
    expect(await mine(30)).toEqual([2]);
    expect(await mine(30)).toEqual([]);
    expect(await mine(37)).toEqual([3]);
    const row = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approvalRequestId } });
    expect(row.reminderCount).toBe(3);
    expect(row.lastReminderAt).toEqual(at(37));
    expect(row.nextReminderAt).toEqual(at(42));
    expect((await t.db.approvalReminder.findMany({ where: { requestId: approvalRequestId }, orderBy: { reminderNumber: "asc" } })).map((r) => r.reminderNumber)).toEqual([1, 2, 3]);
    expect(await t.db.notification.count({ where: { organizationId: o.orgId, type: "approval.reminder" } })).toBe(3);
    expect(await t.db.outboxEmail.count({ where: { organizationId: o.orgId, idempotencyKey: { contains: ":reminder:" } } })).toBe(6);
    await L.decideApproval({ organizationId: o.orgId, approvalRequestId, decision: "APPROVE", channel: "IN_APP" });
    expect(await mine(48)).toEqual([]);
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approvalRequestId } })).reminderCount).toBe(3);
  });

  it("concurrent sweeps in the same slot count one reminder", async () => {
    const { o, approvalRequestId } = await pending();
    const created = (await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approvalRequestId } })).createdAt.getTime();
    const now = new Date(created + 25 * 3600_000);
    await Promise.all([1, 2, 3].map(() => L.remindPendingApprovals({ now, organizationId: o.orgId })));
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approvalRequestId } })).reminderCount).toBe(1);
    expect(await t.db.notification.count({ where: { organizationId: o.orgId, type: "approval.reminder" } })).toBe(1);
  });
});

describe("Slack interactivity (signed)", () => {
  function click(opts: { organizationId: string; approvalRequestId: string; action: string; ts: number; secret?: string; tamper?: boolean }) {
    const payload = { type: "block_actions", user: { id: "U1", username: "awa" }, actions: [{ action_id: opts.action, value: `${opts.organizationId}:${opts.approvalRequestId}` }] };
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const signature = slackSignature({ secret: opts.secret ?? SIGNING_SECRET, timestamp: String(opts.ts), body });
    return slackRoute.POST(
      new Request("http://localhost/api/slack/interactivity", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(opts.ts), "x-slack-signature": signature },
        body: opts.tamper ? body.replace("awa", "eve") : body,
      }),
      { params: Promise.resolve({}) },
    );
  }
  const nowTs = () => Math.floor(Date.now() / 1000);

  it("a signed Approve click decides (channel SLACK); a second click is answered 200 without a second decision", async () => {
    const { o, approvalRequestId } = await pending();
    const res = await click({ organizationId: o.orgId, approvalRequestId, action: "approval_approve", ts: nowTs() });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: "decided" });
    expect(await t.db.approvalDecision.findFirstOrThrow({ where: { requestId: approvalRequestId } })).toMatchObject({ decision: "APPROVE", channel: "SLACK", note: "Slack: @awa" });
    expect(await (await click({ organizationId: o.orgId, approvalRequestId, action: "approval_reject", ts: nowTs() })).json()).toEqual({ ok: true, outcome: "already_decided" });
    expect(await t.db.approvalDecision.count({ where: { requestId: approvalRequestId } })).toBe(1);
  });

  it("stale timestamp (-301 s), wrong secret or a modified body -> 401 and no decision", async () => {
    const { o, approvalRequestId } = await pending();
    expect((await click({ organizationId: o.orgId, approvalRequestId, action: "approval_reject", ts: nowTs() - 301 })).status).toBe(401);
    expect((await click({ organizationId: o.orgId, approvalRequestId, action: "approval_reject", ts: nowTs(), secret: "not-the-secret" })).status).toBe(401);
    expect((await click({ organizationId: o.orgId, approvalRequestId, action: "approval_reject", ts: nowTs(), tamper: true })).status).toBe(401);
    expect(await t.db.approvalDecision.count({ where: { requestId: approvalRequestId } })).toBe(0);
  });

  it("a button carrying another organisation's id decides nothing", async () => {
    const a = await pending();
    const b = await seedOrg(t.db);
    const res = await click({ organizationId: b.orgId, approvalRequestId: a.approvalRequestId, action: "approval_approve", ts: nowTs() });
    expect(await res.json()).toEqual({ ok: true, outcome: "not_found" });
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: a.approvalRequestId } })).status).toBe("PENDING");
  });
});
