import { inngest } from "@/inngest/client";
import { purgeWorkflowHistory } from "@/lib/workflows/purge-history";

/** Nightly: keep 30 days of embedded-executor history (runs, steps, events). */
export const sys002RuntimeRetention = inngest.createFunction(
  { id: "sys-002-runtime-retention", name: "System: workflow history retention", triggers: [{ cron: "TZ=UTC 30 3 * * *" }] },
  async ({ step }) => {
    return step.run("purge-history", () => purgeWorkflowHistory({ days: 30 }));
  },
);
