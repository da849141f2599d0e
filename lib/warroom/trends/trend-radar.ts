import "server-only";
import { db, sqlPool } from "@/lib/db/client";
import type { ContentFormat, Platform } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import type { TrendNoteDto, TrendRadarDto } from "@/lib/warroom/trends/contracts";
import type { z } from "zod";
import type { trendNoteSchema } from "@/lib/warroom/trends/contracts";

const DAY = 86_400_000;
/** A row rises when its engagements grew by at least this much, or appeared this period. */
export const RISING_GROWTH = 0.2;

type PostRow = { current: boolean; platform: Platform; format: ContentFormat; hashtags: string[]; engagements: number; impressions: number };
type Acc = { posts: number; previousPosts: number; eng: [number, number]; imp: [number, number] };

const pct = (cur: number, prev: number) => (prev > 0 ? Math.round(((cur - prev) / prev) * 1000) / 10 : null);
const rate = (eng: number, imp: number) => (imp > 0 ? Math.round((eng / imp) * 1000) / 10 : 0);

function rows<K extends string>(acc: Map<K, Acc>) {
  return [...acc.entries()]
    .map(([key, a]) => ({
      key,
      posts: a.posts,
      previousPosts: a.previousPosts,
      engagements: { current: a.eng[0], previous: a.eng[1], changePct: pct(a.eng[0], a.eng[1]) },
      engagementRate: { current: rate(a.eng[0], a.imp[0]), previous: rate(a.eng[1], a.imp[1]), changePct: pct(rate(a.eng[0], a.imp[0]), rate(a.eng[1], a.imp[1])) },
      rising: a.posts > 0 && a.eng[0] > 0 && (a.eng[1] === 0 || a.eng[0] >= a.eng[1] * (1 + RISING_GROWTH)),
    }))
    .sort((x, y) => y.engagements.current - x.engagements.current || y.posts - x.posts || x.key.localeCompare(y.key));
}

function add<K>(acc: Map<K, Acc>, key: K, r: PostRow) {
  const a = acc.get(key) ?? { posts: 0, previousPosts: 0, eng: [0, 0], imp: [0, 0] };
  const i = r.current ? 0 : 1;
  if (r.current) a.posts++;
  else a.previousPosts++;
  a.eng[i] += r.engagements;
  a.imp[i] += r.impressions;
  acc.set(key, a);
}

/**
 * The radar of one organisation: every post published in the last `days` and the `days` before, with
 * its latest metrics (MKT-108's snapshots), grouped by hashtag (lower-cased, without "#"), format
 * and network; plus the team's notes that have not expired. Posts are found through the
 * (organisation, scheduledAt) index: one published more than 7 days after its schedule is left out.
 */
export async function getTrendRadar(opts: { organizationId: string; days?: number; now?: Date }): Promise<TrendRadarDto> {
  const days = opts.days ?? 14;
  const now = opts.now ?? new Date();
  const split = new Date(now.getTime() - days * DAY);
  const from = new Date(now.getTime() - 2 * days * DAY);
  const [{ rows: posts }, notes] = await Promise.all([
    sqlPool().query<PostRow>(
      `WITH pubs AS (
         SELECT p.id, p.platform, p."contentPieceId", p."postedAt" >= $2 AS current
           FROM publications p
          WHERE p."organizationId" = $1 AND p.status = 'POSTED' AND p."postedAt" >= $3 AND p."postedAt" < $4
            AND p."scheduledAt" >= $3::timestamptz - interval '7 days' AND p."scheduledAt" < $4
       ), latest AS (
         SELECT DISTINCT ON (s."publicationId") s."publicationId", s.engagements, s.impressions
           FROM content_metric_snapshots s JOIN pubs ON pubs.id = s."publicationId"
          ORDER BY s."publicationId", s."capturedAt" DESC
       )
       SELECT pubs.current, pubs.platform::text AS platform, c.format::text AS format, c.hashtags,
              COALESCE(latest.engagements, 0)::int AS engagements, COALESCE(latest.impressions, 0)::int AS impressions
         FROM pubs JOIN content_pieces c ON c.id = pubs."contentPieceId" LEFT JOIN latest ON latest."publicationId" = pubs.id`,
      [opts.organizationId, split, from, now],
    ),
    listTrendNotes({ organizationId: opts.organizationId, now }),
  ]);
  const hashtags = new Map<string, Acc>();
  const formats = new Map<ContentFormat, Acc>();
  const platforms = new Map<Platform, Acc>();
  for (const r of posts) {
    for (const h of new Set(r.hashtags.map((t) => t.replace(/^#+/, "").trim().toLocaleLowerCase("fr")).filter(Boolean))) add(hashtags, h, r);
    add(formats, r.format, r);
    add(platforms, r.platform, r);
  }
  return { from: from.toISOString(), to: now.toISOString(), days, hashtags: rows(hashtags).slice(0, 12), formats: rows(formats), platforms: rows(platforms), notes };
}

/** The team's notes not expired, newest first, with who wrote them. */
export async function listTrendNotes(opts: { organizationId: string; now?: Date }): Promise<TrendNoteDto[]> {
  const now = opts.now ?? new Date();
  const items = await db().trendItem.findMany({
    where: { organizationId: opts.organizationId, source: { in: ["TEAM_NOTE", "CREATIVE_CENTER"] }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  const ids = [...new Set(items.map((i) => i.createdById).filter((x): x is string => !!x))];
  const users = ids.length ? await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : [];
  const who = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  return items.map((i) => ({
    id: i.id,
    source: i.source === "CREATIVE_CENTER" ? "CREATIVE_CENTER" : "TEAM_NOTE",
    title: i.title,
    note: i.note,
    platform: i.platform,
    url: i.url,
    expiresAt: i.expiresAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
    createdBy: i.createdById ? (who.get(i.createdById) ?? null) : null,
  }));
}

export async function addTrendNote(opts: { organizationId: string; userId: string | null; input: z.output<typeof trendNoteSchema>; now?: Date }): Promise<TrendNoteDto> {
  const now = opts.now ?? new Date();
  const row = await db().trendItem.create({
    data: {
      organizationId: opts.organizationId,
      source: opts.input.source,
      title: opts.input.title,
      note: opts.input.note || null,
      platform: opts.input.platform ?? null,
      url: opts.input.url ?? null,
      createdById: opts.userId,
      expiresAt: opts.input.expiresInDays ? new Date(now.getTime() + opts.input.expiresInDays * DAY) : null,
    },
  });
  return (await listTrendNotes({ organizationId: opts.organizationId, now })).find((n) => n.id === row.id)!;
}

/** Team notes only: the radar's computed rows are not stored. Another organisation's note is a 404. */
export async function deleteTrendNote(opts: { organizationId: string; id: string }): Promise<void> {
  const { count } = await db().trendItem.deleteMany({ where: { id: opts.id, organizationId: opts.organizationId, source: { in: ["TEAM_NOTE", "CREATIVE_CENTER"] } } });
  if (count === 0) throw notFound("trendNote");
}
