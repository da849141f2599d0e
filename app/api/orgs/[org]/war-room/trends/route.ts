import { handle, reply } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { addTrendNoteEndpoint, getTrendRadarEndpoint } from "@/lib/warroom/trends/contracts";
import { addTrendNote, getTrendRadar } from "@/lib/warroom/trends/trend-radar";

export const GET = handle(getTrendRadarEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  return getTrendRadar({ organizationId: ctx.organizationId, days: query().days });
});

export const POST = handle(addTrendNoteEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  return reply({ note: await addTrendNote({ organizationId: ctx.organizationId, userId: ctx.actor.kind === "user" ? ctx.actor.userId : null, input: await body() }) }, { status: 201 });
});
