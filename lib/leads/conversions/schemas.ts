import { z } from "zod";

/** MKT-307 attribution models (lib/leads/conversions/attribution.ts computes them); linear is the seed's. */
export const ATTRIBUTION_MODELS = ["linear", "first_touch", "last_touch", "time_decay", "position_based"] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];
export const DEFAULT_ATTRIBUTION_MODEL: AttributionModel = "linear";

export function isAttributionModel(v: unknown): v is AttributionModel {
  return typeof v === "string" && (ATTRIBUTION_MODELS as readonly string[]).includes(v);
}

/** ISO 4217 code Intl knows ("EUR", "XOF"). */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
    return true;
  } catch {
    return false;
  }
}

/** ISO 4217 currency, case-insensitive on input ("eur" -> "EUR"). */
export const currencySchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isCurrency, "validation.currency");

export const CONVERSION_TYPES = ["PURCHASE", "SIGNUP", "CONTRACT", "SUBSCRIPTION", "OTHER"] as const;
const conversionType = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .pipe(z.enum(CONVERSION_TYPES));

/**
 * One conversion as a sender describes it: the lead (our id, else the email, else the phone), the value
 * in major units of the currency (1250.50 EUR, 150000 XOF), the sender's order or event id (default: the
 * delivery's webhook-id), when it happened (default: now). Fields may also sit under `data` (the
 * Standard Webhooks envelope `{ type, timestamp, data }`); unknown fields are kept in the stored delivery.
 */
export const conversionPayloadSchema = z
  .looseObject({
    id: z.string().trim().min(1).max(200).optional(),
    order_id: z.string().trim().min(1).max(200).optional(),
    lead_id: z.string().trim().min(1).max(100).optional(),
    email: z.string().trim().max(320).optional(),
    phone: z.string().trim().max(40).optional(),
    value: z.number().finite().min(0).max(10_000_000_000),
    currency: currencySchema.optional(),
    conversion_type: conversionType.optional(),
    occurred_at: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.lead_id && !v.email && !v.phone) ctx.addIssue({ code: "custom", path: ["lead_id"], message: "leads.conversionLeadRequired" });
  });
export type ConversionPayload = z.infer<typeof conversionPayloadSchema>;

/** "Mark won" on the lead page: the value in major units and its currency. */
export const markWonSchema = z.strictObject({
  value: z.number().finite().min(0).max(10_000_000_000),
  currency: currencySchema,
  conversionType: z.enum(CONVERSION_TYPES).default("PURCHASE"),
});

export const attributionModelSchema = z.enum(ATTRIBUTION_MODELS);
export const attributionSettingsSchema = z.strictObject({ model: attributionModelSchema });
