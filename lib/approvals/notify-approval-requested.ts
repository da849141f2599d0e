import { notify, type NotificationMessage } from "@/lib/providers/notify";
import { loadRequestSummary, type RequestSummary } from "./load-request-summary";
import { buildSlackApprovalMessage, slackApprovalsInteractive } from "./slack-approval";

/** What an approval request says in notifications: its title, and its text with the hashtags. */
export function approvalRequestedMessage(s: RequestSummary): NotificationMessage {
  const tags = s.hashtags.map((h) => (h.startsWith("#") ? h : `#${h}`)).join(" ");
  return { key: "approvalRequested", values: { title: s.title, excerpt: [s.excerpt.slice(0, 600), tags].filter(Boolean).join("\n") } };
}

/**
 * MKT-104 in-app + Slack through notify(): one in-app notification for the organisation (dedupe key
 * per request, so a re-run adds nothing) and, when Slack is configured, the Block Kit message with the
 * buttons in the organisation's language, posted only when the in-app row is new (at most once).
 * Email is sendApprovalEmails() (a message per approver with their own signed links).
 */
export async function notifyApprovalRequested(opts: { organizationId: string; approvalRequestId: string }): Promise<{ inApp: "created" | "exists"; slack: "sent" | "failed" | "disabled" | "skipped" }> {
  const s = await loadRequestSummary(opts);
  if (s.status !== "PENDING") return { inApp: "exists", slack: "skipped" };
  const res = await notify({
    organizationId: s.organizationId,
    to: "organization",
    type: "approval.requested",
    severity: "INFO",
    message: approvalRequestedMessage(s),
    actionUrl: `/${s.orgSlug}/approvals?focus=${s.id}`,
    dedupeKey: `approval:${s.id}:requested`,
    data: { approvalRequestId: s.id, platform: s.platform, revision: s.revision },
    slack: (ctx) => buildSlackApprovalMessage(s, ctx, { interactive: slackApprovalsInteractive() }),
  });
  return { inApp: res.created > 0 ? "created" : "exists", slack: res.slack };
}
