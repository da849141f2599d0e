import { requireApiKey } from "@/lib/auth/guard";
import { ingestInput } from "@/lib/content/ingest/ingest-input";
import { parseIngestRequest } from "@/lib/content/ingest/parse-ingest-request";
import { env } from "@/lib/env";
import { json, route } from "@/lib/http";
import { enforceRateLimit } from "@/lib/rate-limit";

/**
 * MKT-101 webhook: an input (text, url as JSON up to 1 MB; audio up to 25 MB / image up to 10 MB
 * as multipart/form-data) authenticated by an organisation API key (X-API-Key), rate limited per
 * key. Stored before processing: 202 with the input, 200 with the same input on a repeated
 * Idempotency-Key.
 */
export const dynamic = "force-dynamic";

export const POST = route(async (req) => {
  const ctx = await requireApiKey(req);
  if (ctx.actor.kind === "apiKey") await enforceRateLimit({ bucket: "webhook:mkt-101", subject: ctx.actor.apiKeyId, limit: env().RATE_LIMIT_PUBLIC_PER_MIN, windowSeconds: 60 });
  const input = await parseIngestRequest(req);
  const res = await ingestInput({ organizationId: ctx.organizationId, source: "WEBHOOK", input });
  return json(res, res.duplicate ? 200 : 202);
});
