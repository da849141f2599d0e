import type { Inngest } from "inngest";
import { inngest } from "@/inngest/client";
import { expandRecurrences } from "@/lib/publishing/expand-recurrence";
import { runNowTrigger } from "@/lib/agents/run-now";

/** MKT-107 daily: materialise the next 30 days of every recurring series (RRULE) as publications. */
export function buildMkt107ExpandRecurrences(client: Inngest) {
  return client.createFunction(
    { id: "mkt-107-expand-recurrences", name: "MKT-107: expand recurring publications", triggers: [{ cron: "TZ=UTC 15 2 * * *" }, runNowTrigger("MKT-107")], concurrency: [{ limit: 1 }] },
    async ({ step }) => step.run("expand", () => expandRecurrences({})),
  );
}

export const mkt107ExpandRecurrences = buildMkt107ExpandRecurrences(inngest);
