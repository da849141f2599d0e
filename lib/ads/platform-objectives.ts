import type { AdObjective } from "@/lib/db/generated/enums";

/** Our objective in each ad network's own words (Meta ODAX outcomes, Google channel goal, TikTok objective_type). */
export const PLATFORM_OBJECTIVE: Record<"META_ADS" | "GOOGLE_ADS" | "TIKTOK_ADS", Record<AdObjective, string>> = {
  META_ADS: { AWARENESS: "OUTCOME_AWARENESS", TRAFFIC: "OUTCOME_TRAFFIC", ENGAGEMENT: "OUTCOME_ENGAGEMENT", LEADS: "OUTCOME_LEADS", CONVERSIONS: "OUTCOME_SALES" },
  GOOGLE_ADS: { AWARENESS: "SEARCH", TRAFFIC: "SEARCH", ENGAGEMENT: "SEARCH", LEADS: "SEARCH", CONVERSIONS: "SEARCH" },
  TIKTOK_ADS: { AWARENESS: "REACH", TRAFFIC: "TRAFFIC", ENGAGEMENT: "ENGAGEMENT", LEADS: "LEAD_GENERATION", CONVERSIONS: "WEB_CONVERSIONS" },
};

/** Ad set optimisation goal per objective (Meta names; the others ignore it). */
export const OPTIMIZATION_GOAL: Record<AdObjective, string> = { AWARENESS: "REACH", TRAFFIC: "LINK_CLICKS", ENGAGEMENT: "POST_ENGAGEMENT", LEADS: "LEAD_GENERATION", CONVERSIONS: "OFFSITE_CONVERSIONS" };
