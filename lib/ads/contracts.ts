import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { amplifySchema, reviseCampaignSchema } from "./schemas";

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
