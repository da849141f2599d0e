import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { composePostEndpoint } from "@/lib/content/compose/contracts";
import { composePost } from "@/lib/content/compose/compose-post";
import { getCalendarEndpoint } from "@/lib/publishing/contracts";
import { getCalendar } from "@/lib/publishing/get-calendar";

/** Calendar: the organisation's publications scheduled in ?from=&to= (ISO, at most 62 days) [&platform=][&accountId=]. */
export const GET = handle(getCalendarEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  const q = query();
  return getCalendar({ organizationId: ctx.organizationId, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, platform: q.platform, accountId: q.accountId });
});

/** The composer: a hand-written post (owner/admin: approved by its author and scheduled; editor: to the approval queue). */
export const POST = handle(composePostEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  const actor = ctx.actor.kind === "user" ? { kind: "user" as const, userId: ctx.actor.userId, role: ctx.role } : { kind: "apiKey" as const };
  return composePost({ organizationId: ctx.organizationId, actor, input });
});
