import { inngest } from "@/inngest/client";
import { organizationsWithInbox, recomputeKpiWindows } from "@/lib/inbox/kpis/recompute-kpi-windows";

/**
 * INB-003, every 30 minutes (seed 003 `kpi_aggregate_2h`): each organisation with inbox activity gets
 * its 2-hour KPI windows of the last 7 days recomputed in its time zone, one step each (idempotent: a
 * re-run writes nothing when nothing changed), so a window's figures are there within 30 minutes of its end.
 */
export const inb003KpiWindows = inngest.createFunction(
  { id: "inb-003-kpi-windows", name: "INB-003: inbox 2-hour KPIs every 30 min", triggers: [{ cron: "TZ=UTC 7,37 * * * *" }], retries: 3, concurrency: { limit: 1 } },
  async ({ step }) => {
    const orgs = await step.run("list-organizations", () => organizationsWithInbox());
    let written = 0;
    for (const organizationId of orgs) written += (await step.run(`recompute-${organizationId}`, () => recomputeKpiWindows({ organizationId }))).written;
    return { organizations: orgs.length, written };
  },
);
