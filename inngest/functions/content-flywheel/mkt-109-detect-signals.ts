import { inngest } from "@/inngest/client";
import { signalContentDetected } from "@/inngest/events";
import { detectSignals, listOrganizationsWithMetrics, markSignalsAnnounced } from "@/lib/content/signals/detect-signals";
import { notifySignal } from "@/lib/content/signals/notify-signal";
import { runNowTrigger } from "@/lib/agents/run-now";

/**
 * MKT-109, every 6 hours: per organisation, winners (rate > mean + 1.5 sigma per brand x platform)
 * become ContentSignal rows with an AI explanation; each new one is emitted as
 * signal/content.detected (event id = signal id, so a re-sent event is deduplicated) for the
 * Amplification Engine, and notified (dedupe key per signal). The detect step's signals carry its
 * run key, so a replay of that step returns them again instead of none. The notify step marks them
 * announced (`announcedAt`); a signal whose run gave up before that (the send step out of attempts,
 * say) is handed on by the next run's detect step and announced then, under the same event id and
 * dedupe key.
 */
export const mkt109DetectSignals = inngest.createFunction(
  { id: "mkt-109-detect-signals", name: "MKT-109 Detect winning content", triggers: [{ cron: "TZ=UTC 0 */6 * * *" }, runNowTrigger("MKT-109")], retries: 3, concurrency: { limit: 1 } },
  async ({ step, runId }) => {
    const orgs = await step.run("list-organizations", () => listOrganizationsWithMetrics());
    let total = 0;
    for (const organizationId of orgs) {
      const { signals } = await step.run(`detect-${organizationId}`, () => detectSignals({ organizationId, runKey: `${runId}:detect-${organizationId}` }));
      if (signals.length === 0) continue;
      total += signals.length;
      await step.sendEvent(
        `emit-signals-${organizationId}`,
        signals.map((s) =>
          signalContentDetected.create(
            { organizationId, signalId: s.signalId, brandId: s.brandId, contentPieceId: s.contentPieceId, publicationId: s.publicationId, platform: s.platform, engagementRate: s.engagementRate, threshold: s.threshold },
            { id: `signal-${s.signalId}` },
          ),
        ),
      );
      await step.run(`notify-${organizationId}`, async () => {
        for (const s of signals) await notifySignal({ organizationId, signal: s });
        // Sent and notified: later runs no longer hand them on.
        await markSignalsAnnounced({ organizationId, signalIds: signals.map((s) => s.signalId) });
        return signals.length;
      });
    }
    return { organizations: orgs.length, signals: total };
  },
);
