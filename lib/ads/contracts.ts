import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { amplifySchema, reviseCampaignSchema, updateAdSettingsSchema } from "./schemas";

/** Amplification Engine (MKT-201..206): proposals, the spend gate, launch, metrics, optimisation. */
const tag = "Ads";

export const requestProposalEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/campaigns/proposals",
  tag,
  access: "org",
  permission: "editContent",
  summary: '"Amplifier": MKT-202 proposes an ad campaign for published content (202; the proposal then waits for spend approval)',
  body: amplifySchema,
  response: z.object({ requestId: z.string() }),
  status: 202,
});

export const reviseCampaignEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/orgs/{org}/campaigns/{id}",
  tag,
  access: "org",
  permission: "approve",
  summary: "MKT-203 modify: budget, audience or copy of a proposed campaign -> a new revision waiting for its own approval (caps enforced: 409 naming the cap)",
  body: reviseCampaignSchema,
  response: z.object({ campaignId: z.string(), revision: z.number().int(), approvalRequestId: z.string() }),
});

export const retryLaunchEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/campaigns/{id}/launch",
  tag,
  access: "org",
  permission: "approve",
  summary: "Retry a failed launch (MKT-204): only missing objects are created; 409 unless the campaign is FAILED",
  body: z.object({}).strict(),
  response: z.object({ campaignId: z.string(), attempt: z.number().int() }),
  status: 202,
});

export const requestCompetitorResearchEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/competitors/research",
  tag,
  access: "org",
  permission: "editContent",
  summary:
    '"Run research now": MKT-201 for this organisation at once (202; the competitors page shows the run in progress, then its results). 409 while a run is in progress or without an active competitor, 429 past 4 runs an hour',
  body: z.object({}).strict(),
  response: z.object({ requestId: z.string(), startedAt: isoDateTime() }),
  status: 202,
});

export const adSettingsDto = z
  .object({
    monthlyCapMinor: z.number().int(),
    campaignCapMinor: z.number().int(),
    autoApply: z.boolean(),
    currency: z.string(),
    changedBy: z.string().nullable(),
    changedAt: isoDateTime().nullable(),
    month: z.object({
      month: z.string().meta({ description: "YYYY-MM in the organisation's time zone" }),
      spentMinor: z.number().int().meta({ description: "Spend reported this month by every campaign" }),
      plannedMinor: z.number().int().meta({ description: "What committed campaigns (approved, launching, active, paused) are planned to spend from today to the month's end" }),
      committedCampaigns: z.number().int(),
    }),
  })
  .meta({ id: "AdSettings", description: "Spend caps (minor units of the organisation's currency), MKT-206 auto-apply, and this month against the monthly cap" });
export type AdSettingsDto = z.infer<typeof adSettingsDto>;

export const getAdSettingsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/ad-settings",
  tag,
  access: "org",
  summary: "The organisation's ad spend caps, the auto-apply switch of MKT-206 and this month's committed spend",
  response: z.object({ settings: adSettingsDto }),
});

export const updateAdSettingsEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/orgs/{org}/ad-settings",
  tag,
  access: "org",
  permission: "manageBilling",
  summary: "Change the monthly and per-campaign spend caps or MKT-206 auto-apply (the owner, signed in; 422 naming the field when the campaign cap is above the monthly cap)",
  body: updateAdSettingsSchema,
  response: z.object({ settings: adSettingsDto }),
});
