import "server-only";
import { db } from "@/lib/db/client";
import { sendNotificationEmail } from "@/lib/providers/notify";
import { publicBaseUrl } from "@/lib/providers/storage/signed-url";
import { listApprovers } from "./approvers";
import { createActionToken } from "./create-action-token";
import { loadRequestSummary } from "./load-request-summary";
import { approvalRequestedMessage } from "./notify-approval-requested";

/**
 * MKT-104 email: one message per approver with three single-use signed links (approve / request
 * changes / reject) that open a confirmation page. Idempotent per (request, approver): a re-run
 * finds the email in the outbox and creates no new tokens.
 */
export async function sendApprovalEmails(opts: { organizationId: string; approvalRequestId: string; now?: Date }): Promise<{ sent: number; skipped: number }> {
  const summary = await loadRequestSummary(opts);
  if (summary.status !== "PENDING") return { sent: 0, skipped: 0 };
  const approvers = await listApprovers(opts);
  const org = await db().organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { name: true, locale: true, timezone: true } });
  const base = publicBaseUrl();
  let sent = 0;
  let skipped = 0;
  for (const a of approvers) {
    const idempotencyKey = `approval:${summary.id}:email:${a.userId}`;
    const already = await db().outboxEmail.findUnique({ where: { idempotencyKey }, select: { status: true } });
    if (already?.status === "SENT") {
      skipped++;
      continue;
    }
    const token = (action: "APPROVE" | "REQUEST_CHANGES" | "REJECT") =>
      createActionToken({ organizationId: opts.organizationId, approvalRequestId: summary.id, action, userId: a.userId, email: a.email, now: opts.now }).then((t) => `${base}/approve/${t.token}`);
    const links = { approve: await token("APPROVE"), changes: await token("REQUEST_CHANGES"), reject: await token("REJECT"), queue: `${base}/${summary.orgSlug}/approvals?focus=${summary.id}` };
    await sendNotificationEmail({
      organizationId: opts.organizationId,
      organization: org,
      recipient: a,
      message: approvalRequestedMessage(summary),
      imageUrl: summary.imageUrl,
      links: [
        { label: "approve", href: links.approve, tone: "success", secret: true },
        { label: "requestChanges", href: links.changes, tone: "warning", secret: true },
        { label: "reject", href: links.reject, tone: "danger", secret: true },
        { label: "openQueue", href: links.queue, tone: "primary" },
      ],
      footer: "singleUseLinks",
      idempotencyKey,
    });
    sent++;
  }
  return { sent, skipped };
}
