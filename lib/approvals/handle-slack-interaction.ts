import "server-only";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { decideApproval } from "./decide-approval";
import { parseSlackAction } from "./slack-approval";
import { verifySlackSignature } from "./slack-signature";

export type SlackInteractionResult = { handled: boolean; outcome: "decided" | "already_decided" | "not_found" | "ignored"; status?: string };

/**
 * POST /api/slack/interactivity: Slack sends `payload=<json>` form-encoded, signed with v0 (5-minute
 * tolerance). Bad or stale signature -> 401 and nothing happens. A valid click decides through
 * decideApproval (channel SLACK); a request already decided is answered 200 (Slack would retry otherwise).
 */
export async function handleSlackInteraction(opts: { rawBody: string; timestamp: string | null; signature: string | null; now?: Date }): Promise<SlackInteractionResult> {
  const secret = env().SLACK_SIGNING_SECRET;
  if (!secret) throw new AppError("not_found", "approvals.slackNotConfigured");
  const check = verifySlackSignature({ secret, timestamp: opts.timestamp, signature: opts.signature, body: opts.rawBody, now: opts.now });
  if (!check.ok) throw new AppError("unauthorized", "approvals.slackSignature", { field: "X-Slack-Signature", values: { reason: check.reason } });
  const raw = new URLSearchParams(opts.rawBody).get("payload");
  let payload: unknown;
  try {
    payload = raw ? JSON.parse(raw) : null;
  } catch {
    throw new AppError("bad_request", "approvals.slackPayload", { field: "payload" });
  }
  const action = parseSlackAction(payload);
  if (!action) return { handled: false, outcome: "ignored" };
  try {
    const d = await decideApproval({
      organizationId: action.organizationId,
      approvalRequestId: action.approvalRequestId,
      decision: action.decision,
      note: `Slack: @${action.slackUser}`,
      channel: "SLACK",
      now: opts.now,
    });
    return { handled: true, outcome: "decided", status: d.status };
  } catch (err) {
    if (isAppError(err) && err.code === "conflict") return { handled: true, outcome: "already_decided" };
    if (isAppError(err) && err.code === "not_found") return { handled: true, outcome: "not_found" };
    throw err;
  }
}
