import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { BRAND_NETWORKS, updateBrandSchema } from "./schemas";

/** Brand settings (voice, audience, guidelines, products, FAQ, competitors, networks, approval): endpoints and DTOs (no server imports). */

export const brandSummaryDto = z
  .object({ id: z.string(), name: z.string(), slug: z.string(), isDefault: z.boolean(), language: z.string(), autoApprove: z.boolean(), defaultNetworks: z.array(z.enum(BRAND_NETWORKS)) })
  .meta({ id: "BrandSummary" });
export type BrandSummaryDto = z.infer<typeof brandSummaryDto>;

export const brandProductDto = z.object({ id: z.string(), name: z.string(), description: z.string() }).meta({ id: "BrandProduct" });
export const brandFaqDto = z.object({ question: z.string(), answer: z.string() }).meta({ id: "BrandFaqEntry" });
export const brandCompetitorDto = z
  .object({ id: z.string(), name: z.string(), pageUrls: z.array(z.string()), countries: z.array(z.string()) })
  .meta({ id: "BrandCompetitor" });

export const brandSettingsEventDto = z
  .object({ id: z.string(), field: z.string(), from: z.unknown(), to: z.unknown(), actorName: z.string().nullable(), at: isoDateTime() })
  .meta({ id: "BrandSettingsEvent", description: "One line of the brand's settings audit trail (each change of the approval setting)" });
export type BrandSettingsEventDto = z.infer<typeof brandSettingsEventDto>;

export const brandDto = brandSummaryDto
  .extend({
    description: z.string().nullable(),
    websiteUrl: z.string().nullable(),
    voice: z.string(),
    targetAudience: z.string(),
    contentGuidelines: z.string(),
    visualGuidelines: z.string().nullable(),
    defaultHashtags: z.array(z.string()),
    countries: z.array(z.string()),
    products: z.array(brandProductDto),
    faq: z.array(brandFaqDto),
    competitors: z.array(brandCompetitorDto),
    history: z.array(brandSettingsEventDto),
  })
  .meta({ id: "Brand" });
export type BrandDto = z.infer<typeof brandDto>;

const tag = "Brands";

export const listBrandsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/brands",
  tag,
  access: "org",
  summary: "The organisation's brands",
  response: z.object({ brands: z.array(brandSummaryDto) }),
});

export const getBrandEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/brands/{id}",
  tag,
  access: "org",
  summary: "A brand's settings: voice, audience, guidelines, products, FAQ (what the inbox triage answers from), competitors, default networks, approval setting and its history",
  response: z.object({ brand: brandDto }),
});

export const updateBrandEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/orgs/{org}/brands/{id}",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Update a brand's settings; `autoApprove` only by an owner (403 otherwise), each change written on the brand's history",
  body: updateBrandSchema,
  response: z.object({ brand: brandDto }),
});
