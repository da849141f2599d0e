import { handle, reply } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { createSequenceEndpoint, listSequencesEndpoint } from "@/lib/leads/contracts";
import { listSequences, saveSequence } from "@/lib/leads/nurture/sequences";

export const GET = handle(listSequencesEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return { sequences: await listSequences({ organizationId: ctx.organizationId }) };
});

export const POST = handle(createSequenceEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  const actor = { userId: ctx.actor.kind === "user" ? ctx.actor.userId : null, role: ctx.role };
  return reply({ sequence: await saveSequence({ organizationId: ctx.organizationId, input, actor }) }, { status: 201 });
});
