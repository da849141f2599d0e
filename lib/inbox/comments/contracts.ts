import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { CommentStatus, Platform, TriageAction } from "@/lib/db/generated/enums";
import { hideCommentSchema, listCommentsQuerySchema, pollCommentsNowSchema, replyToCommentSchema } from "./schemas";

/** Comments under our publications (issue 15): polled every 5 minutes until day 7, replied to and hidden through the connectors. */

export const commentDto = z
  .object({
    id: z.string(),
    platform: z.enum(Platform),
    publicationId: z.string().nullable(),
    conversationId: z.string().nullable().meta({ description: "The commenter's conversation in the inbox (null for comments stored before conversations spanned comments)" }),
    postTitle: z.string().nullable().meta({ description: "Title of the content piece the publication sends, else the start of its text (80 characters)" }),
    postUrl: z.string().nullable(),
    authorName: z.string().nullable(),
    text: z.string(),
    status: z.enum(CommentStatus),
    triage: z.enum(TriageAction).nullable(),
    hidden: z.boolean(),
    canHide: z.boolean().meta({ description: "The network lets a page hide comments (Facebook, Instagram, X)" }),
    postedAt: isoDateTime(),
    repliedAt: isoDateTime().nullable(),
    replies: z.array(z.object({ id: z.string(), text: z.string(), postedAt: isoDateTime() })).meta({ description: "Our own replies in its thread" }),
  })
  .meta({ id: "Comment" });
export type CommentDto = z.infer<typeof commentDto>;

export const commentPollingDto = z
  .object({
    activePosts: z.number().int().meta({ description: "Publications younger than 7 days whose comments are polled every 5 minutes" }),
    lastCheckAt: isoDateTime().nullable(),
  })
  .meta({ id: "CommentPolling" });
export type CommentPollingDto = z.infer<typeof commentPollingDto>;

const tag = "Inbox";

export const listCommentsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/inbox/comments",
  tag,
  access: "org",
  summary: "Comments under the organisation's publications, newest first (keyset paging by cursor)",
  query: listCommentsQuerySchema,
  response: z.object({ comments: z.array(commentDto), nextCursor: z.string().nullable(), polling: commentPollingDto }),
});

export const replyToCommentEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/inbox/comments/{id}/reply",
  tag,
  access: "org",
  permission: "editContent",
  personOnly: true,
  summary: "Reply to a comment with a person's text, through the network's connector",
  body: replyToCommentSchema,
  response: z.object({ comment: commentDto }),
  status: 201,
});

export const hideCommentEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/inbox/comments/{id}/hide",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Hide a comment (or show it again) on the network, where its API allows it",
  body: hideCommentSchema,
  response: z.object({ comment: commentDto }),
});

export const pollCommentsNowEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/inbox/comments/poll",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Check the organisation's publications younger than 7 days for new comments now (as the 5-minute polling does)",
  body: pollCommentsNowSchema,
  response: z.object({ publications: z.number().int(), newComments: z.number().int(), failed: z.number().int() }),
});
