import "server-only";
import { requireApiKey } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { enforceRateLimit } from "@/lib/rate-limit";
import { ingestInput, type IngestInputResult } from "./ingest-input";
import { parseIngestRequest } from "./parse-ingest-request";

/**
 * An idea from another system (POST /api/webhooks/ideas, and its deprecated alias /api/webhooks/mkt-101):
 * an organisation API key (X-API-Key), rate limited per key (one bucket for both paths), then the same
 * parsing and storing as the app's form.
 */
export async function receiveWebhookInput(req: Request): Promise<IngestInputResult> {
  const ctx = await requireApiKey(req);
  if (ctx.actor.kind === "apiKey") await enforceRateLimit({ bucket: "webhook:ideas", subject: ctx.actor.apiKeyId, limit: env().RATE_LIMIT_PUBLIC_PER_MIN, windowSeconds: 60 });
  const input = await parseIngestRequest(req);
  return ingestInput({ organizationId: ctx.organizationId, source: "WEBHOOK", input });
}
