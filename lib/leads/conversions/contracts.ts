import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { LeadStatus } from "@/lib/db/generated/enums";
import { ATTRIBUTION_MODELS, attributionSettingsSchema, conversionPayloadSchema, markWonSchema } from "./schemas";

/** MKT-307 conversions and attribution, and the pipeline board's stage moves. */
const tag = "Leads";

export const conversionWebhookEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/webhooks/conversions",
  tag,
  access: "signature",
  summary: "Record a conversion (purchase, signup…) of a lead: Standard Webhooks signature with the organisation's whsec_ secret (MKT-307)",
  description:
    "Query `org` = the organisation's slug. Headers webhook-id, webhook-timestamp (Unix seconds, at most 5 minutes away) and webhook-signature (`v1,<base64 HMAC-SHA256 of id.timestamp.body>`); anything missing, wrong or stale is a 401 and nothing is stored. The lead is matched by lead_id, else email, else phone, within the organisation. `value` is in major units of `currency` (default: the organisation's). The delivery is stored raw before processing; the same webhook-id again (or the same `id`/`order_id`) records nothing new.",
  query: z.object({ org: z.string().meta({ description: "the organisation's slug" }) }),
  body: conversionPayloadSchema.meta({ id: "ConversionWebhookBody" }),
  response: z.object({ received: z.literal(true), duplicate: z.boolean(), conversionId: z.string().nullable() }),
});

export const attributionTouchDto = z.object({
  id: z.string(),
  position: z.number().int(),
  type: z.enum(["INTERACTION", "AD", "CONTENT", "FORM", "BOOKING"]),
  channel: z.string().nullable(),
  occurredAt: isoDateTime(),
  weight: z.number(),
  creditedMinor: z.number().int(),
  campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
  contentPiece: z.object({ id: z.string(), title: z.string() }).nullable(),
});
export const conversionDto = z
  .object({
    id: z.string(),
    type: z.string(),
    source: z.enum(["webhook", "manual"]),
    valueMinor: z.number().int(),
    currency: z.string(),
    model: z.enum(ATTRIBUTION_MODELS),
    occurredAt: isoDateTime(),
    touches: z.array(attributionTouchDto),
  })
  .meta({ id: "Conversion" });
export type ConversionDto = z.infer<typeof conversionDto>;

export const markLeadWonEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/leads/{id}/conversions",
  tag,
  access: "org",
  permission: "editContent",
  personOnly: true,
  summary: "Mark a lead won with a value: a manual conversion, credited to its touchpoints under the organisation's model; its sequences stop",
  body: markWonSchema,
  response: z.object({ conversion: conversionDto }),
  status: 201,
});

export const undoConversionEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/orgs/{org}/leads/{id}/conversions/{conversionId}",
  tag,
  access: "org",
  permission: "editContent",
  personOnly: true,
  summary: "Undo a manual conversion: its credits and counters are taken back and the lead returns to its previous stage (its stopped sequences stay stopped)",
  response: z.object({ status: z.enum(LeadStatus) }),
});

export const getConversionSecretEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/leads/conversion-secret",
  tag,
  access: "org",
  permission: "manageApiKeys",
  summary: "The organisation's whsec_ secret that signs POST /api/webhooks/conversions (created on first read)",
  response: z.object({ secret: z.string(), rotatedAt: isoDateTime().nullable(), url: z.string() }),
});

export const rotateConversionSecretEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/leads/conversion-secret",
  tag,
  access: "org",
  permission: "manageApiKeys",
  summary: "Replace the conversion webhook secret: deliveries signed with the old one are refused from now on",
  response: z.object({ secret: z.string(), rotatedAt: isoDateTime().nullable(), url: z.string() }),
});

export const updateAttributionSettingsEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/orgs/{org}/leads/attribution-model",
  tag,
  access: "org",
  permission: "manageAutomations",
  summary: "Choose the organisation's attribution model for the conversions recorded from now on (linear, first_touch, last_touch, time_decay, position_based)",
  body: attributionSettingsSchema,
  response: z.object({ model: z.enum(ATTRIBUTION_MODELS) }),
});
