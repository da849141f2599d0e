import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { ApprovalDecisionType, ApprovalStatus, Platform } from "@/lib/db/generated/enums";
import { adCampaignCardSchema } from "@/lib/ads/schemas";
import { bulkDecisionSchema, decisionSchema, editRevisionSchema, redeemTokenSchema } from "./schemas";
import { APPROVAL_STATUS_TABS, listApprovalsQuerySchema } from "./queue/schemas";

/** The approval queue, decisions (in app, API, email link, Slack button): endpoints and DTOs. */

/** One network's exact version under approval: what that network receives if it is approved. */
export const networkVersionDto = z
  .object({
    revisionId: z.string(),
    platform: z.enum(Platform),
    number: z.number().int().meta({ description: "1, 2, ... per network: each edit is a new revision" }),
    text: z.string(),
    firstComment: z.string().nullable(),
    media: z.array(z.object({ id: z.string(), url: z.string(), mimeType: z.string(), width: z.number().nullable(), height: z.number().nullable(), altText: z.string().nullable() })),
    scheduledAt: isoDateTime(),
    author: z.string().meta({ description: "ai (written by a model) or user (edited by a person)" }),
    approved: z.boolean(),
    length: z.number().int(),
    maxTextLength: z.number().int(),
    primary: z.boolean().meta({ description: "The network the piece was written for" }),
  })
  .meta({ id: "NetworkVersion" });
export type NetworkVersionDto = z.infer<typeof networkVersionDto>;

export const approvalListItemDto = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string().nullable(),
    entityType: z.string(),
    priority: z.string(),
    status: z.string(),
    spendAmountMinor: z.number().nullable(),
    currency: z.string().nullable(),
    createdAt: isoDateTime(),
    dueAt: isoDateTime().nullable(),
    decidedAt: isoDateTime().nullable(),
    decisionNote: z.string().nullable(),
    reminderCount: z.number().int(),
    piece: z
      .object({
        id: z.string(),
        title: z.string().nullable(),
        body: z.string(),
        hashtags: z.array(z.string()),
        callToAction: z.string().nullable(),
        platform: z.enum(Platform).nullable(),
        format: z.string(),
        revision: z.number().int(),
        brandName: z.string(),
      })
      .nullable(),
    /** The exact version each network will receive (its own platform first, then the variants MKT-106 adapted). */
    networks: z.array(networkVersionDto),
    image: z.object({ url: z.string(), altText: z.string().nullable() }).nullable(),
    /** A spend request (AD_CAMPAIGN): the exact revision under approval (budget, audience, copy variants, expected KPIs). */
    campaign: adCampaignCardSchema.nullable(),
  })
  .meta({ id: "ApprovalListItem" });
export type ApprovalListItemDto = z.infer<typeof approvalListItemDto>;

/** One page of the queue (keyset), the totals of each tab under the same filters, and where `focus` was found. */
export const approvalPageDto = z
  .object({
    approvals: z.array(approvalListItemDto),
    status: z.enum(APPROVAL_STATUS_TABS).meta({ description: "The tab of this page (with focus: the focused item's own tab)" }),
    totals: z.record(z.enum(APPROVAL_STATUS_TABS), z.number().int()).meta({ description: "Requests per tab under the same filters and search" }),
    page: z.object({
      start: z.number().int().meta({ description: "Position (0-based) of the first item of this page in its tab" }),
      size: z.number().int(),
      total: z.number().int(),
      prevCursor: z.string().nullable().meta({ description: "Pass as `before` for the previous page" }),
      nextCursor: z.string().nullable().meta({ description: "Pass as `after` for the next page" }),
    }),
    focus: z.object({ id: z.string(), found: z.boolean(), status: z.enum(ApprovalStatus).nullable() }).nullable(),
  })
  .meta({ id: "ApprovalPage" });
export type ApprovalPage = z.infer<typeof approvalPageDto>;

/** The choices of the queue's filters (loaded by the page: lib/approvals/queue-facets.ts). */
export type RequesterOption = { value: string; kind: "workflow" | "person" | "app"; label: string };
export type QueueFacets = { brands: { id: string; name: string }[]; requesters: RequesterOption[] };

export const decisionDto = z
  .object({
    approvalRequestId: z.string(),
    decisionId: z.string(),
    status: z.enum(ApprovalStatus),
    decision: z.enum(ApprovalDecisionType),
    note: z.string().nullable(),
    decidedAt: isoDateTime(),
    emitted: z.boolean().meta({ description: "Whether approval/decided reached the workflow engine (else MKT-104 finds the decision on its next check)" }),
  })
  .meta({ id: "Decision" });
export type DecisionDto = z.infer<typeof decisionDto>;

export const bulkDecisionResultDto = z.object({ decided: z.array(z.string()), conflicts: z.array(z.string()), notFound: z.array(z.string()) }).meta({ id: "BulkDecisionResult" });
export type BulkDecisionResult = z.infer<typeof bulkDecisionResultDto>;

const tag = "Approvals";

export const listApprovalsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/approvals",
  tag,
  access: "org",
  summary: "The approval queue, one page at a time (keyset: after/before/last, or focus=<id> for the page containing an item): pending by priority then age, other tabs newest first; filters entityType, brandId, platform, requestedBy, priority, search q; totals per tab",
  query: listApprovalsQuerySchema,
  response: approvalPageDto,
});

export const decideApprovalEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/approvals/{id}/decision",
  tag,
  access: "org",
  permission: "approve",
  summary: "Approve, request changes (a note is required) or reject; 409 when already decided",
  body: decisionSchema,
  response: z.object({ decision: decisionDto }),
});

export const editRevisionEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/orgs/{org}/approvals/{id}/revisions/{platform}",
  tag,
  access: "org",
  permission: "approve",
  summary: "Edit one network's version of a pending request inline: a new revision, the one an approval then covers; 409 once decided",
  body: editRevisionSchema,
  response: z.object({ network: networkVersionDto }),
});

export const decideApprovalsBulkEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/approvals/bulk",
  tag,
  access: "org",
  permission: "approve",
  summary: "Decide several requests; already decided or unknown ids are listed, not fatal",
  body: bulkDecisionSchema,
  response: bulkDecisionResultDto,
});

export const redeemApprovalTokenEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/approvals/email",
  tag,
  access: "signature",
  summary: "Decide through the single-use token of an approval email (the confirmation page posts it)",
  body: redeemTokenSchema,
  response: z.object({ decision: decisionDto }),
});

export const slackInteractivityEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/slack/interactivity",
  tag,
  access: "signature",
  summary: "Slack buttons (Approve / Reject): form body `payload=<json>` signed with Slack's v0 signature",
  form: z.object({ payload: z.string().meta({ description: "Slack's block_actions payload (JSON)" }) }),
  response: z.object({ ok: z.literal(true), outcome: z.enum(["decided", "already_decided", "not_found", "ignored"]) }),
});
