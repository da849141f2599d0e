import { handle } from "@/lib/api/handle";
import { slackInteractivityEndpoint } from "@/lib/approvals/contracts";
import { handleSlackInteraction } from "@/lib/approvals/handle-slack-interaction";
import { readBodyLimited } from "@/lib/http";

/** Slack interactivity (Approve / Reject buttons): raw form body verified with the v0 signature (5-minute tolerance). */
export const POST = handle(slackInteractivityEndpoint, async ({ req }) => {
  const rawBody = new TextDecoder().decode(await readBodyLimited(req, 64 * 1024));
  const result = await handleSlackInteraction({ rawBody, timestamp: req.headers.get("x-slack-request-timestamp"), signature: req.headers.get("x-slack-signature") });
  return { ok: true as const, outcome: result.outcome };
});
