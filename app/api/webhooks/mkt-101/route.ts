import { handle, reply } from "@/lib/api/handle";
import { ingestWebhookDeprecatedEndpoint } from "@/lib/content/ingest/contracts";
import { receiveWebhookInput } from "@/lib/content/ingest/receive-webhook-input";

/**
 * Deprecated alias of POST /api/webhooks/ideas (the first public URL was named after the internal
 * workflow id). Same behaviour; answers carry `Deprecation` and a `Link` to the successor.
 */
export const dynamic = "force-dynamic";

export const POST = handle(ingestWebhookDeprecatedEndpoint, async ({ req }) => {
  const res = await receiveWebhookInput(req);
  return reply(res, {
    status: res.duplicate ? 200 : 202,
    apply: (r) => {
      r.headers.set("Deprecation", "true");
      r.headers.set("Link", '</api/webhooks/ideas>; rel="successor-version"');
    },
  });
});
