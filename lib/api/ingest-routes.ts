import "server-only";
import { answerLeadWebhook } from "@/lib/leads/capture/receive-lead-webhook";
import { leadWebhookEndpoint } from "@/lib/leads/contracts";
import { nodeRoute, type NodeHandler } from "./node-route";

/**
 * The webhooks the production server (scripts/server.mjs) answers itself, outside the Next.js pipeline,
 * keyed "METHOD /path": high-volume machine-to-machine ingest only (no session, no page). Each calls
 * the same function as its Next.js route (which still serves it in `npm run dev` and the tests).
 */
export function ingestRoutes(): Map<string, NodeHandler> {
  return new Map([[`${leadWebhookEndpoint.method} ${leadWebhookEndpoint.path}`, nodeRoute(leadWebhookEndpoint, ({ req }) => answerLeadWebhook(req))]]);
}
