import { db } from "@/lib/db/client";
import { notify, type NotifyResult } from "@/lib/providers/notify";
import type { DetectedSignalDto } from "./detect-signals";

/** In-app (and Slack when configured) alert for a new winning-content signal; deduped per signal, so a re-run step notifies once. */
export async function notifySignal(opts: { organizationId: string; signal: DetectedSignalDto }): Promise<NotifyResult> {
  const s = opts.signal;
  const org = await db().organization.findUnique({ where: { id: opts.organizationId }, select: { slug: true } });
  return notify({
    organizationId: opts.organizationId,
    type: "signal.detected",
    severity: "SUCCESS",
    title: `Contenu gagnant / Winning content: ${s.title}`,
    body: `${s.platform}: ${s.engagementRate.toFixed(2)}% > ${s.threshold.toFixed(2)}% (mean + 1.5σ)`,
    actionUrl: org ? `/${org.slug}/content/${s.contentPieceId}` : undefined,
    dedupeKey: `signal:${s.signalId}`,
    data: { signalId: s.signalId, publicationId: s.publicationId, contentPieceId: s.contentPieceId },
  });
}
