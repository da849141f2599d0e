import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { TZDate } from "@date-fns/tz";
import { localDate, localHour } from "@/lib/time/local-dates";
import { isTimeZone } from "@/lib/utils";
import { embed } from "@/lib/providers/ai";
import { claimDueRuns } from "@/lib/jobs/daily-claims";
import { clusterTexts, type TopicText } from "./cluster-texts";

/**
 * INB-004, daily at 03:00 in each organisation's time zone (seed 003 `cluster_daily`): the inbound
 * messages and comments of the last 24 hours and of the last 7 days, embedded through the AI gateway
 * (the offline provider's bag-of-words hashing by default), clustered (`clusterTexts`), one GLOBAL
 * topic set per period; plus a PUBLICATION set for each post with at least 20 comments in the 7 days.
 * A run replaces the organisation's clusters of the same end instant, so a re-run leaves one set.
 */
export const PER_POST_MIN_COMMENTS = 20;
/** Newest texts clustered per run (the clustering compares every pair). */
const MAX_TEXTS = 2000;
const DAY = 86_400_000;
// The app's client is a TransactionClient too: a union of the two made tsc report "Excessive stack depth" (TS2321).
type Client = Prisma.TransactionClient;
type Item = TopicText & { kind: "message" | "comment"; at: Date; publicationId: string | null };
export type Embedder = (texts: string[]) => Promise<number[][]>;

export async function runTopicClustering(opts: { organizationId: string; now?: Date; aiKey?: string; client?: Client; embedder?: Embedder }): Promise<{ global24h: number; global7d: number; perPost: number }> {
  const client = opts.client ?? (db() as unknown as Client);
  const windowEnd = opts.now ?? new Date();
  const since = new Date(windowEnd.getTime() - 7 * DAY);
  const [messages, comments] = await Promise.all([
    client.conversationMessage.findMany({
      where: { organizationId: opts.organizationId, direction: "INBOUND", sentAt: { gte: since, lt: windowEnd }, text: { not: null } },
      orderBy: [{ sentAt: "desc" }, { id: "asc" }],
      take: MAX_TEXTS,
      select: { id: true, text: true, sentAt: true },
    }),
    client.comment.findMany({
      where: { organizationId: opts.organizationId, isOwn: false, postedAt: { gte: since, lt: windowEnd } },
      orderBy: [{ postedAt: "desc" }, { id: "asc" }],
      take: MAX_TEXTS,
      select: { id: true, text: true, postedAt: true, publicationId: true },
    }),
  ]);
  const items: Item[] = [
    ...messages.map((m) => ({ id: m.id, text: m.text!, kind: "message" as const, at: m.sentAt, publicationId: null })),
    ...comments.map((c) => ({ id: c.id, text: c.text, kind: "comment" as const, at: c.postedAt, publicationId: c.publicationId })),
  ]
    .filter((i) => i.text.trim().length > 0)
    .sort((a, b) => b.at.getTime() - a.at.getTime() || a.id.localeCompare(b.id))
    .slice(0, MAX_TEXTS);
  const embedder: Embedder =
    opts.embedder ??
    (async (texts) => (await embed({ organizationId: opts.organizationId, agent: "inb-004-topic-clusters", operation: "topics", idempotencyKey: opts.aiKey, texts })).vectors);
  const vectors = items.length ? await embedder(items.map((i) => i.text)) : [];
  const vectorOf = new Map(items.map((it, k) => [it.id, vectors[k]!]));
  const sets: { scope: "GLOBAL" | "PUBLICATION"; publicationId: string | null; windowStart: Date; items: Item[] }[] = [
    { scope: "GLOBAL", publicationId: null, windowStart: new Date(windowEnd.getTime() - DAY), items: items.filter((i) => i.at.getTime() >= windowEnd.getTime() - DAY) },
    { scope: "GLOBAL", publicationId: null, windowStart: since, items },
  ];
  const byPost = new Map<string, Item[]>();
  for (const i of items) if (i.kind === "comment" && i.publicationId) byPost.set(i.publicationId, [...(byPost.get(i.publicationId) ?? []), i]);
  for (const [publicationId, list] of [...byPost.entries()].sort(([a], [b]) => a.localeCompare(b)))
    if (list.length >= PER_POST_MIN_COMMENTS) sets.push({ scope: "PUBLICATION", publicationId, windowStart: since, items: list });
  const counts = { global24h: 0, global7d: 0, perPost: 0 };
  const write = async (tx: Client) => {
    await tx.topicCluster.deleteMany({ where: { organizationId: opts.organizationId, windowEnd } });
    for (const [k, set] of sets.entries()) {
      const drafts = clusterTexts(set.items, set.items.map((i) => vectorOf.get(i.id)!));
      if (k === 0) counts.global24h = drafts.length;
      else if (k === 1) counts.global7d = drafts.length;
      else counts.perPost += drafts.length;
      const kindOf = new Map(set.items.map((i) => [i.id, i.kind]));
      for (const d of drafts) {
        const cluster = await tx.topicCluster.create({
          data: { organizationId: opts.organizationId, scope: set.scope, publicationId: set.publicationId, label: d.label || "—", keywords: d.keywords, size: d.members.length, centroid: d.centroid, windowStart: set.windowStart, windowEnd, createdAt: windowEnd },
          select: { id: true },
        });
        await tx.topicClusterItem.createMany({
          data: d.members.map((m) => ({
            organizationId: opts.organizationId,
            clusterId: cluster.id,
            messageId: kindOf.get(m.id) === "message" ? m.id : null,
            commentId: kindOf.get(m.id) === "comment" ? m.id : null,
            score: m.score,
          })),
        });
      }
    }
  };
  if (opts.client) await write(opts.client);
  else await db().$transaction((tx) => write(tx), { timeout: 60_000 });
  return counts;
}

/**
 * The organisations whose local time is 03:00 or later (before 09:00) on a date not yet clustered (job
 * "inb-004" in `ad_daily_runs`, one row per local date): a missed tick is caught up by the next ones; a
 * replay of the same step (`runKey`) returns what it claimed (`claimDueRuns`).
 */
export async function claimTopicClustering(opts: { runKey: string; now?: Date }): Promise<{ organizationId: string; localDate: string; windowEnd: string }[]> {
  const now = opts.now ?? new Date();
  const orgs = await db().organization.findMany({ select: { id: true, timezone: true } });
  const due = orgs.flatMap((o) => {
    const hour = localHour(now, o.timezone);
    return hour >= 3 && hour < 9 ? [{ organizationId: o.id, localDate: localDate(now, o.timezone) }] : [];
  });
  const claimed = await claimDueRuns({ job: "inb-004", due, runKey: opts.runKey, now });
  const tzOf = new Map(orgs.map((o) => [o.id, o.timezone]));
  // The run's window ends at 03:00 local of its date (the same instant whenever the run or a retry happens).
  return claimed.map((c) => ({ ...c, windowEnd: at3(c.localDate, tzOf.get(c.organizationId)!).toISOString() }));
}

function at3(date: string, tz: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 3, 0, 0, isTimeZone(tz) ? tz : "UTC").getTime());
}

export async function finishTopicClustering(opts: { organizationId: string; localDate: string; summary: object; now?: Date }): Promise<void> {
  await db().adDailyRun.updateMany({ where: { organizationId: opts.organizationId, job: "inb-004", localDate: opts.localDate }, data: { finishedAt: opts.now ?? new Date(), summary: opts.summary } });
}
