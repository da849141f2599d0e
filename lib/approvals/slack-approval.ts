import { env } from "@/lib/env";
import { escapeSlack, postSlackMessage, type SlackPostResult } from "@/lib/providers/notify/slack";
import { publicBaseUrl } from "@/lib/providers/storage/signed-url";
import type { RequestSummary } from "./load-request-summary";

/** Slack can carry the approval (Block Kit buttons) only with a bot token, a channel and the signing secret. */
export function slackApprovalsEnabled(): { token: string; channel: string; signingSecret: string | undefined; baseUrl: string | undefined } | null {
  const e = env();
  if (!e.SLACK_BOT_TOKEN || !e.SLACK_DEFAULT_CHANNEL) return null;
  return { token: e.SLACK_BOT_TOKEN, channel: e.SLACK_DEFAULT_CHANNEL, signingSecret: e.SLACK_SIGNING_SECRET, baseUrl: e.SLACK_API_BASE_URL };
}

export const SLACK_ACTION = { approve: "approval_approve", reject: "approval_reject", changes: "approval_request_changes" } as const;

/** Button value: which request, in which organisation (the payload is signed by Slack; the id is re-checked in the org). */
export function slackButtonValue(s: Pick<RequestSummary, "organizationId" | "id">): string {
  return `${s.organizationId}:${s.id}`;
}

/**
 * The MKT-104 Block Kit message: platform + revision, truncated text, thumbnail, and the buttons
 * Approve | Request changes | Reject. "Request changes" needs a note, so it opens the queue at the
 * item (a URL button); without SLACK_SIGNING_SECRET every button is a link to the queue.
 */
export function buildSlackApprovalMessage(s: RequestSummary, opts: { channel: string; interactive: boolean }) {
  const queueUrl = `${publicBaseUrl()}/${s.orgSlug}/approvals?focus=${s.id}`;
  const excerpt = s.excerpt.length > 600 ? `${s.excerpt.slice(0, 597)}…` : s.excerpt;
  const tags = s.hashtags.map((h) => (h.startsWith("#") ? h : `#${h}`)).join(" ");
  const section: Record<string, unknown> = { type: "section", text: { type: "mrkdwn", text: `*${escapeSlack(s.title)}*\n${escapeSlack(excerpt)}${tags ? `\n_${escapeSlack(tags)}_` : ""}` } };
  if (s.imageUrl) section.accessory = { type: "image", image_url: s.imageUrl, alt_text: "preview" };
  const value = slackButtonValue(s);
  const buttons = opts.interactive
    ? [
        { type: "button", action_id: SLACK_ACTION.approve, style: "primary", text: { type: "plain_text", text: "Approuver / Approve" }, value },
        { type: "button", action_id: SLACK_ACTION.changes, text: { type: "plain_text", text: "Modifier / Request changes" }, url: queueUrl, value },
        {
          type: "button",
          action_id: SLACK_ACTION.reject,
          style: "danger",
          text: { type: "plain_text", text: "Rejeter / Reject" },
          value,
          confirm: { title: { type: "plain_text", text: "Rejeter ? / Reject?" }, text: { type: "mrkdwn", text: escapeSlack(s.title) }, confirm: { type: "plain_text", text: "Rejeter / Reject" }, deny: { type: "plain_text", text: "Annuler / Cancel" } },
        },
      ]
    : [{ type: "button", action_id: "approval_open", text: { type: "plain_text", text: "Examiner / Review" }, url: queueUrl }];
  return {
    channel: opts.channel,
    text: `À approuver / To approve: ${s.title}`,
    blocks: [
      { type: "context", elements: [{ type: "mrkdwn", text: `:memo: *${escapeSlack(s.orgName)}* · ${escapeSlack(s.platform ?? "multi")} · r${s.revision}` }] },
      section,
      { type: "actions", block_id: `approval:${s.id}`, elements: buttons },
    ],
  };
}

export async function postSlackApproval(s: RequestSummary): Promise<SlackPostResult | null> {
  const cfg = slackApprovalsEnabled();
  if (!cfg) return null;
  return postSlackMessage({ token: cfg.token, baseUrl: cfg.baseUrl, message: buildSlackApprovalMessage(s, { channel: cfg.channel, interactive: !!cfg.signingSecret }) });
}

export type SlackAction = { decision: "APPROVE" | "REJECT"; organizationId: string; approvalRequestId: string; slackUser: string } | null;

/** A block_actions payload -> the decision it carries (URL buttons and unknown actions -> null). */
export function parseSlackAction(payload: unknown): SlackAction {
  const p = payload as { type?: string; user?: { id?: string; username?: string; name?: string }; actions?: { action_id?: string; value?: string }[] };
  if (p?.type !== "block_actions" || !Array.isArray(p.actions)) return null;
  const a = p.actions[0];
  const decision = a?.action_id === SLACK_ACTION.approve ? "APPROVE" : a?.action_id === SLACK_ACTION.reject ? "REJECT" : null;
  const m = /^([\w-]{1,64}):([\w-]{1,64})$/.exec(a?.value ?? "");
  if (!decision || !m) return null;
  return { decision, organizationId: m[1]!, approvalRequestId: m[2]!, slackUser: p.user?.username ?? p.user?.name ?? p.user?.id ?? "unknown" };
}
