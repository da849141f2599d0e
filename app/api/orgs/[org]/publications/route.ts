import { requireOrg } from "@/lib/auth/guard";
import { json, parseQuery, route } from "@/lib/http";
import { getCalendar } from "@/lib/publishing/get-calendar";
import { calendarQuerySchema } from "@/lib/publishing/schemas";

/** Calendar: the organisation's publications scheduled in ?from=&to= (ISO, at most 62 days) [&platform=]. */
export const GET = route<{ params: Promise<{ org: string }> }>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org);
  const q = parseQuery(req, calendarQuerySchema);
  return json(await getCalendar({ organizationId: ctx.organizationId, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, platform: q.platform }));
});
