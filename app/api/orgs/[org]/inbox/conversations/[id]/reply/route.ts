import { randomUUID } from "node:crypto";
import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { replyToConversationEndpoint } from "@/lib/inbox/contracts";
import { sendInboxReply } from "@/lib/inbox/send-reply";

/** A member's reply through the platform's connector (Idempotency-Key honoured: a retried click sends once). */
export const POST = handle(replyToConversationEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  const key = req.headers.get("idempotency-key")?.slice(0, 100) || randomUUID();
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  return { message: await sendInboxReply({ organizationId: ctx.organizationId, conversationId: params.id, text: input.text, commentId: input.commentId, template: input.template, author: "MEMBER", userId, idempotencyKey: `member:${key}` }) };
});
