/**
 * The data of `npm run bench:dashboard` (tests/bench/dashboard.ts), written set-based in SQL
 * (INSERT … SELECT FROM generate_series, never row by row) into a database already migrated and
 * holding the demo organisation (lib/demo/seed-demo.ts). At scale 1:
 *  - the demo organisation: 1,000,000 publications over 2 years (two per content piece, on its
 *    accounts; the last month still to come), ~5,000,000 metric snapshots (5 or 6 per posted
 *    publication, 6 h apart, cumulative), 200,000 leads, 100,000 inbox messages in 10,000
 *    conversations, 10,000 pending approvals (with their revisions, tests/helpers/approval-volume.ts)
 *    and 2 years of MKT-402 daily slices;
 *  - 49 small organisations (a brand, an account, 2,000 publications, 1,000 leads, 200 messages each).
 * `scale` multiplies every count (BENCH_SCALE=0.001 for the CI smoke). Foreign keys are valid: every
 * row points at rows of its own organisation.
 */
import pg from "pg";
import type { Db } from "@/lib/db/client";
import { seedPendingApprovals } from "../helpers/approval-volume";

export type SeedCounts = { publications: number; snapshots: number; leads: number; messages: number; approvals: number; smallOrgs: number };

export function seedCounts(scale: number): SeedCounts {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  return { publications: 2 * n(500_000), snapshots: n(5_000_000), leads: n(200_000), messages: 10 * n(10_000), approvals: n(10_000), smallOrgs: 49 };
}

