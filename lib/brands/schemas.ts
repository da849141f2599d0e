import { z } from "zod";

// Messages of custom checks are errors catalogue keys (messages/<locale>/errors.json); lib/http.ts renders them.

/** The networks a brand writes for (the organic ones; ads accounts are not a default network). */
export const BRAND_NETWORKS = ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"] as const;
export type BrandNetwork = (typeof BRAND_NETWORKS)[number];

const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "validation.countryCode");
const countries = z.array(countryCode).max(30).transform((c) => [...new Set(c)]);
const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => {
    try {
      return ["http:", "https:"].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, "validation.httpUrl");
const hashtag = z
  .string()
  .trim()
  .regex(/^#?[\p{L}\p{N}_]{1,60}$/u, "validation.hashtag")
  .transform((h) => (h.startsWith("#") ? h : `#${h}`));

export const brandProductInput = z
  .object({ id: z.string().max(40).optional(), name: z.string().trim().min(1).max(120), description: z.string().trim().max(1000).default("") })
  .strict();

/** One question the brand answers often, and its answer (the inbox triage answers from these, as data). */
export const brandFaqInput = z.object({ question: z.string().trim().min(1).max(300), answer: z.string().trim().min(1).max(2000) }).strict();

export const brandCompetitorInput = z
  .object({
    id: z.string().max(40).optional(),
    name: z.string().trim().min(1).max(120),
    pageUrls: z.array(httpUrl).max(10).default([]),
    countries: countries.default([]),
  })
  .strict();

/**
 * PATCH a brand: every field optional; lists (products, competitors, faq) are the whole new list (items
 * with an `id` are updated, new ones created, missing ones deactivated: leads and ads keep their links).
 * `autoApprove` is the approval setting (auto-approve AI content): only an OWNER may change it.
 */
export const updateBrandSchema = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    description: z.string().trim().max(1000).nullable().optional(),
    websiteUrl: httpUrl.nullable().optional(),
    voice: z.string().trim().min(1).max(2000).optional(),
    targetAudience: z.string().trim().min(1).max(2000).optional(),
    contentGuidelines: z.string().trim().min(1).max(4000).optional(),
    visualGuidelines: z.string().trim().max(2000).nullable().optional(),
    language: z.enum(["fr", "en"]).optional(),
    defaultHashtags: z.array(hashtag).max(30).optional(),
    countries: countries.optional(),
    defaultNetworks: z
      .array(z.enum(BRAND_NETWORKS))
      .max(BRAND_NETWORKS.length)
      .transform((n) => [...new Set(n)])
      .optional(),
    autoApprove: z.boolean().optional(),
    products: z.array(brandProductInput).max(50).optional(),
    /** The whole new FAQ, in the order shown (the inbox triage reads the first 40). */
    faq: z.array(brandFaqInput).max(40).optional(),
    competitors: z.array(brandCompetitorInput).max(50).optional(),
  })
  .strict();
export type UpdateBrandInput = z.infer<typeof updateBrandSchema>;
