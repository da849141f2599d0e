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

/** The pipeline board's columns, in pipeline order (LOST last), and how many cards a column shows. */
export const BOARD_STAGES = ["NEW", "SCORED", "NURTURING", "REPLIED", "BOOKED", "OPPORTUNITY", "CONVERTED", "LOST"] as const;
export const BOARD_CARDS_PER_STAGE = 50;

/** PATCH a lead from the board: its stage. */
export const moveLeadSchema = z.strictObject({ status: z.enum(LeadStatus) });

/** CSV import: what a column can be mapped to (the names normalisation reads), "keep" (an extra field on the lead) or "ignore". */
export const CSV_IMPORT_FIELDS = ["email", "phone", "name", "firstName", "lastName", "company", "jobTitle", "companySize", "budget", "message", "sourceDetail", "utmSource", "utmMedium", "utmCampaign", "consent", "consentText", "whatsappOptIn", "country", "language"] as const;
export type CsvImportField = (typeof CSV_IMPORT_FIELDS)[number];
export const csvColumnTarget = z.union([z.enum(CSV_IMPORT_FIELDS), z.literal("keep"), z.literal("ignore")]);
export type CsvColumnTarget = z.infer<typeof csvColumnTarget>;
export const CSV_MAX_BYTES = 5 * 1024 * 1024;
export const CSV_MAX_ROWS = 5_000;
export const CSV_PREVIEW_ROWS = 5;

/** The values each Leads page filter offers (the same enums the filter schema accepts). */
export const LEAD_FILTER_OPTIONS = { status: Object.values(LeadStatus), tier: Object.values(LeadTier), source: Object.values(LeadSourceType) } as const;

/** "Send a test lead" (Settings -> Lead sources): which source's receiver the test lead goes through. */
export const TEST_LEAD_SOURCES = ["google_ads", "tiktok"] as const;
export type TestLeadSource = (typeof TEST_LEAD_SOURCES)[number];
export const testLeadSchema = z.object({ source: z.enum(TEST_LEAD_SOURCES) }).strict();
