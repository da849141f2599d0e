import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getLatestAnalyticsBackfill, requestAnalyticsBackfill } from "@/lib/analytics/daily/backfill";
import { getAnalyticsBackfillEndpoint, requestAnalyticsBackfillEndpoint } from "@/lib/analytics/daily/contracts";

/** The newest recomputation and its progress. */
export const GET = handle(getAnalyticsBackfillEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "read");
  return { backfill: await getLatestAnalyticsBackfill({ organizationId: ctx.organizationId }) };
});

/** "Recompute": MKT-402 over a range of local dates. */
export const POST = handle(requestAnalyticsBackfillEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  return {
    backfill: await requestAnalyticsBackfill({
      organizationId: ctx.organizationId,
      from: input.from,
      to: input.to,
      requestedById: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    }),
  };
});
