import { inngest } from "@/inngest/client";
import { markInputFailedOnFailure } from "./input-failure";
import { failPermanently } from "./permanent-error";
import { contentInputProcessed, contentResearchCompleted } from "@/inngest/events";
import { researchInput } from "@/lib/content/research/research-input";

/** MKT-102: processed input + brand voice/audience + recent top content -> research -> content/research.completed. */
export const mkt102Research = inngest.createFunction(
  {
    id: "mkt-102-research",
    name: "MKT-102: AI research",
    triggers: [contentInputProcessed],
    retries: 3,
    concurrency: { key: "event.data.organizationId", limit: 5 },
    onFailure: markInputFailedOnFailure,
  },
  async ({ event, step, runId }) => {
    const { organizationId, inputId, brandId } = event.data;
    const res = await step.run("research", () =>
      researchInput({ organizationId, inputId, aiKey: `${runId}:research` }).catch(failPermanently(["not_found", "conflict"])),
    );
    await step.sendEvent("emit-research-completed", contentResearchCompleted.create({ organizationId, inputId, brandId }, { id: `content-research-completed:${inputId}` }));
    return { inputId, topic: res.research.topic, platforms: res.research.platforms };
  },
);
