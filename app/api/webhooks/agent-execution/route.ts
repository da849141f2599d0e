import { handle } from "@/lib/api/handle";
import { agentExecutionWebhookEndpoint } from "@/lib/agents/contracts";
import { receiveAgentExecution } from "@/lib/agents/external-webhook";
import { readBodyLimited } from "@/lib/http";

/** An external agent's execution (Standard Webhooks signature checked first). */
export const dynamic = "force-dynamic";

export const POST = handle(agentExecutionWebhookEndpoint, async ({ req }) => {
  const rawBody = await readBodyLimited(req, 256 * 1024);
  return receiveAgentExecution({ orgSlug: new URL(req.url).searchParams.get("org"), rawBody, headers: req.headers });
});
