import { inngest } from "@/inngest/client";
import { contentInputReceived } from "@/inngest/events";
import { listPendingInputs } from "@/lib/content/ingest/list-pending-inputs";
import { runNowTrigger } from "@/lib/agents/run-now";

/**
 * MKT-101 scheduler: every day at 09:00 Paris time, inputs still PENDING (event never delivered,
 * inputs created by other agents) or stuck in PROCESSING go (again) to MKT-101. Event ids carry
 * the day, so a re-run of this tick sends nothing twice.
 */
export const mkt101DailyPickup = inngest.createFunction(
  { id: "mkt-101-daily-pickup", name: "MKT-101: daily pick-up of pending inputs", triggers: [{ cron: "TZ=Europe/Paris 0 9 * * *" }, runNowTrigger("MKT-101")], retries: 2 },
  async ({ step }) => {
    const pending = await step.run("list-pending", () => listPendingInputs());
    if (pending.length === 0) return { sent: 0 };
    const day = new Date().toISOString().slice(0, 10);
    await step.sendEvent(
      "send-received",
      pending.map((p) => contentInputReceived.create({ organizationId: p.organizationId, inputId: p.inputId, brandId: p.brandId }, { id: `content-input-received:${p.inputId}:${day}` })),
    );
    return { sent: pending.length };
  },
);
