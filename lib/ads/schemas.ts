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
