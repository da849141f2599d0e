import { handle } from "@/lib/api/handle";
import { agentErrorWebhookEndpoint } from "@/lib/agents/contracts";
import { receiveAgentError } from "@/lib/agents/external-webhook";
import { readBodyLimited } from "@/lib/http";

/** An external agent's error (Standard Webhooks signature checked first). */
export const dynamic = "force-dynamic";

export const POST = handle(agentErrorWebhookEndpoint, async ({ req }) => {
  const rawBody = await readBodyLimited(req, 64 * 1024);
  return receiveAgentError({ orgSlug: new URL(req.url).searchParams.get("org"), rawBody, headers: req.headers });
});