/** Seeds `url` (idempotent: a marker table records the scale seeded; the same scale again is a no-op). Returns the seconds spent. */
export async function seedDashboard(url: string, db: Db, scale: number, log: (m: string) => void): Promise<number> {
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  const t0 = performance.now();
  try {
    await sql.query(`CREATE TABLE IF NOT EXISTS bench_dashboard_seed (scale float8 NOT NULL, "seededAt" timestamptz NOT NULL DEFAULT now())`);
    const done = await sql.query<{ scale: number }>(`SELECT scale FROM bench_dashboard_seed`);
    if (done.rows[0]?.scale === scale) {
      log(`  data already seeded at scale ${scale}: reused`);
      return 0;
    }
    if (done.rowCount) throw new Error(`this database was seeded at scale ${done.rows[0]!.scale}, not ${scale}: drop it first`);
    if ((await sql.query(`SELECT 1 FROM content_pieces WHERE id = 'bc_1'`)).rowCount)
      throw new Error("this database holds a seeding that did not finish: drop it first");
    const c = seedCounts(scale);
    const org = (
      await sql.query<{ id: string; brandId: string }>(
        `SELECT o.id, b.id AS "brandId" FROM organizations o JOIN brands b ON b."organizationId" = o.id WHERE o.slug = 'demo' ORDER BY b."isDefault" DESC, b."createdAt" LIMIT 1`,
      )
    ).rows[0];
    if (!org) throw new Error("the demo organisation is missing (seed it first)");
    const accounts = (
      await sql.query<{ id: string; platform: string }>(
        `SELECT id, platform::text FROM social_accounts WHERE "organizationId" = $1 AND status <> 'DISCONNECTED' AND platform IN ('LINKEDIN', 'INSTAGRAM', 'FACEBOOK', 'X', 'TIKTOK') ORDER BY id`,
        [org.id],
      )
    ).rows;
    if (accounts.length === 0) throw new Error("the demo organisation has no social account");
    const accIds = accounts.map((a) => a.id);
    const accPlatforms = accounts.map((a) => a.platform);
    await sql.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'`);
    const step = async (label: string, text: string, args: unknown[] = []) => {
      const s0 = performance.now();
      const r = await sql.query(text, args);
      log(`  ${label}: ${r.rowCount ?? 0} rows in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
    };
    const pieces = c.publications / 2;
    // One time line: piece g at now - 720 days + g/pieces * 750 days (the last 30 days are still to come).
    await step(
      "content pieces",
      `INSERT INTO content_pieces (id, "organizationId", "brandId", platform, format, status, title, body, "aiGenerated", "targetPublishAt", "firstPublishedAt", "createdAt", "updatedAt")
       SELECT 'bc_' || g, $1, $2, (($3::text[])[1 + g % cardinality($3::text[])])::"Platform", 'POST',
         (CASE WHEN t < now() THEN 'PUBLISHED' ELSE 'SCHEDULED' END)::"ContentPieceStatus",
         'Publication ' || g, 'Texte de la publication ' || g || ' : une idée, un conseil, un appel à l''action.', g % 3 = 0,
         t, CASE WHEN t < now() THEN t END, t - interval '2 days', t - interval '1 day'
       FROM generate_series(1, $4::int) g, LATERAL (SELECT now() - interval '720 days' + (g::float8 / $4) * interval '750 days' AS t) x`,
      [org.id, org.brandId, accPlatforms, pieces],
    );
    // Two publications per piece (g and g + pieces), on two accounts; 1 % of the past ones failed.
    await sql.query(
      `CREATE TEMP TABLE bench_pubs AS
       SELECT g, 'bp_' || g AS id, 'bc_' || (1 + (g - 1) % $2) AS piece,
         ($1::text[])[1 + g % cardinality($1::text[])] AS account, ($3::text[])[1 + g % cardinality($1::text[])] AS platform,
         t AS "scheduledAt",
         CASE WHEN t >= now() THEN 'SCHEDULED' WHEN g % 100 = 0 THEN 'FAILED' ELSE 'POSTED' END AS status,
         CASE WHEN t < now() AND g % 100 <> 0 THEN t + (g % 120) * interval '1 second' END AS "postedAt"
       FROM generate_series(1, $4::int) g,
         LATERAL (SELECT now() - interval '720 days' + ((1 + (g - 1) % $2)::float8 / $2) * interval '750 days' + (g > $2)::int * interval '1 hour' AS t) x`,
      [accIds, pieces, accPlatforms, c.publications],
    );
    await step(
      "publications",
      `INSERT INTO publications (id, "organizationId", "brandId", "contentPieceId", "socialAccountId", platform, status, "scheduledAt", "idempotencyKey", attempts, "platformPostId", "postedAt", "errorCode", "errorMessage", "metricsCollectedAt", "createdAt", "updatedAt")
       SELECT id, $1, $2, piece, account, platform::"Platform", status::"PublicationStatus", "scheduledAt", 'bench:' || id, (status <> 'SCHEDULED')::int,
         CASE WHEN status = 'POSTED' THEN 'post_' || g END, "postedAt",
         CASE WHEN status = 'FAILED' THEN 'rate_limited' END, CASE WHEN status = 'FAILED' THEN 'Rate limited by the platform' END,
         "postedAt", least("scheduledAt" - interval '1 day', now() - interval '1 hour'), CASE WHEN status = 'SCHEDULED' THEN least("scheduledAt" - interval '1 day', now() - interval '1 hour') ELSE coalesce("postedAt", "scheduledAt") END
       FROM bench_pubs ORDER BY g`,
      [org.id, org.brandId],
    );
    // Snapshots: 5 per posted publication, a 6th for one in four (≈ 5.25 each), 6 h apart, cumulative.
    await step(
      "metric snapshots",
      `INSERT INTO content_metric_snapshots (id, "organizationId", "publicationId", "contentPieceId", platform, "capturedAt", impressions, reach, engagements, likes, comments, shares, clicks, "engagementRate")
       SELECT 'bs_' || p.g || '_' || k, $1, p.id, p.piece, p.platform::"Platform", p."postedAt" + k * interval '6 hours',
         k * (50 + (p.g * 7) % 500), k * (40 + (p.g * 7) % 400), k * (2 + p.g % 40), k * (1 + p.g % 30), k * (p.g % 6), k * (p.g % 4), k * (p.g % 7),
         round(((2 + p.g % 40)::numeric / (50 + (p.g * 7) % 500)) * 100, 2)
       FROM bench_pubs p, generate_series(1, 6) k
       WHERE p.status = 'POSTED' AND p."postedAt" + k * interval '6 hours' < now() AND (k <= 5 OR p.g % 4 = 0) AND p.g <= $2`,
      [org.id, Math.ceil(c.snapshots / 5.25 / 0.99 / 0.96)],
    );
    await step(
      "leads",
      `INSERT INTO leads (id, "organizationId", "brandId", "sourceType", "firstName", "lastName", email, "emailNormalized", company, status, score, tier, "scoredAt", "gdprConsent", "createdAt", "updatedAt")
       SELECT 'bl_' || g, $1, $2, (ARRAY['FORM', 'META_LEAD_ADS', 'GOOGLE_LEAD_ADS', 'WEBINAR', 'REFERRAL'])[1 + g % 5]::"LeadSourceType",
         'Prénom' || g, 'Nom' || g, 'lead' || g || '@bench.test', 'lead' || g || '@bench.test', 'Société ' || (g % 5000),
         (ARRAY['NEW', 'SCORED', 'NURTURING', 'REPLIED', 'BOOKED', 'OPPORTUNITY', 'CONVERTED', 'LOST'])[1 + g % 8]::"LeadStatus",
         g % 101, (CASE WHEN g % 10 = 0 THEN 'HOT' WHEN g % 10 < 4 THEN 'WARM' ELSE 'COLD' END)::"LeadTier", t, true, t, t
       FROM generate_series(1, $3::int) g, LATERAL (SELECT now() - interval '730 days' + (g::float8 / $3) * interval '730 days' AS t) x`,
      [org.id, org.brandId, c.leads],
    );
    const conversations = c.messages / 10;
    await step(
      "inbox conversations",
      `INSERT INTO conversations (id, "organizationId", "socialAccountId", platform, "externalId", "contactExternalId", "contactName", status, "lastMessageAt", "lastInboundAt", "unreadCount", "createdAt", "updatedAt")
       SELECT 'bv_' || g, $1, ($2::text[])[1 + g % cardinality($2::text[])], (($3::text[])[1 + g % cardinality($2::text[])])::"Platform",
         'conv_' || g, 'contact_' || g, 'Contact ' || g, (CASE WHEN g % 7 = 0 THEN 'CLOSED' ELSE 'OPEN' END)::"ConversationStatus",
         t, t, g % 3, t - interval '3 days', t
       FROM generate_series(1, $4::int) g, LATERAL (SELECT now() - interval '730 days' + (g::float8 / $4) * interval '730 days' AS t) x`,
      [org.id, accIds, accPlatforms, conversations],
    );
    await step(
      "inbox messages",
      `INSERT INTO conversation_messages (id, "organizationId", "conversationId", "socialAccountId", "externalId", direction, author, text, status, "sentAt", "createdAt")
       SELECT 'bm_' || m, $1, 'bv_' || v, ($2::text[])[1 + v % cardinality($2::text[])], 'msg_' || m,
         (CASE WHEN m % 2 = 0 THEN 'INBOUND' ELSE 'OUTBOUND' END)::"InteractionDirection", (CASE WHEN m % 2 = 0 THEN 'CONTACT' ELSE 'MEMBER' END)::"MessageAuthor",
         'Message ' || m, (CASE WHEN m % 2 = 0 THEN 'RECEIVED' ELSE 'SENT' END)::"DeliveryStatus", t, t
       FROM generate_series(1, $3::int) m, LATERAL (SELECT 1 + (m - 1) / 10 AS v) y,
         LATERAL (SELECT now() - interval '730 days' + (v::float8 / $4) * interval '730 days' - (10 - (m - 1) % 10) * interval '10 minutes' AS t) x`,
      [org.id, accIds, c.messages, conversations],
    );
    await step(
      "daily analytics slices (2 years)",
      `INSERT INTO daily_analytics_slices (id, "organizationId", "brandKey", network, day, "postsPublished", "publicationsFailed", impressions, reach, engagements, clicks, "leadsNew", "leadsHot", "leadsWarm", "leadsCold", "computedAt")
       SELECT 'bd_' || d || '_' || n, $1, $2, n, date_trunc('day', now()) - d * interval '1 day',
         $4 / 4, $4 / 400, $4 * 300, $4 * 240, $4 * 20, $4 * 3, $5 / 4, $5 / 40, $5 / 14, $5 / 7, now()
       FROM generate_series(1, 730) d, unnest($3::text[]) n
       ON CONFLICT ("organizationId", "brandKey", day, network) DO NOTHING`,
      [org.id, org.brandId, [...new Set(accPlatforms)], Math.max(1, Math.round(c.publications / 750)), Math.max(1, Math.round(c.leads / 730))],
    );
    const a0 = performance.now();
    await seedPendingApprovals(db, { organizationId: org.id, brandId: org.brandId, count: c.approvals, titlePrefix: "Bench" });
    log(`  pending approvals (with revisions): ${c.approvals} in ${((performance.now() - a0) / 1000).toFixed(1)} s`);

    // 49 small organisations: a brand, a LinkedIn account, their own publications, snapshots, leads and messages.
    const small = { pubs: Math.max(2, Math.round(2000 * scale)), leads: Math.max(1, Math.round(1000 * scale)), messages: Math.max(1, Math.round(200 * scale)) };
    await sql.query(
      `INSERT INTO organizations (id, slug, name, "updatedAt") SELECT 'bo_' || o, 'bench-org-' || o, 'Bench org ' || o, now() FROM generate_series(1, $1::int) o;
       INSERT INTO brands (id, "organizationId", name, slug, voice, "targetAudience", "contentGuidelines", "isDefault", "updatedAt")
         SELECT 'bb_' || o, 'bo_' || o, 'Brand ' || o, 'brand-' || o, 'Friendly', 'SMEs', 'None', true, now() FROM generate_series(1, $1::int) o;
       INSERT INTO social_accounts (id, "organizationId", "brandId", platform, "externalId", name, status, "updatedAt")
         SELECT 'ba_' || o, 'bo_' || o, 'bb_' || o, 'LINKEDIN', 'li_' || o, 'LinkedIn ' || o, 'ACTIVE', now() FROM generate_series(1, $1::int) o`.replaceAll(
        "$1::int",
        String(c.smallOrgs),
      ),
    );
    await step(
      "small organisations: pieces + publications",
      `WITH x AS (SELECT o, g, now() - interval '720 days' + (g::float8 / $1) * interval '750 days' AS t FROM generate_series(1, ${c.smallOrgs}) o, generate_series(1, $1::int) g),
       pc AS (INSERT INTO content_pieces (id, "organizationId", "brandId", platform, status, title, body, "createdAt", "updatedAt")
         SELECT 'bsc_' || o || '_' || g, 'bo_' || o, 'bb_' || o, 'LINKEDIN', (CASE WHEN t < now() THEN 'PUBLISHED' ELSE 'SCHEDULED' END)::"ContentPieceStatus", 'Post ' || g, 'Texte ' || g, t - interval '2 days', t FROM x)
       INSERT INTO publications (id, "organizationId", "brandId", "contentPieceId", "socialAccountId", platform, status, "scheduledAt", "idempotencyKey", "postedAt", "platformPostId", "createdAt", "updatedAt")
         SELECT 'bsp_' || o || '_' || g, 'bo_' || o, 'bb_' || o, 'bsc_' || o || '_' || g, 'ba_' || o, 'LINKEDIN', (CASE WHEN t < now() THEN 'POSTED' ELSE 'SCHEDULED' END)::"PublicationStatus",
           t, 'bench:bsp_' || o || '_' || g, CASE WHEN t < now() THEN t END, CASE WHEN t < now() THEN 'p_' || o || '_' || g END, t - interval '1 day', t FROM x`,
      [small.pubs],
    );
    await step(
      "small organisations: snapshots",
      `INSERT INTO content_metric_snapshots (id, "organizationId", "publicationId", "contentPieceId", platform, "capturedAt", impressions, engagements)
       SELECT 'bss_' || p.id || '_' || k, p."organizationId", p.id, p."contentPieceId", p.platform, p."postedAt" + k * interval '6 hours', k * 100, k * 5
       FROM publications p, generate_series(1, 3) k WHERE p."organizationId" LIKE 'bo\\_%' AND p.status = 'POSTED' AND p."postedAt" + k * interval '6 hours' < now()`,
    );
    await step(
      "small organisations: leads",
      `INSERT INTO leads (id, "organizationId", "brandId", email, "emailNormalized", "firstName", status, tier, "createdAt", "updatedAt")
       SELECT 'bsl_' || o || '_' || g, 'bo_' || o, 'bb_' || o, 'l' || g || '@org' || o || '.test', 'l' || g || '@org' || o || '.test', 'Lead ' || g, 'NEW', (CASE WHEN g % 10 = 0 THEN 'HOT' ELSE 'COLD' END)::"LeadTier", t, t
       FROM generate_series(1, ${c.smallOrgs}) o, generate_series(1, $1::int) g, LATERAL (SELECT now() - (g::float8 / $1) * interval '730 days' AS t) x`,
      [small.leads],
    );
    await step(
      "small organisations: inbox",
      `WITH v AS (INSERT INTO conversations (id, "organizationId", "socialAccountId", platform, "externalId", "contactExternalId", "lastMessageAt", "updatedAt")
         SELECT 'bsv_' || o, 'bo_' || o, 'ba_' || o, 'LINKEDIN', 'conv', 'contact', now(), now() FROM generate_series(1, ${c.smallOrgs}) o RETURNING id, "organizationId", "socialAccountId")
       INSERT INTO conversation_messages (id, "organizationId", "conversationId", "socialAccountId", "externalId", direction, author, text, status, "sentAt")
         SELECT v.id || '_' || m, v."organizationId", v.id, v."socialAccountId", 'm' || m, 'INBOUND', 'CONTACT', 'Bonjour', 'RECEIVED', now() - m * interval '1 hour'
         FROM v, generate_series(1, $1::int) m`,
      [small.messages],
    );
    const v0 = performance.now();
    await sql.query(`VACUUM ANALYZE`);
    log(`  VACUUM ANALYZE in ${((performance.now() - v0) / 1000).toFixed(1)} s`);
    await sql.query(`INSERT INTO bench_dashboard_seed (scale) VALUES ($1)`, [scale]);
    return (performance.now() - t0) / 1000;
  } finally {
    await sql.end();
  }
}
