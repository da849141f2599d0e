import { inngest } from "@/inngest/client";
import { remindPendingApprovals } from "@/lib/approvals/remind-pending";
import { runNowTrigger } from "@/lib/agents/run-now";

/**
 * MKT-105, hourly: requests pending for more than 24 h get a reminder every 6 h (slots at 24 h, 30 h,
 * 36 h...), counted on the request. Re-running within a slot sends nothing (ApprovalReminder unique
 * per (request, slot)); hourly ticks keep the delay after each slot under an hour.
 */
export const mkt105ApprovalReminders = inngest.createFunction(
  { id: "mkt-105-approval-reminders", name: "MKT-105: approval reminders", triggers: [{ cron: "TZ=UTC 5 * * * *" }, runNowTrigger("MKT-105")], retries: 2, concurrency: { limit: 1 } },
  async ({ step }) => {
    return step.run("remind-pending", () => remindPendingApprovals({}));
  },
);
