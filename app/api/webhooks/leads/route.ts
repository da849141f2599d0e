import { handle } from "@/lib/api/handle";
import { answerLeadWebhook, webDelivery } from "@/lib/leads/capture/receive-lead-webhook";
import { leadWebhookEndpoint } from "@/lib/leads/contracts";

/**
 * MKT-301: a lead from a website form or any system (X-API-Key), stored as sent before processing.
 * `npm start` answers this endpoint outside Next.js (scripts/server.mjs, the same `answerLeadWebhook`);
 * this route serves it in `npm run dev` and behind a plain `next start`.
 */
export const dynamic = "force-dynamic";

export const POST = handle(leadWebhookEndpoint, ({ req }) => answerLeadWebhook(webDelivery(req)));
