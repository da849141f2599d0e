import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { addInboxNoteEndpoint } from "@/lib/inbox/contracts";
import { addInboxNote } from "@/lib/inbox/update-conversation";

export const POST = handle(addInboxNoteEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  return { note: await addInboxNote({ organizationId: ctx.organizationId, conversationId: params.id, authorId: ctx.actor.kind === "user" ? ctx.actor.userId : null, text: input.text }) };
});
