import { handle } from "@/lib/api/handle";
import { readBodyLimited } from "@/lib/http";
import { xWebhookCrcEndpoint, xWebhookEndpoint } from "@/lib/inbox/contracts";
import { answerXCrc, receiveXWebhook } from "@/lib/inbox/receive-x-webhook";

/** X Account Activity: the CRC (GET) and signed deliveries (POST) of direct messages and replies. */
export const dynamic = "force-dynamic";

export const GET = handle(xWebhookCrcEndpoint, async ({ req }) => {
  const body = answerXCrc({ method: "GET", headers: req.headers, query: new URL(req.url).searchParams, rawBody: new Uint8Array() });
  return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
});

export const POST = handle(xWebhookEndpoint, async ({ req }) => {
  const rawBody = await readBodyLimited(req, 1024 * 1024);
  return receiveXWebhook({ method: "POST", headers: req.headers, query: new URL(req.url).searchParams, rawBody });
});
