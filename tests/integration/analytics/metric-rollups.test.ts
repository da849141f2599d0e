import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAnalyticsReport } from "@/lib/analytics/daily/get-analytics-report";
import { addDays, localDate, startOfLocalDay } from "@/lib/time/local-dates";
import { getWarRoom } from "@/lib/warroom/get-war-room";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { POSTS_OF_RANGE_REFERENCE } from "./fixtures";

/**
 * Issue 18: the War Room's 7-day chart (organization_metric_days) and the Analytics page's posts of a
 * range (publication_metric_days) are read from rows the trigger on content_metric_snapshots keeps in
 * the transaction that writes the snapshots. Checked against the computations they replace (kept here
 * as references: every snapshot of the window read per request) on a fixture of several days,
 * networks and publications, then after each kind of write: a snapshot arriving today, one arriving
 * late (older than the latest), MKT-108's upsert rewriting a snapshot, a delete, a publication deleted,
 * concurrent writers of one publication, a time zone change; and the rows equal a rebuild from scratch.
 */
let t: TestDatabase;
let orgId: string;
let otherId: string;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date();
const pubs: { id: string; pieceId: string; platform: "LINKEDIN" | "INSTAGRAM" | "FACEBOOK"; orgId: string }[] = [];

/** The War Room chart as computed per request before (lib/warroom/get-war-room.ts until issue 18). */
const WAR_ROOM_REFERENCE = `
  WITH recent AS MATERIALIZED (
    SELECT "publicationId", "capturedAt", impressions, engagements FROM content_metric_snapshots
    WHERE "organizationId" = $1 AND "capturedAt" >= $2)
  SELECT to_char(("capturedAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,
    sum(greatest(0, impressions - coalesce(pi, 0)))::float8 AS impressions, sum(greatest(0, engagements - coalesce(pe, 0)))::float8 AS engagements
  FROM (SELECT "capturedAt", impressions, engagements, lag(impressions) OVER w AS pi, lag(engagements) OVER w AS pe
    FROM recent WINDOW w AS (PARTITION BY "publicationId" ORDER BY "capturedAt")) s
  WHERE "capturedAt" >= $3
  GROUP BY 1`;


/** The three rollup tables as the trigger's computation over every snapshot would make them now. */
const REBUILT = `
  WITH s AS (
    SELECT s."publicationId", s."organizationId", s."capturedAt", (s."capturedAt" AT TIME ZONE o.timezone)::date AS local_day,
      s.impressions - coalesce(lag(s.impressions) OVER w, 0) AS di, s.engagements - coalesce(lag(s.engagements) OVER w, 0) AS de,
      s.clicks - coalesce(lag(s.clicks) OVER w, 0) AS dc, lag(s."capturedAt") OVER w IS NULL AS first
    FROM content_metric_snapshots s JOIN organizations o ON o.id = s."organizationId"
    WINDOW w AS (PARTITION BY s."publicationId" ORDER BY s."capturedAt"))
  SELECT json_build_object(
    'local', (SELECT coalesce(json_agg(x ORDER BY x."publicationId", x.day), '[]') FROM (
      SELECT "publicationId", to_char(local_day, 'YYYY-MM-DD') AS day, sum(di)::int AS i, sum(de)::int AS e, sum(dc)::int AS c, bool_or(first) AS f
      FROM s GROUP BY 1, 2) x),
    'utc', (SELECT coalesce(json_agg(x ORDER BY x."publicationId", x.day), '[]') FROM (
      SELECT "publicationId", to_char(("capturedAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, sum(greatest(0, di))::int AS i, sum(greatest(0, de))::int AS e
      FROM s GROUP BY 1, 2) x),
    'org', (SELECT coalesce(json_agg(x ORDER BY x."organizationId", x.day), '[]') FROM (
      SELECT "organizationId", to_char(("capturedAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, sum(greatest(0, di))::bigint::text AS i, sum(greatest(0, de))::bigint::text AS e
      FROM s GROUP BY 1, 2) x)) AS v`;
