import { z } from "zod";
import { LeadSourceType, LeadStatus, LeadTier } from "@/lib/db/generated/enums";

/** Leads page filters, read from the URL: a value that does not parse is ignored, never an error page. */
export const LEADS_PAGE_SIZE = 25;

export const leadFiltersSchema = z.object({
  q: z.string().trim().max(120).optional().catch(undefined),
  status: z.enum(LeadStatus).optional().catch(undefined),
  tier: z.enum(LeadTier).optional().catch(undefined),
  source: z.enum(LeadSourceType).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type LeadFilters = z.infer<typeof leadFiltersSchema>;
