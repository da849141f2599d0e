import { inngest } from "@/inngest/client";
import { adsCompetitorResearchRequested, adsCompetitorsResearched } from "@/inngest/events";
import { researchCompetitors } from "@/lib/ads/competitor-research";
import { claimDailyRuns, finishDailyRun } from "@/lib/ads/daily-runs";
import { failManualResearch } from "@/lib/ads/request-competitor-research";
import { MANUAL_RESEARCH_JOB } from "@/lib/ads/research-status";
import { runNowTrigger } from "@/lib/agents/run-now";

/**
 * MKT-201, an hourly tick that runs each organisation once a day from 06:00 in its time zone: the
 * competitors of each brand on the Ad Library, stored de-duplicated with new ones flagged, an AI
 * reading of angles, offers and formats; the day's summary is the run's (page /campaigns/competitors).
 */
export const mkt201CompetitorResearch = inngest.createFunction(
  { id: "mkt-201-competitor-research", name: "MKT-201: competitor research", triggers: [{ cron: "TZ=UTC 0 * * * *" }, runNowTrigger("MKT-201")], retries: 3, concurrency: { limit: 1 } },
  async ({ step, runId }) => {
    const due = await step.run("claim-organizations", () => claimDailyRuns({ job: "mkt-201", hour: 6, runKey: `${runId}:claim-organizations` }));
    let newAds = 0;
    for (const { organizationId, localDate } of due) {
      const summary = await step.run(`research-${organizationId}`, () => researchCompetitors({ organizationId, aiKey: runId }));
      const found = summary.brands.reduce((n, b) => n + b.newAds, 0);
      newAds += found;
      await step.run(`finish-${organizationId}`, () => finishDailyRun({ organizationId, job: "mkt-201", localDate, summary }));
      await step.sendEvent(
        `researched-${organizationId}`,
        adsCompetitorsResearched.create({ organizationId, localDate, brands: summary.brands.length, ads: summary.brands.reduce((n, b) => n + b.ads, 0), newAds: found }, { id: `competitors-researched-${organizationId}-${localDate}` }),
      );
    }
    return { organizations: due.length, newAds };
  },
);

/**
 * MKT-201 on demand ("Run research now" on the competitors page): the same research for one
 * organisation, its result stored on the "mkt-201-manual" row the request claimed (the page shows it
 * like the daily run's). One at a time per organisation; a run that fails for good marks the row
 * failed so the page stops waiting and says so.
 */
export const mkt201ResearchOnDemand = inngest.createFunction(
  {
    id: "mkt-201-research-on-demand",
    name: "MKT-201: competitor research on demand",
    triggers: [adsCompetitorResearchRequested],
    retries: 2,
    concurrency: { key: "event.data.organizationId", limit: 1 },
    onFailure: async ({ event, error, step }) => {
      const data = event.data.event.data as { organizationId: string; localDate: string };
      await step.run("mark-failed", () => failManualResearch({ organizationId: data.organizationId, localDate: data.localDate, message: error.message }));
    },
  },
  async ({ event, step, runId }) => {
    const { organizationId, localDate, requestId } = event.data;
    const summary = await step.run("research", () => researchCompetitors({ organizationId, aiKey: runId }));
    const newAds = summary.brands.reduce((n, b) => n + b.newAds, 0);
    await step.run("finish", () => finishDailyRun({ organizationId, job: MANUAL_RESEARCH_JOB, localDate, summary }));
    await step.sendEvent(
      "researched",
      adsCompetitorsResearched.create({ organizationId, localDate, brands: summary.brands.length, ads: summary.brands.reduce((n, b) => n + b.ads, 0), newAds }, { id: `competitors-researched-${requestId}` }),
    );
    return { brands: summary.brands.length, newAds };
  },
);
