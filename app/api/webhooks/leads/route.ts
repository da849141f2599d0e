import { handle, reply } from "@/lib/api/handle";
import { receiveLeadWebhook } from "@/lib/leads/capture/receive-lead-webhook";
import { leadWebhookEndpoint } from "@/lib/leads/contracts";

/** MKT-301: a lead from a website form or any system (X-API-Key), stored as sent before processing. */
export const dynamic = "force-dynamic";

export const POST = handle(leadWebhookEndpoint, async ({ req }) => {
  const res = await receiveLeadWebhook(req);
  return reply({ submissionId: res.submissionId, status: "received" as const, duplicate: res.duplicate }, { status: res.duplicate ? 200 : 202 });
});
