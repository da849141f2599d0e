import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashActionToken, verifyActionToken, type ActionTokenAction } from "./action-token";
import { decideApproval, type DecisionDto } from "./decide-approval";

export type ActionTokenView = {
  state: "valid" | "used" | "expired" | "decided";
  action: ActionTokenAction;
  approvalRequestId: string;
  title: string;
  summary: string | null;
  status: string;
  expiresAt: string;
};

/** Signature, then the stored row (hash lookup). Invalid or unknown -> 400, never a hint of what exists. */
async function load(token: string, now: Date) {
  const check = verifyActionToken(token, { now });
  if (!check.ok && check.reason !== "expired") throw new AppError("bad_request", "approvals.linkInvalid", { field: "token" });
  const row = await db().approvalActionToken.findUnique({
    where: { tokenHash: hashActionToken(token) },
    select: { id: true, organizationId: true, requestId: true, action: true, userId: true, expiresAt: true, usedAt: true, request: { select: { title: true, summary: true, status: true } } },
  });
  if (!row) throw new AppError("bad_request", "approvals.linkInvalid", { field: "token" });
  return { row, expired: !check.ok || row.expiresAt.getTime() <= now.getTime() };
}

/** What the confirmation page shows (GET never acts: mail scanners prefetch links). */
export async function inspectActionToken(opts: { token: string; now?: Date }): Promise<ActionTokenView> {
  const { row, expired } = await load(opts.token, opts.now ?? new Date());
  const state = row.usedAt ? "used" : expired ? "expired" : row.request.status !== "PENDING" ? "decided" : "valid";
  return { state, action: row.action, approvalRequestId: row.requestId, title: row.request.title, summary: row.request.summary, status: row.request.status, expiresAt: row.expiresAt.toISOString() };
}

/**
 * POST of the confirmation page: consume the token (usedAt set only if unused and unexpired, in the
 * same transaction as the decision, so a token decides at most once) and decide. Expired -> 400,
 * used -> 409, request already decided -> 409 (and the token stays unused).
 */
export async function redeemActionToken(opts: { token: string; note?: string; now?: Date }): Promise<DecisionDto> {
  const now = opts.now ?? new Date();
  const { row, expired } = await load(opts.token, now);
  if (row.usedAt) throw new AppError("conflict", "approvals.linkUsed", { field: "token" });
  if (expired) throw new AppError("bad_request", "approvals.linkExpired", { field: "token" });
  return decideApproval({
    organizationId: row.organizationId,
    approvalRequestId: row.requestId,
    decision: row.action,
    note: opts.note,
    decidedById: row.userId,
    channel: "EMAIL",
    actionToken: { id: row.id },
    now,
  });
}
