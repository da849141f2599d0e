import { handleSlackInteraction } from "@/lib/approvals/handle-slack-interaction";
import { json, readBodyLimited, route } from "@/lib/http";

/** Slack interactivity (Approve / Reject buttons): raw form body verified with the v0 signature (5-minute tolerance). */
export const POST = route(async (req) => {
  const rawBody = new TextDecoder().decode(await readBodyLimited(req, 64 * 1024));
  const result = await handleSlackInteraction({ rawBody, timestamp: req.headers.get("x-slack-request-timestamp"), signature: req.headers.get("x-slack-signature") });
  return json({ ok: true, outcome: result.outcome });
});
