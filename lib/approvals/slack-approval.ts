import "server-only";
import { env } from "@/lib/env";
import type { SlackContext } from "@/lib/providers/notify";
import { platformName } from "@/lib/providers/notify/messages";
import { escapeSlack, type SlackMessage } from "@/lib/providers/notify/slack";
import { publicBaseUrl } from "@/lib/providers/storage/signed-url";
import type { RequestSummary } from "./load-request-summary";

/** Slack buttons decide only when Slack can sign its calls to us (SLACK_SIGNING_SECRET); otherwise they link to the queue. */
export const slackApprovalsInteractive = (): boolean => !!env().SLACK_SIGNING_SECRET;

export const SLACK_ACTION = { approve: "approval_approve", reject: "approval_reject", changes: "approval_request_changes" } as const;

/** Button value: which request, in which organisation (the payload is signed by Slack; the id is re-checked in the org). */
export function slackButtonValue(s: Pick<RequestSummary, "organizationId" | "id">): string {
  return `${s.organizationId}:${s.id}`;
}

/**
 * The MKT-104 Block Kit message, in the organisation's language (`ctx` from notify()): platform +
 * revision, truncated text, thumbnail, and the buttons Approve | Request changes | Reject.
 * "Request changes" needs a note, so it opens the queue at the item (a URL button); without
 * SLACK_SIGNING_SECRET every button is a link to the queue.
 */
export function buildSlackApprovalMessage(s: RequestSummary, ctx: Pick<SlackContext, "label" | "text" | "locale">, opts: { interactive: boolean }): Omit<SlackMessage, "channel"> {
  const queueUrl = `${publicBaseUrl()}/${s.orgSlug}/approvals?focus=${s.id}`;
  const excerpt = s.excerpt.length > 600 ? `${s.excerpt.slice(0, 597)}…` : s.excerpt;
  const tags = s.hashtags.map((h) => (h.startsWith("#") ? h : `#${h}`)).join(" ");
  const section: Record<string, unknown> = { type: "section", text: { type: "mrkdwn", text: `*${escapeSlack(s.title)}*\n${escapeSlack(excerpt)}${tags ? `\n_${escapeSlack(tags)}_` : ""}` } };
  if (s.imageUrl) section.accessory = { type: "image", image_url: s.imageUrl, alt_text: ctx.label("preview") };
  const value = slackButtonValue(s);
  const text = (l: Parameters<SlackContext["label"]>[0]) => ({ type: "plain_text", text: ctx.label(l) });
  const buttons = opts.interactive
    ? [
        { type: "button", action_id: SLACK_ACTION.approve, style: "primary", text: text("approve"), value },
        { type: "button", action_id: SLACK_ACTION.changes, text: text("requestChanges"), url: queueUrl, value },
        {
          type: "button",
          action_id: SLACK_ACTION.reject,
          style: "danger",
          text: text("reject"),
          value,
          confirm: { title: text("rejectConfirm"), text: { type: "mrkdwn", text: escapeSlack(s.title) }, confirm: text("reject"), deny: text("cancel") },
        },
      ]
    : [{ type: "button", action_id: "approval_open", text: text("review"), url: queueUrl }];
  return {
    text: ctx.text.title,
    blocks: [
      { type: "context", elements: [{ type: "mrkdwn", text: `:memo: *${escapeSlack(s.orgName)}* · ${escapeSlack(s.platform ? platformName(s.platform, ctx.locale) : ctx.label("allNetworks"))} · r${s.revision}` }] },
      section,
      { type: "actions", block_id: `approval:${s.id}`, elements: buttons },
    ],
  };
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
