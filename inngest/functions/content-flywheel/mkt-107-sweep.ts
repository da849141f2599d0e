import type { Inngest } from "inngest";
import { inngest } from "@/inngest/client";
import { sweepDuePublications } from "@/lib/publishing/sweep-due-publications";
import { runNowTrigger } from "@/lib/agents/run-now";

/** MKT-107 safety net, every 15 min: re-dispatch publications their run missed (lib/publishing). */
export function buildMkt107Sweep(client: Inngest) {
  return client.createFunction(
    { id: "mkt-107-sweep", name: "MKT-107: sweep missed publications", triggers: [{ cron: "TZ=UTC */15 * * * *" }, runNowTrigger("MKT-107")], concurrency: [{ limit: 1 }] },
    async ({ step }) => {
      const swept = await step.run("find-missed", () => sweepDuePublications());
      if (swept.dispatched.length) {
        const bucket = new Date(Math.floor(Date.now() / 900_000) * 900_000).toISOString();
        await step.sendEvent(
          "dispatch-missed",
          swept.dispatched.map((p) => ({ id: `publication-sweep-${p.publicationId}-${bucket}`, name: "publication/scheduled" as const, data: p })),
        );
      }
      return { dispatched: swept.dispatched.length, expired: swept.expired };
    },
  );
}

export const mkt107Sweep = buildMkt107Sweep(inngest);
