import "server-only";
import { db } from "@/lib/db/client";
import { median } from "./aggregate-kpis";
import type { InboxKpisDto, KpiWindowDto } from "./contracts";
import { kpiWindowsBetween } from "./windows";

/** The KPI page's data: the finished windows of the last 7 days as stored, the empty ones filled in as zeros. */
export async function getInboxKpis(opts: { organizationId: string; now?: Date }): Promise<InboxKpisDto> {
  const now = opts.now ?? new Date();
  const org = await db().organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { timezone: true } });
  const windows = kpiWindowsBetween(new Date(now.getTime() - 7 * 86_400_000), now, org.timezone).filter((w) => w.end.getTime() <= now.getTime());
  const rows = await db().kpiWindow.findMany({ where: { organizationId: opts.organizationId, windowStart: { gte: windows[0]!.start, lt: windows.at(-1)!.end } } });
  const byStart = new Map(rows.map((r) => [r.windowStart.getTime(), r]));
  const last7d: KpiWindowDto[] = windows.map((w) => {
    const r = byStart.get(w.start.getTime());
    return {
      start: w.start.toISOString(),
      end: w.end.toISOString(),
      messages: r?.messagesCount ?? 0,
      comments: r?.commentsCount ?? 0,
      frtP50Seconds: r?.frtP50Seconds ?? null,
      autoReplyRate: r?.autoReplyRate ?? null,
      autoReplies: r?.autoReplyCount ?? 0,
      escalations: r?.escalateCount ?? 0,
      ignored: r?.ignoredCount ?? 0,
      postsActive: r?.postsActive ?? 0,
    };
  });
  const cut = now.getTime() - 48 * 3600_000;
  const last48h = last7d.filter((w) => new Date(w.end).getTime() > cut);
  const sum = (k: "messages" | "comments" | "autoReplies" | "escalations" | "ignored") => last48h.reduce((n, w) => n + w[k], 0);
  const triaged = sum("autoReplies") + sum("escalations") + sum("ignored");
  const computedAt = rows.reduce<Date | null>((m, r) => (!m || r.updatedAt > m ? r.updatedAt : m), null);
  return {
    timezone: org.timezone,
    computedAt: computedAt?.toISOString() ?? null,
    last48h,
    last7d,
    totals48h: {
      messages: sum("messages"),
      comments: sum("comments"),
      frtP50Seconds: median(last48h.flatMap((w) => (w.frtP50Seconds === null ? [] : [w.frtP50Seconds]))),
      autoReplyRate: triaged ? Math.round((sum("autoReplies") / triaged) * 1000) / 1000 : null,
      escalations: sum("escalations"),
      ignored: sum("ignored"),
      postsActivePeak: last48h.reduce((m, w) => Math.max(m, w.postsActive), 0),
    },
  };
}
