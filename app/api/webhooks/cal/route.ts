import { handle } from "@/lib/api/handle";
import { readBodyLimited } from "@/lib/http";
import { calWebhookEndpoint } from "@/lib/leads/booking/contracts";
import { receiveCalWebhook } from "@/lib/leads/booking/receive-cal-webhook";

/** Cal.com webhook: signature over the raw body first, stored once, then applied to the booking. */
export const dynamic = "force-dynamic";

export const POST = handle(calWebhookEndpoint, async ({ req, query }) => {
  const { org } = query();
  const rawBody = await readBodyLimited(req, 1024 * 1024);
  return receiveCalWebhook({ organizationId: org, rawBody, signature: req.headers.get("x-cal-signature-256") });
});
