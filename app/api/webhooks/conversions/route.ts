import { handle } from "@/lib/api/handle";
import { conversionWebhookEndpoint } from "@/lib/leads/conversions/contracts";
import { receiveConversionWebhook } from "@/lib/leads/conversions/receive-conversion-webhook";

/** MKT-307: conversions signed with Standard Webhooks (the organisation's whsec_ secret); stored raw, then recorded once. */
export const dynamic = "force-dynamic";

export const POST = handle(conversionWebhookEndpoint, async ({ req }) => receiveConversionWebhook(req));
