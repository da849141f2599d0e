import { db } from "@/lib/db/client";
import { childLogger } from "@/lib/log";
import { loadRequestSummary } from "./load-request-summary";
import { postSlackApproval } from "./slack-approval";

/**
 * MKT-104 in-app + Slack: one in-app notification for the organisation (dedupe key per request, so a
 * re-run adds nothing) and, when Slack is configured, the Block Kit message with the buttons, posted
 * only when the in-app row is new (at most once). Email is sendApprovalEmails().
 */
export async function notifyApprovalRequested(opts: { organizationId: string; approvalRequestId: string }): Promise<{ inApp: "created" | "exists"; slack: "sent" | "failed" | "disabled" | "skipped" }> {
  const s = await loadRequestSummary(opts);
  if (s.status !== "PENDING") return { inApp: "exists", slack: "skipped" };
  const inserted = await db().notification.createManyAndReturn({
    data: [
      {
        organizationId: s.organizationId,
        type: "approval.requested",
        severity: "INFO",
        title: `À approuver : ${s.title}`.slice(0, 200),
        body: s.excerpt.slice(0, 280),
        actionUrl: `/${s.orgSlug}/approvals?focus=${s.id}`,
        data: { approvalRequestId: s.id, platform: s.platform, revision: s.revision },
        dedupeKey: `approval:${s.id}:requested`,
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (inserted.length === 0) return { inApp: "exists", slack: "skipped" };
  const result = await postSlackApproval(s);
  if (!result) return { inApp: "created", slack: "disabled" };
  const slack = result.ok ? { ok: true, channel: result.channel, ts: result.ts } : { ok: false, error: result.error };
  await db().notification.update({ where: { id: inserted[0]!.id }, data: { data: { approvalRequestId: s.id, platform: s.platform, revision: s.revision, slack } } });
  if (!result.ok) childLogger({ organizationId: s.organizationId }).warn({ error: result.error, approvalRequestId: s.id }, "slack approval message failed (kept in-app and email)");
  return { inApp: "created", slack: result.ok ? "sent" : "failed" };
}
