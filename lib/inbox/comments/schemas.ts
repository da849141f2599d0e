import { z } from "zod";

/** Inputs of the comments endpoints (strict: unknown fields are errors). */

export const COMMENT_STATUSES = ["NEW", "REPLIED", "IGNORED", "ESCALATED", "HIDDEN"] as const;

export const listCommentsQuerySchema = z
  .object({
    status: z.enum(COMMENT_STATUSES).optional(),
    publicationId: z.string().min(1).max(40).optional(),
    cursor: z.string().min(1).max(40).optional(),
    take: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();

/** A reply written by a person (never by a model): sent as is through the network's connector. */
export const replyToCommentSchema = z.object({ text: z.string().trim().min(1).max(1000) }).strict();

export const hideCommentSchema = z.object({ hidden: z.boolean() }).strict();

export const pollCommentsNowSchema = z.object({}).strict();
