import { inngest } from "@/inngest/client";
import { db } from "@/lib/db/client";
import { purgeRuntimeHistory } from "@/lib/runtime/retention";

/** Nightly: keep 30 days of embedded-executor history (runs, steps, events). */
export const sys002RuntimeRetention = inngest.createFunction(
  { id: "sys-002-runtime-retention", name: "System: workflow history retention", triggers: [{ cron: "TZ=UTC 30 3 * * *" }] },
  async ({ step }) => {
    return step.run("purge-history", () => purgeRuntimeHistory({ db: db(), days: 30 }));
  },
);
