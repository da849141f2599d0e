import { handle, reply } from "@/lib/api/handle";
import { ingestWebhookEndpoint } from "@/lib/content/ingest/contracts";
import { receiveWebhookInput } from "@/lib/content/ingest/receive-webhook-input";

/**
 * MKT-101 webhook: an idea (text, url as JSON up to 1 MB; audio up to 25 MB / image up to 10 MB as
 * multipart/form-data) authenticated by an organisation API key (X-API-Key), rate limited per key.
 * Stored before processing: 202 with the input, 200 with the same input on a repeated Idempotency-Key.
 */
export const dynamic = "force-dynamic";

export const POST = handle(ingestWebhookEndpoint, async ({ req }) => {
  const res = await receiveWebhookInput(req);
  return reply(res, { status: res.duplicate ? 200 : 202 });
});
