import { handle } from "@/lib/api/handle";
import { readBodyLimited } from "@/lib/http";
import { metaWebhookEndpoint, metaWebhookVerifyEndpoint } from "@/lib/leads/contracts";
import { receiveMetaWebhook, verifyMetaSubscription } from "@/lib/webhooks/meta/receive-meta-webhook";

/** The Meta app callback: subscription handshake (GET) and signed deliveries (POST), dispatched by kind. */
export const dynamic = "force-dynamic";

export const GET = handle(metaWebhookVerifyEndpoint, async ({ req }) => {
  const challenge = verifyMetaSubscription({ method: "GET", headers: req.headers, query: new URL(req.url).searchParams, rawBody: new Uint8Array() });
  return new Response(challenge, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
});

export const POST = handle(metaWebhookEndpoint, async ({ req }) => {
  const rawBody = await readBodyLimited(req, 1024 * 1024);
  return receiveMetaWebhook({ method: "POST", headers: req.headers, query: new URL(req.url).searchParams, rawBody });
});