const STORED = `
  SELECT json_build_object(
    'local', (SELECT coalesce(json_agg(x ORDER BY x."publicationId", x.day), '[]') FROM (
      SELECT "publicationId", to_char(day, 'YYYY-MM-DD') AS day, impressions AS i, engagements AS e, clicks AS c, "firstSnapshot" AS f FROM publication_metric_days) x),
    'utc', (SELECT coalesce(json_agg(x ORDER BY x."publicationId", x.day), '[]') FROM (
      SELECT "publicationId", to_char(day, 'YYYY-MM-DD') AS day, impressions AS i, engagements AS e FROM publication_metric_utc_days) x),
    'org', (SELECT coalesce(json_agg(x ORDER BY x."organizationId", x.day), '[]') FROM (
      -- a day whose last snapshot went stays at 0: the same as no row for every reader
      SELECT "organizationId", to_char(day, 'YYYY-MM-DD') AS day, impressions::text AS i, engagements::text AS e FROM organization_metric_days
      WHERE impressions <> 0 OR engagements <> 0 OR EXISTS (SELECT 1 FROM publication_metric_utc_days u WHERE u."organizationId" = organization_metric_days."organizationId" AND u.day = organization_metric_days.day)) x)) AS v`;

async function expectRollupsExact(label: string) {
  const [rebuilt] = await t.db.$queryRawUnsafe<{ v: unknown }[]>(REBUILT);
  const [stored] = await t.db.$queryRawUnsafe<{ v: unknown }[]>(STORED);
  expect(stored!.v, label).toEqual(rebuilt!.v);
}

async function expectWarRoomChartAsBefore(label: string) {
  const since = new Date(now.getTime() - 7 * DAY);
  const firstDay = new Date(`${new Date(now.getTime() - 6 * DAY).toISOString().slice(0, 10)}T00:00:00Z`);
  const rows = await t.db.$queryRawUnsafe<{ day: string; impressions: number; engagements: number }[]>(
    WAR_ROOM_REFERENCE,
    orgId,
    new Date(since.getTime() - 30 * DAY),
    firstDay,
  );
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const expected = [];
  for (let i = 6; i >= 0; i--) {
    const day = new Date(now.getTime() - i * DAY).toISOString().slice(0, 10);
    expected.push({ day, impressions: Number(byDay.get(day)?.impressions ?? 0), engagements: Number(byDay.get(day)?.engagements ?? 0) });
  }
  const got = await getWarRoom({ organizationId: orgId, now });
  expect(got.daily, label).toEqual(expected);
  expect(
    got.daily.some((d) => d.impressions > 0),
    label,
  ).toBe(true);
}

async function expectPostsAsBefore(label: string, tz: string) {
  const today = localDate(now, tz);
  for (const [from, to] of [
    [addDays(today, -30), addDays(today, -1)],
    [addDays(today, -6), today],
    [addDays(today, -3), addDays(today, -2)],
    [today, today],
    [addDays(today, -60), addDays(today, -20)],
  ] as const) {
    const start = startOfLocalDay(from, tz);
    const end = startOfLocalDay(addDays(to, 1), tz);
    const reference = await t.db.$queryRawUnsafe<{ id: string; impressions: number; engagements: number; clicks: number }[]>(POSTS_OF_RANGE_REFERENCE, orgId, start, end);
    const got = [];
    for (let page = 1; page <= Math.max(1, Math.ceil(reference.length / 20)); page++) {
      const r = await getAnalyticsReport({ organizationId: orgId, query: { from, to, page } });
      expect(r.posts.total, `${label} ${from}..${to}`).toBe(reference.length);
      got.push(...r.posts.items);
    }
    expect(
      got.map((p) => [p.publicationId, p.impressions, p.engagements, p.clicks]),
      `${label} ${from}..${to}`,
    ).toEqual(reference.map((r) => [r.id, r.impressions, r.engagements, r.clicks]));
    // Filtered by network: the same rows of that network only.
    const instagram = reference.filter((r) => pubs.find((p) => p.id === r.id)?.platform === "INSTAGRAM");
    const filtered = await getAnalyticsReport({ organizationId: orgId, query: { from, to, page: 1, network: "INSTAGRAM" } });
    expect(filtered.posts.total, `${label} ${from}..${to} INSTAGRAM`).toBe(instagram.length);
    expect(filtered.posts.items.map((p) => p.publicationId)).toEqual(instagram.slice(0, 20).map((r) => r.id));
  }
}

