import { inngest } from "@/inngest/client";
import { inboxMessageReceived, signalContentDetected } from "@/inngest/events";
import { autoRepostWinner } from "@/lib/warroom/auto-reposter";
import { sendInstagramWelcomeDm } from "@/lib/warroom/instagram-welcome-dm";

/**
 * The War Room's Bot Control Center automations where they act (each checks its switch itself, and
 * does nothing when it is off): the Instagram welcome DM on a first inbound Instagram message, and the
 * auto-reposter on a winning post. TikTok's cadence ramp acts inside MKT-107 (lib/warroom/tiktok-warmup.ts).
 */
export const automationInstagramWelcomeDm = inngest.createFunction(
  {
    id: "automation-instagram-welcome-dm",
    name: "Automation: Instagram welcome DM",
    triggers: [{ event: inboxMessageReceived, if: "event.data.platform == 'INSTAGRAM' && event.data.firstContact == true" }],
    retries: 3,
    concurrency: { key: "event.data.conversationId", limit: 1 },
  },
  async ({ event, step }) => step.run("welcome", () => sendInstagramWelcomeDm(event.data)),
);

export const automationAutoReposter = inngest.createFunction(
  {
    id: "automation-auto-reposter",
    name: "Automation: auto-reposter of winners",
    triggers: [signalContentDetected],
    retries: 3,
    concurrency: { key: "event.data.organizationId", limit: 1 },
  },
  async ({ event, step }) =>
    step.run("repost", () =>
      autoRepostWinner({ organizationId: event.data.organizationId, signalId: event.data.signalId, publicationId: event.data.publicationId }),
    ),
);
