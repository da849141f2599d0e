import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { aggregateKpiWindows, type KpiFigures, type KpiItem } from "./aggregate-kpis";
import { kpiWindowsBetween } from "./windows";

/** How far back each run recomputes: the 7 days the page shows (late triage decisions and replies land in older windows). */
export const KPI_RECOMPUTE_DAYS = 7;

// The app's client is a TransactionClient too; a union of the two made tsc report "Excessive stack depth"
// (TS2321) comparing PrismaClient with TransactionClient here.
type Client = Prisma.TransactionClient;
const FIELDS: (keyof KpiFigures)[] = ["messagesCount", "commentsCount", "frtP50Seconds", "autoReplyRate", "autoReplyCount", "escalateCount", "ignoredCount", "postsActive"];

/**
 * The finished 2-hour KPI windows of one organisation over the last 7 days, in its time zone, from the inbox
 * itself: one `kpi_windows` row per window with activity (upserted by (organisation, windowStart), and
 * written only when a figure changed, so a re-run leaves identical rows, `updatedAt` included); a row
 * whose window no longer has anything is deleted. Returns what it wrote.
 */
export async function recomputeKpiWindows(opts: { organizationId: string; now?: Date; client?: Client }): Promise<{ windows: number; written: number; deleted: number }> {
  // Through unknown: tsc's comparison of PrismaClient with TransactionClient hits its depth limit (TS2321).
  const client = opts.client ?? (db() as unknown as Client);
  const now = opts.now ?? new Date();
  const org = await client.organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { timezone: true } });
  // Finished windows only (seed 003: a window's figures are there within minutes of its end), so a row never changes after its last recompute but for late decisions.
  const windows = kpiWindowsBetween(new Date(now.getTime() - KPI_RECOMPUTE_DAYS * 86_400_000), now, org.timezone).filter((w) => w.end.getTime() <= now.getTime());
  if (windows.length === 0) return { windows: 0, written: 0, deleted: 0 };
  const from = windows[0]!.start;
  const to = windows.at(-1)!.end;
  const items = await loadKpiItems(client, opts.organizationId, from, to);
  const computed = aggregateKpiWindows(items, windows);
  const existing = await client.kpiWindow.findMany({ where: { organizationId: opts.organizationId, windowStart: { gte: from, lt: to } } });
  const byStart = new Map(existing.map((r) => [r.windowStart.getTime(), r]));
  let written = 0;
  for (const { window, figures } of computed) {
    const row = byStart.get(window.start.getTime());
    byStart.delete(window.start.getTime());
    if (row && row.windowEnd.getTime() === window.end.getTime() && FIELDS.every((f) => row[f] === figures[f])) continue;
    await client.kpiWindow.upsert({
      where: { organizationId_windowStart: { organizationId: opts.organizationId, windowStart: window.start } },
      create: { organizationId: opts.organizationId, windowStart: window.start, windowEnd: window.end, ...figures },
      update: { windowEnd: window.end, ...figures },
    });
    written++;
  }
  const stale = [...byStart.values()].map((r) => r.id);
  if (stale.length) await client.kpiWindow.deleteMany({ where: { organizationId: opts.organizationId, id: { in: stale } } });
  return { windows: computed.length, written, deleted: stale.length };
}

/**
 * Inbound messages and comments of [from, to) with their triage and first response: a comment's is its
 * `repliedAt`; a message's is the first message we sent in its conversation after it, counted for the
 * first message of each unanswered run (a contact writing three times before our answer waited once).
 */
export async function loadKpiItems(client: Client, organizationId: string, from: Date, to: Date): Promise<KpiItem[]> {
  const [inbound, comments] = await Promise.all([
    client.conversationMessage.findMany({
      where: { organizationId, direction: "INBOUND", sentAt: { gte: from, lt: to } },
      select: { conversationId: true, sentAt: true, triage: true },
    }),
    client.comment.findMany({
      where: { organizationId, isOwn: false, postedAt: { gte: from, lt: to } },
      select: { postedAt: true, triage: true, repliedAt: true, publicationId: true },
    }),
  ]);
  const conversationIds = [...new Set(inbound.map((m) => m.conversationId))];
  const outbound = conversationIds.length
    ? await client.conversationMessage.findMany({
        where: { organizationId, conversationId: { in: conversationIds }, direction: "OUTBOUND", author: { in: ["MEMBER", "AI"] }, sentAt: { gte: from } },
        select: { conversationId: true, sentAt: true },
      })
    : [];
  const items: KpiItem[] = [];
  for (const conversationId of conversationIds) {
    const events = [
      ...inbound.filter((m) => m.conversationId === conversationId).map((m) => ({ in: true, at: m.sentAt, triage: m.triage })),
      ...outbound.filter((m) => m.conversationId === conversationId).map((m) => ({ in: false, at: m.sentAt, triage: null })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime() || Number(b.in) - Number(a.in));
    let waiting: KpiItem | null = null;
    for (const e of events) {
      if (!e.in) {
        if (waiting) waiting.responseSeconds = (e.at.getTime() - waiting.at.getTime()) / 1000;
        waiting = null;
        continue;
      }
      const item: KpiItem = { kind: "message", at: e.at, triage: e.triage, responseSeconds: null, publicationId: null };
      items.push(item);
      waiting ??= item;
    }
  }
  for (const c of comments)
    items.push({ kind: "comment", at: c.postedAt, triage: c.triage, responseSeconds: c.repliedAt ? Math.max(0, (c.repliedAt.getTime() - c.postedAt.getTime()) / 1000) : null, publicationId: c.publicationId });
  return items;
}

/** The organisations with any inbox activity in the last 7 days (the 30-minute recompute goes over these). */
export async function organizationsWithInbox(opts: { now?: Date } = {}): Promise<string[]> {
  const since = new Date((opts.now ?? new Date()).getTime() - (KPI_RECOMPUTE_DAYS + 1) * 86_400_000);
  const [m, c, k] = await Promise.all([
    db().conversationMessage.findMany({ where: { sentAt: { gte: since } }, distinct: ["organizationId"], select: { organizationId: true } }),
    db().comment.findMany({ where: { postedAt: { gte: since } }, distinct: ["organizationId"], select: { organizationId: true } }),
    db().kpiWindow.findMany({ where: { windowStart: { gte: since } }, distinct: ["organizationId"], select: { organizationId: true } }),
  ]);
  return [...new Set([...m, ...c, ...k].map((r) => r.organizationId))].sort();
}