const snapshot = (p: (typeof pubs)[number], capturedAt: Date, k: number) => ({
  organizationId: p.orgId,
  publicationId: p.id,
  contentPieceId: p.pieceId,
  platform: p.platform,
  capturedAt,
  impressions: k * 37,
  engagements: k * 3,
  clicks: k,
});

beforeAll(async () => {
  t = await createTestDatabase();
  const tag = randomUUID().slice(0, 6);
  for (const [k, slug] of [`mr-${tag}`, `mo-${tag}`].entries()) {
    const org = await t.db.organization.create({ data: { name: slug, slug, timezone: "Europe/Paris" } });
    if (k === 0) orgId = org.id;
    else otherId = org.id;
    const brand = await t.db.brand.create({ data: { organizationId: org.id, name: "B", slug: "b", voice: "v", targetAudience: "a", contentGuidelines: "g" } });
    for (const platform of ["LINKEDIN", "INSTAGRAM", "FACEBOOK"] as const) {
      const account = await t.db.socialAccount.create({ data: { organizationId: org.id, brandId: brand.id, platform, externalId: `${platform}-${slug}`, name: platform } });
      // 6 posts per network over the last 45 days (one 40 days ago: its earlier snapshots predate the chart's window).
      for (let i = 0; i < 6; i++) {
        const postedAt = new Date(now.getTime() - (i === 5 ? 40 : 1 + i * 2.3) * DAY - 3 * HOUR);
        const piece = await t.db.contentPiece.create({ data: { organizationId: org.id, brandId: brand.id, title: `${platform} ${i}`, body: "b" } });
        const pub = await t.db.publication.create({
          data: {
            organizationId: org.id,
            brandId: brand.id,
            contentPieceId: piece.id,
            socialAccountId: account.id,
            platform,
            status: "POSTED",
            scheduledAt: postedAt,
            postedAt,
            idempotencyKey: `${slug}-${platform}-${i}`,
          },
        });
        const p = { id: pub.id, pieceId: piece.id, platform, orgId: org.id };
        pubs.push(p);
        // Snapshots every 7 h from 2 h after posting until 1 h ago: cumulative, one dip (a platform correction), one flat stretch.
        const rows = [];
        for (let c = 1, at = postedAt.getTime() + 2 * HOUR; at < now.getTime() - HOUR && c <= 12; c++, at += 7 * HOUR) {
          const value = i === 2 && c === 4 ? c - 2 : i === 3 && c > 5 ? 5 : c;
          rows.push(snapshot(p, new Date(at), value + i));
        }
        // Half in one statement (a bulk writer), the others one by one (MKT-108).
        if (i % 2 === 0) await t.db.contentMetricSnapshot.createMany({ data: rows });
        else for (const r of rows) await t.db.contentMetricSnapshot.create({ data: r });
      }
    }
  }
}, 180_000);

afterAll(async () => {
  await t?.cleanup();
});

