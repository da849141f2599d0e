import { handle } from "@/lib/api/handle";
import { readBodyLimited } from "@/lib/http";
import { emailInboundWebhookEndpoint } from "@/lib/leads/contracts";
import { receiveEmailReply } from "@/lib/leads/replies/receive-email-reply";

/** The email provider's inbound webhook (Resend email.received): a lead's reply, signature first (MKT-304). */
export const dynamic = "force-dynamic";

export const POST = handle(emailInboundWebhookEndpoint, async ({ req }) => {
  const rawBody = await readBodyLimited(req, 256 * 1024);
  return receiveEmailReply({ rawBody, headers: req.headers });
});
