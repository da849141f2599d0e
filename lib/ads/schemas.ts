import { z } from "zod";

export const amplifySchema = z.object({ contentPieceId: z.string().min(1).max(64) }).strict();

const targetingSchema = z
  .object({
    countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1).max(10),
    ageMin: z.number().int().min(13).max(65),
    ageMax: z.number().int().min(13).max(65),
    interests: z.array(z.string().trim().min(1).max(60)).max(20),
  })
  .strict()
  .refine((t) => t.ageMin <= t.ageMax, { path: ["ageMax"], message: "validation.ageRange" });

/** MKT-203 "modify": budget, audience and copy of a proposal; a new revision, approved on its own. */
export const reviseCampaignSchema = z
  .object({
    dailyBudgetMinor: z.number().int().min(100).max(100_000_000).optional(),
    totalBudgetMinor: z.number().int().min(100).max(1_000_000_000).optional(),
    targeting: targetingSchema.optional(),
    creatives: z
      .array(z.object({ id: z.string().min(1).max(64), headline: z.string().trim().min(1).max(40).optional(), primaryText: z.string().trim().min(1).max(500).optional() }).strict())
      .max(12)
      .optional(),
  })
  .strict();
export type ReviseCampaignInput = z.infer<typeof reviseCampaignSchema>;

const num = z.number().nullable();

/**
 * What the approval queue shows of a spend request (MKT-203 ad card): the exact revision the request
 * was made for, read from the request's stored preview (never from the campaign as it is now).
 */
export const adCampaignCardSchema = z.object({
  campaignId: z.string(),
  revision: z.number().int(),
  platform: z.string(),
  objective: z.string(),
  currency: z.string(),
  dailyBudgetMinor: num,
  totalBudgetMinor: num,
  audience: z.object({ countries: z.array(z.string()), ageMin: num, ageMax: num, interests: z.array(z.string()) }),
  adSets: z.number().int(),
  creatives: z.array(
    z.object({ id: z.string(), label: z.string().nullable(), headline: z.string().nullable(), primaryText: z.string().nullable(), callToAction: z.string().nullable(), mediaAssetId: z.string().nullable(), imageUrl: z.string().nullable() }),
  ),
  expected: z.object({ cpcMinor: num, ctr: num, roas: num, source: z.enum(["history", "benchmark"]).nullable() }).nullable(),
});
export type AdCampaignCard = z.infer<typeof adCampaignCardSchema>;

/** A stored campaign-approval preview (lib/ads/request-campaign-approval.ts) as the card; null when it is not one. */
export function adCampaignCardOf(campaignId: string | null, preview: unknown): AdCampaignCard | null {
  if (!campaignId || !preview || typeof preview !== "object") return null;
  const p = preview as Record<string, unknown>;
  const t = (p.targeting ?? {}) as Record<string, unknown>;
  const k = p.expectedKpis as Record<string, unknown> | null | undefined;
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  const source = (k?.method as { source?: unknown } | undefined)?.source;
  const parsed = adCampaignCardSchema.safeParse({
    campaignId,
    revision: p.revision,
    platform: p.platform,
    objective: p.objective,
    currency: p.currency,
    dailyBudgetMinor: n(p.dailyBudgetMinor),
    totalBudgetMinor: n(p.totalBudgetMinor),
    audience: { countries: strings(t.countries), ageMin: n(t.ageMin), ageMax: n(t.ageMax), interests: strings(t.interests) },
    adSets: Array.isArray(p.adSets) ? p.adSets.length : 0,
    creatives: Array.isArray(p.creatives) ? p.creatives.map((c: Record<string, unknown>) => ({ id: c.id, label: c.label ?? null, headline: c.headline ?? null, primaryText: c.primaryText ?? null, callToAction: c.callToAction ?? null, mediaAssetId: c.mediaAssetId ?? null, imageUrl: null })) : [],
    expected: k ? { cpcMinor: n(k.cpcMinor), ctr: n(k.ctr), roas: n(k.roas), source: source === "history" || source === "benchmark" ? source : null } : null,
  });
  return parsed.success ? parsed.data : null;
}

/** Settings → Advertising: the organisation's spend caps (minor units of its currency) and MKT-206's auto-apply switch. */
export const updateAdSettingsSchema = z
  .object({
    monthlyCapMinor: z.number().int().min(0).max(100_000_000_000).optional(),
    campaignCapMinor: z.number().int().min(0).max(100_000_000_000).optional(),
    autoApply: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.monthlyCapMinor !== undefined || v.campaignCapMinor !== undefined || v.autoApply !== undefined, { path: ["monthlyCapMinor"], message: "validation.nothingToChange" });
export type UpdateAdSettingsInput = z.infer<typeof updateAdSettingsSchema>;
