import { inngest } from "@/inngest/client";
import { adsCompetitorsResearched } from "@/inngest/events";
import { researchCompetitors } from "@/lib/ads/competitor-research";
import { claimDailyRuns, finishDailyRun } from "@/lib/ads/daily-runs";

/**
 * MKT-201, an hourly tick that runs each organisation once a day from 06:00 in its time zone: the
 * competitors of each brand on the Ad Library, stored de-duplicated with new ones flagged, an AI
 * reading of angles, offers and formats; the day's summary is the run's (page /campaigns/competitors).
 */
export const mkt201CompetitorResearch = inngest.createFunction(
  { id: "mkt-201-competitor-research", name: "MKT-201: competitor research", triggers: [{ cron: "TZ=UTC 0 * * * *" }], retries: 3, concurrency: { limit: 1 } },
  async ({ step, runId }) => {
    const due = await step.run("claim-organizations", () => claimDailyRuns({ job: "mkt-201", hour: 6 }));
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
