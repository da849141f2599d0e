import "server-only";
import { agentNotInactive } from "@/lib/agents/active-filter";
import { db } from "@/lib/db/client";
import { notify } from "@/lib/providers/notify";
import { listApprovers } from "./approvers";
import { FIRST_REMINDER_AFTER_MS } from "./request-approval";

export const REMINDER_EVERY_MS = 6 * 3600_000;

/** Reminder slot of a request pending since `createdAt`: 1 at 24 h, 2 at 30 h, 3 at 36 h... (0 before 24 h). */
export function reminderSlot(createdAt: Date, now: Date): number {
  const since = now.getTime() - createdAt.getTime() - FIRST_REMINDER_AFTER_MS;
  return since < 0 ? 0 : Math.floor(since / REMINDER_EVERY_MS) + 1;
}

export type RemindResult = { reminded: { approvalRequestId: string; reminderNumber: number }[] };

/**
 * MKT-105: every request still PENDING after 24 h gets a reminder every 6 h (in-app + Slack through
 * notify(), and an email to each approver). Idempotent per 6-hour slot: the ApprovalReminder row
 * (requestId, reminderNumber) is unique and is claimed with the count in one transaction before
 * anything is sent (released if sending fails); notifications and emails carry the slot in their keys. `now` is injectable (tests, catch-up runs).
 */
export async function remindPendingApprovals(opts: { now?: Date; organizationId?: string; limit?: number } = {}): Promise<RemindResult> {
  const now = opts.now ?? new Date();
  const due = await db().approvalRequest.findMany({
    where: {
      ...(opts.organizationId ? { organizationId: opts.organizationId } : {}),
      // MKT-105 switched off in an organisation: its reminders are not sent there.
      organization: agentNotInactive("MKT-105"),
      status: "PENDING",
      createdAt: { lte: new Date(now.getTime() - FIRST_REMINDER_AFTER_MS) },
      OR: [{ nextReminderAt: null }, { nextReminderAt: { lte: now } }],
    },
    orderBy: { createdAt: "asc" },
    take: opts.limit ?? 200,
    select: { id: true, organizationId: true, title: true, createdAt: true, reminderCount: true, organization: { select: { slug: true, name: true } } },
  });
  const reminded: RemindResult["reminded"] = [];
  for (const r of due) {
    const n = reminderSlot(r.createdAt, now);
    if (n < 1) continue;
    const already = await db().approvalReminder.findUnique({ where: { requestId_reminderNumber: { requestId: r.id, reminderNumber: n } }, select: { id: true } });
    const nextReminderAt = new Date(r.createdAt.getTime() + FIRST_REMINDER_AFTER_MS + n * REMINDER_EVERY_MS);
    if (already) {
      await db().approvalRequest.updateMany({ where: { id: r.id, status: "PENDING" }, data: { nextReminderAt } });
      continue;
    }
    const hours = Math.floor((now.getTime() - r.createdAt.getTime()) / 3600_000);
    const queueUrl = `/${r.organization.slug}/approvals?focus=${r.id}`;
    const approvers = await listApprovers({ organizationId: r.organizationId });
    // Claim the slot: the unique (request, slot) row and the count commit together; a concurrent sweep gets nothing.
    const claimed = await db().$transaction(async (tx) => {
      const rows = await tx.approvalReminder.createMany({
        data: [{ organizationId: r.organizationId, requestId: r.id, reminderNumber: n, channel: approvers.length > 0 ? "EMAIL" : "IN_APP", recipientEmail: approvers.map((a) => a.email).join(", ").slice(0, 500) || null, sentAt: now }],
        skipDuplicates: true,
      });
      if (rows.count === 0) return false;
      await tx.approvalRequest.update({ where: { id: r.id }, data: { reminderCount: { increment: 1 }, lastReminderAt: now, nextReminderAt } });
      return true;
    });
    if (!claimed) continue;
    try {
      // Keyed by slot: a retry after a partial failure sends the rest (in-app, Slack, each approver's email), nothing twice.
      await notify({
        organizationId: r.organizationId,
        to: "organization",
        type: "approval.reminder",
        severity: "WARNING",
        message: { key: "approvalReminder", values: { title: r.title, hours } },
        actionUrl: queueUrl,
        dedupeKey: `approval:${r.id}:reminder:${n}`,
        data: { approvalRequestId: r.id, reminderNumber: n },
        email: { recipients: approvers },
      });
    } catch (err) {
      // Release the claim so the step's retry sends this reminder again.
      await db().$transaction([
        db().approvalReminder.deleteMany({ where: { requestId: r.id, reminderNumber: n } }),
        db().approvalRequest.update({ where: { id: r.id }, data: { reminderCount: { decrement: 1 }, nextReminderAt: now } }),
      ]);
      throw err;
    }
    reminded.push({ approvalRequestId: r.id, reminderNumber: n });
  }
  return { reminded };
}