describe("metric rollups kept by the snapshot trigger", () => {
  it("give the War Room chart and the Analytics posts the figures of the per-request computations", async () => {
    await expectRollupsExact("seeded");
    await expectWarRoomChartAsBefore("seeded");
    await expectPostsAsBefore("seeded", "Europe/Paris");
  });

  it("stay exact when a snapshot arrives today, late, rewritten (MKT-108's upsert), deleted, or with its publication deleted", async () => {
    const mine = pubs.filter((p) => p.orgId === orgId);
    const a = mine[0]!;
    // Today: a new latest snapshot.
    await t.db.contentMetricSnapshot.create({ data: snapshot(a, new Date(now.getTime() - 10 * 60_000), 40) });
    await expectRollupsExact("today");
    await expectWarRoomChartAsBefore("today");
    // Late: a snapshot between two existing ones (the next one's gain changes too).
    const b = mine[1]!;
    const bRows = await t.db.contentMetricSnapshot.findMany({ where: { publicationId: b.id }, orderBy: { capturedAt: "asc" } });
    await t.db.contentMetricSnapshot.create({ data: snapshot(b, new Date(bRows[1]!.capturedAt.getTime() + 3 * HOUR), 2) });
    await expectRollupsExact("late");
    // Rewritten: MKT-108 upserts on (publicationId, capturedAt).
    await t.db.contentMetricSnapshot.upsert({
      where: { publicationId_capturedAt: { publicationId: b.id, capturedAt: bRows[2]!.capturedAt } },
      create: snapshot(b, bRows[2]!.capturedAt, 99),
      update: { impressions: 999, engagements: 99, clicks: 9 },
    });
    await expectRollupsExact("upsert");
    // Deleted: one snapshot, then all of a publication's, then a publication with its snapshots.
    await t.db.contentMetricSnapshot.delete({ where: { id: bRows[3]!.id } });
    await expectRollupsExact("one deleted");
    await t.db.contentMetricSnapshot.deleteMany({ where: { publicationId: mine[2]!.id } });
    await expectRollupsExact("all of one deleted");
    await t.db.publication.delete({ where: { id: mine[3]!.id } });
    await expectRollupsExact("publication deleted");
    await expectWarRoomChartAsBefore("after the writes");
    await expectPostsAsBefore("after the writes", "Europe/Paris");
  });

  it("stay exact with two writers of one publication at once (the second waits for the first)", async () => {
    const p = pubs.filter((x) => x.orgId === orgId)[6]!;
    const last = await t.db.contentMetricSnapshot.findFirstOrThrow({ where: { publicationId: p.id }, orderBy: { capturedAt: "desc" } });
    const at1 = new Date(last.capturedAt.getTime() + 10 * 60_000);
    const at2 = new Date(last.capturedAt.getTime() + 20 * 60_000);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = t.db.$transaction(
      async (tx) => {
        await tx.contentMetricSnapshot.create({ data: snapshot(p, at1, 50) });
        await held;
      },
      { timeout: 20_000 },
    );
    await new Promise((r) => setTimeout(r, 300));
    const second = t.db.contentMetricSnapshot.create({ data: snapshot(p, at2, 60) });
    await new Promise((r) => setTimeout(r, 300));
    release();
    await Promise.all([first, second]);
    await expectRollupsExact("concurrent writers");
  });

  it("move the local days with the organisation's time zone, and a rebuild changes nothing", async () => {
    await t.db.organization.update({ where: { id: orgId }, data: { timezone: "America/New_York" } });
    await expectRollupsExact("time zone changed");
    await expectPostsAsBefore("New York", "America/New_York");
    await expectWarRoomChartAsBefore("New York");
    await t.db.organization.update({ where: { id: orgId }, data: { timezone: "Europe/Paris" } });
    const before = await t.db.$queryRawUnsafe<{ v: unknown }[]>(STORED);
    // A rebuild of every publication (what a re-run of any writer amounts to) leaves the same rows.
    await t.db.$executeRawUnsafe(`SELECT me_rebuild_publication_metrics(ARRAY(SELECT id FROM publications))`);
    expect(await t.db.$queryRawUnsafe<{ v: unknown }[]>(STORED)).toEqual(before);
    await expectRollupsExact("rebuilt");
  });

  it("leave nothing behind when an organisation is deleted", async () => {
    await t.db.organization.delete({ where: { id: otherId } });
    for (const table of ["publication_metric_days", "publication_metric_utc_days", "organization_metric_days"]) {
      const [r] = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE "organizationId" = $1`, otherId);
      expect(r!.n, table).toBe(0);
    }
    await expectRollupsExact("organisation deleted");
  });
});
