import "server-only";
import { db } from "@/lib/db/client";
import { notify, type NotifyResult } from "@/lib/providers/notify";
import type { DetectedSignalDto } from "./detect-signals";

/** In-app (and Slack when configured) alert for a new winning-content signal; deduped per signal, so a re-run step notifies once. */
export async function notifySignal(opts: { organizationId: string; signal: DetectedSignalDto }): Promise<NotifyResult> {
  const s = opts.signal;
  const org = await db().organization.findUnique({ where: { id: opts.organizationId }, select: { slug: true } });
  return notify({
    organizationId: opts.organizationId,
    to: "organization",
    type: "signal.detected",
    severity: "SUCCESS",
    message: { key: "signalDetected", values: { title: s.title, platform: s.platform, rate: Math.round(s.engagementRate * 100) / 100, threshold: Math.round(s.threshold * 100) / 100 } },
    actionUrl: org ? `/${org.slug}/content/${s.contentPieceId}` : undefined,
    dedupeKey: `signal:${s.signalId}`,
    data: { signalId: s.signalId, publicationId: s.publicationId, contentPieceId: s.contentPieceId },
  });
}
