import "server-only";
import { inboxCommentReceived } from "@/inngest/events";
import type { NewComment } from "./poll-comments";

/** The triage hand-off of one new comment; its id makes a re-sent event a no-op (24 h deduplication). */
export const commentReceivedEvent = (c: NewComment) =>
  inboxCommentReceived.create({ organizationId: c.organizationId, commentId: c.commentId, platform: c.platform }, { id: `inbox-comment-received-${c.commentId}` });
