import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Platform } from "@/lib/db/generated/enums";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedAccount, seedOrg } from "@/tests/integration/approvals/support";

/**
 * Issue 14, trend radar: hashtags, formats and networks of our own posts, the last 14 days against
 * the 14 before, from each post's latest metrics (hand-computed below), and the team's notes through
 * the API (422 naming the field, 404 for another organisation's note).
 */
let t: TestDatabase;
let radar: typeof import("@/lib/warroom/trends/trend-radar");
let route: typeof import("@/app/api/orgs/[org]/war-room/trends/route");
let noteRoute: typeof import("@/app/api/orgs/[org]/war-room/trends/[id]/route");
const DAY = 86_400_000;
const now = new Date("2026-12-04T10:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  radar = await import("@/lib/warroom/trends/trend-radar");
  route = await import("@/app/api/orgs/[org]/war-room/trends/route");
  noteRoute = await import("@/app/api/orgs/[org]/war-room/trends/[id]/route");
}, 60_000);
afterAll(async () => t?.cleanup());

describe("trend radar", () => {
  it("groups our posts' latest metrics by hashtag, format and network, this period against the previous one", async () => {
    const o = await seedOrg(t.db);
    const li = await seedAccount(t.db, o, "LINKEDIN");
    const ig = await seedAccount(t.db, o, "INSTAGRAM");
    let n = 0;
    const post = async (p: { daysAgo: number; account: { id: string; platform: Platform }; format: "POST" | "REEL" | "CAROUSEL"; hashtags: string[]; snapshots: [number, number][]; status?: "POSTED" | "FAILED" }) => {
      const at = new Date(now.getTime() - p.daysAgo * DAY);
      const piece = await t.db.contentPiece.create({ data: { organizationId: o.orgId, brandId: o.brandId, platform: p.account.platform, status: "PUBLISHED", body: `post ${++n}`, format: p.format, hashtags: p.hashtags } });
      const pub = await t.db.publication.create({
        data: { organizationId: o.orgId, brandId: o.brandId, contentPieceId: piece.id, socialAccountId: p.account.id, platform: p.account.platform, status: p.status ?? "POSTED", scheduledAt: at, postedAt: at, idempotencyKey: `tr-${n}` },
      });
      for (const [i, [engagements, impressions]] of p.snapshots.entries())
        await t.db.contentMetricSnapshot.create({ data: { organizationId: o.orgId, publicationId: pub.id, contentPieceId: piece.id, platform: p.account.platform, capturedAt: new Date(at.getTime() + (i + 1) * 3600_000), engagements, impressions } });
    };
    // This period (last 14 days).
    await post({ daysAgo: 2, account: ig, format: "REEL", hashtags: ["#Bogolan", "faitmain"], snapshots: [[10, 100], [90, 1000]] });
    await post({ daysAgo: 5, account: ig, format: "REEL", hashtags: ["bogolan"], snapshots: [[60, 1000]] });
    await post({ daysAgo: 9, account: li, format: "POST", hashtags: ["artisanat"], snapshots: [[20, 1000]] });
    await post({ daysAgo: 3, account: li, format: "POST", hashtags: ["bogolan"], snapshots: [[500, 1000]], status: "FAILED" }); // not posted: ignored
    // The 14 days before.
    await post({ daysAgo: 16, account: li, format: "POST", hashtags: ["bogolan", "artisanat"], snapshots: [[50, 1000]] });
    await post({ daysAgo: 20, account: ig, format: "CAROUSEL", hashtags: ["artisanat"], snapshots: [[40, 500]] });
    // Too old for either period.
    await post({ daysAgo: 40, account: ig, format: "REEL", hashtags: ["bogolan"], snapshots: [[999, 1000]] });

    const r = await radar.getTrendRadar({ organizationId: o.orgId, now });
    const tag = (k: string) => r.hashtags.find((h) => h.key === k);
    // bogolan: now 90 + 60 = 150 (2 posts), before 50 (1 post): +200 %, rising.
    expect(tag("bogolan")).toMatchObject({ posts: 2, previousPosts: 1, engagements: { current: 150, previous: 50, changePct: 200 }, rising: true });
    expect(tag("bogolan")!.engagementRate).toEqual({ current: 7.5, previous: 5, changePct: 50 });
    // artisanat: now 20, before 50 + 40 = 90: falling.
    expect(tag("artisanat")).toMatchObject({ posts: 1, previousPosts: 2, engagements: { current: 20, previous: 90, changePct: -77.8 }, rising: false });
    // faitmain: new this period.
    expect(tag("faitmain")).toMatchObject({ posts: 1, previousPosts: 0, engagements: { current: 90, previous: 0, changePct: null }, rising: true });
    expect(r.hashtags.map((h) => h.key)).toEqual(["bogolan", "faitmain", "artisanat"]);
    expect(r.formats.map((f) => [f.key, f.engagements.current, f.engagements.previous])).toEqual([["REEL", 150, 0], ["POST", 20, 50], ["CAROUSEL", 0, 40]]);
    expect(r.platforms.map((p) => [p.key, p.engagements.current, p.engagements.previous, p.rising])).toEqual([["INSTAGRAM", 150, 40, true], ["LINKEDIN", 20, 50, false]]);
  });

  it("team notes through the API: added with its author, listed until it expires, deleted; bad input names the field; another organisation gets 404", async () => {
    const o = await seedOrg(t.db);
    const key = (await createApiKey({ organizationId: o.orgId, name: "ops", scopes: ["read", "write"] })).key;
    const params = (org: string, id?: string) => ({ params: Promise.resolve(id ? { org, id } : { org }) });
    const post = (body: unknown, k = key, org = o.slug) => route.POST(new Request(`http://app.test/api/orgs/${org}/war-room/trends`, { method: "POST", headers: { "x-api-key": k, "content-type": "application/json" }, body: JSON.stringify(body) }), params(org));
    const bad = await post({ title: "Son tendance", url: "javascript:alert(1)" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("url");
    expect(((await (await post({ title: "x" })).json()) as { error: { field: string } }).error.field).toBe("title");
    const res = await post({ title: "Le son « Calm Down » remonte sur TikTok", source: "CREATIVE_CENTER", platform: "TIKTOK", url: "https://ads.tiktok.com/business/creativecenter/", expiresInDays: 7 });
    expect(res.status).toBe(201);
    const { note } = (await res.json()) as { note: { id: string; title: string; expiresAt: string } };
    const listed = (await (await route.GET(new Request(`http://app.test/api/orgs/${o.slug}/war-room/trends`, { headers: { "x-api-key": key } }), params(o.slug))).json()) as { notes: { id: string }[]; hashtags: unknown[] };
    expect(listed.notes.map((x) => x.id)).toEqual([note.id]);
    expect(listed.hashtags).toEqual([]);
    // Expired notes leave the radar.
    expect((await radar.listTrendNotes({ organizationId: o.orgId, now: new Date(Date.now() + 8 * DAY) })).map((x) => x.id)).toEqual([]);

    const other = await seedOrg(t.db);
    const otherKey = (await createApiKey({ organizationId: other.orgId, name: "o", scopes: ["read", "write"] })).key;
    const del = (k: string, org: string) => noteRoute.DELETE(new Request(`http://app.test/api/orgs/${org}/war-room/trends/${note.id}`, { method: "DELETE", headers: { "x-api-key": k } }), params(org, note.id));
    expect((await del(otherKey, other.slug)).status).toBe(404);
    expect((await del(key, o.slug)).status).toBe(204);
    expect((await del(key, o.slug)).status).toBe(404);
  });
});
