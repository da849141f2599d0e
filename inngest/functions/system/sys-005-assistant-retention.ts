import { inngest } from "@/inngest/client";
import { purgeExpiredMessages } from "@/lib/scenarios/purge-messages";

/** Hourly: delete the scenario assistant's chat messages older than 7 days (seed 002 retention). */
export const sys005AssistantRetention = inngest.createFunction(
  { id: "sys-005-assistant-retention", name: "System: assistant chat retention (7 days)", triggers: [{ cron: "TZ=UTC 15 * * * *" }] },
  async ({ step }) => {
    return step.run("purge-expired-messages", () => purgeExpiredMessages());
  },
);
