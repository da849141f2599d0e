import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getSequenceEndpoint, updateSequenceEndpoint } from "@/lib/leads/contracts";
import { getSequence, saveSequence } from "@/lib/leads/nurture/sequences";

export const GET = handle(getSequenceEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return { sequence: await getSequence({ organizationId: ctx.organizationId, sequenceId: params.id }) };
});

export const PUT = handle(updateSequenceEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  const actor = { userId: ctx.actor.kind === "user" ? ctx.actor.userId : null, role: ctx.role };
  return { sequence: await saveSequence({ organizationId: ctx.organizationId, sequenceId: params.id, input, actor }) };
});
