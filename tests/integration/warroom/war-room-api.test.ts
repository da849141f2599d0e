import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as setAutomationRoute from "@/app/api/orgs/[org]/war-room/automations/[key]/route";
import * as stateRoute from "@/app/api/orgs/[org]/war-room/state/route";
import { signUp } from "@/lib/auth/sign-up";
import { contentPieceRow, contentSignalRow, publicationRow, socialAccountRow } from "@/lib/demo/factories";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createOrganization } from "@/lib/orgs/create-organization";
import { isAutomationEnabled, listAutomations, setAutomation } from "@/lib/warroom/automations";
import { warRoomStateDto } from "@/lib/warroom/contracts";
import { outcome as code } from "@/tests/helpers/app-error";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * Issue 14, seed 001's War Room API against real PostgreSQL: the state's queue, health (each alert of
 * the seed at its threshold), automations and trends of one organisation only; another organisation's
 * key gets 404; an API key cannot switch an automation (a person's decision, 403); a switch is audited,
 * sent on the live stream, and refused for a BLOCKED automation or an unknown key.
 */
let t: TestDatabase;
type Tenant = { slug: string; orgId: string; brandId: string; ownerId: string; key: string; accountId: string };
const tenants: Record<"a" | "b", Tenant> = {} as never;
const now = new Date();
const MIN = 60_000;
const HOUR = 60 * MIN;

async function tenant(label: string): Promise<Tenant> {
  const owner = await signUp({ name: `Owner ${label}`, email: `wr-owner-${label}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: owner.id, input: { name: `War Room ${label}` } });
  const brand = await t.db.brand.findFirstOrThrow({ where: { organizationId: org.id } });
  const { key } = await createApiKey({ organizationId: org.id, name: "war room", scopes: ["read", "write"] });
  const account = await t.db.socialAccount.create({ data: socialAccountRow({ organizationId: org.id, platform: "INSTAGRAM", externalId: `ig-${label}`, name: `IG ${label}` }) });
  return { slug: org.slug, orgId: org.id, brandId: brand.id, ownerId: owner.id, key, accountId: account.id };
}

let seq = 0;
/** `count` publications of tenant `k` in one state (one piece each). */
async function publications(k: "a" | "b", count: number, o: { status: "SCHEDULED" | "POSTED" | "FAILED"; scheduledAt: Date; postedAt?: Date; accountId?: string }) {
  const x = tenants[k];
  const ids = Array.from({ length: count }, () => `wr-${k}-${++seq}`);
  await t.db.contentPiece.createMany({ data: ids.map((id) => contentPieceRow({ id, organizationId: x.orgId, brandId: x.brandId, platform: "INSTAGRAM", body: `Post ${id}` })) });
  await t.db.publication.createMany({
    data: ids.map((id) =>
      publicationRow({ id, organizationId: x.orgId, contentPieceId: id, socialAccountId: o.accountId ?? x.accountId, platform: "INSTAGRAM", status: o.status, scheduledAt: o.scheduledAt, postedAt: o.postedAt, idempotencyKey: `idem-${id}` }),
    ),
  });
  return ids;
}

const call = async (handler: (req: Request, ctx: never) => Promise<Response>, k: "a" | "b", path: string, params: Record<string, string>, init: { method?: string; body?: unknown } = {}) => {
  const res = await handler(
    new Request(`http://localhost${path}`, {
      method: init.method ?? "GET",
      headers: { "x-api-key": tenants[k].key, ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    }),
    { params: Promise.resolve(params) } as never,
  );
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { code: string; field?: string } } };
};
const getState = (k: "a" | "b", slug: string) => call(stateRoute.GET, k, `/api/orgs/${slug}/war-room/state`, { org: slug });

beforeAll(async () => {
  t = await createTestDatabase();
  tenants.a = await tenant("a");
  tenants.b = await tenant("b");
});
afterAll(async () => {
  await t?.cleanup();
});

describe("War Room state", () => {
  it("an organisation without activity: empty queue, no alert, the catalogue's automations all off", async () => {
    const res = await getState("b", tenants.b.slug);
    expect(res.status).toBe(200);
    const state = warRoomStateDto.parse(res.json);
    expect(state.queue).toEqual([]);
    expect(state.health).toMatchObject({ alert: false, queueDepth: { value: 0, alert: false }, errorRate24h: { value: 0, total: 0 }, latencyP95Seconds: { value: null, alert: false }, tokensExpiringWithinDay: { value: 0 } });
    expect(state.automations.map((a) => [a.key, a.enabled, a.compliance])).toEqual([
      ["instagram_welcome_dm", false, "CONDITIONAL"],
      ["tiktok_warmup", false, "COMPLIANT"],
      ["auto_reposter", false, "COMPLIANT"],
      ["like_follow_bot", false, "BLOCKED"],
    ]);
  });

  it("computes seed 001's alerts at their thresholds, for the organisation only", async () => {
    // Queue depth: exactly 100 due is no alert, 101 is.
    await publications("a", 100, { status: "SCHEDULED", scheduledAt: new Date(now.getTime() - 30 * MIN) });
    await publications("a", 3, { status: "SCHEDULED", scheduledAt: new Date(now.getTime() + 2 * HOUR) }); // not due
    let s = warRoomStateDto.parse((await getState("a", tenants.a.slug)).json);
    expect(s.health.queueDepth).toEqual({ value: 100, threshold: 100, alert: false });
    await publications("a", 1, { status: "SCHEDULED", scheduledAt: new Date(now.getTime() - MIN) });
    // Error rate over 24 h: 19 posted 1 failed = 5 % (no alert); latency p95 of the posted ones.
    const scheduled = new Date(now.getTime() - 3 * HOUR);
    await publications("a", 18, { status: "POSTED", scheduledAt: scheduled, postedAt: new Date(scheduled.getTime() + 60_000) });
    await publications("a", 1, { status: "POSTED", scheduledAt: scheduled, postedAt: new Date(scheduled.getTime() + 20 * MIN) });
    await publications("a", 1, { status: "FAILED", scheduledAt: scheduled });
    await publications("a", 5, { status: "POSTED", scheduledAt: new Date(now.getTime() - 3 * 86_400_000), postedAt: new Date(now.getTime() - 3 * 86_400_000) }); // older than 24 h
    // Tenant b's failures and due posts count for b only.
    await publications("b", 7, { status: "FAILED", scheduledAt: scheduled });
    await publications("b", 150, { status: "SCHEDULED", scheduledAt: new Date(now.getTime() - MIN) });
    s = warRoomStateDto.parse((await getState("a", tenants.a.slug)).json);
    expect(s.health.queueDepth).toEqual({ value: 101, threshold: 100, alert: true });
    expect(s.health.errorRate24h).toMatchObject({ value: 0.05, failed: 1, total: 20, alert: false });
    // p95 over 19 latencies (18 x 60 s, 1 x 1200 s), interpolated: 60 + 0.1 * 1140.
    expect(s.health.latencyP95Seconds.value).toBeCloseTo(174, 5);
    expect(s.health.latencyP95Seconds.alert).toBe(false);
    expect(s.health.accounts).toEqual([expect.objectContaining({ id: tenants.a.accountId, tokenValid: true, failureRate24h: 0.05, postsLast7d: 24 })]);
    expect(s.health.alert).toBe(true);

    // One more failure: 2 of 21 > 5 %; two slow posts push p95 over 5 min; a token expiring in 12 h.
    await publications("a", 1, { status: "FAILED", scheduledAt: scheduled });
    await publications("a", 2, { status: "POSTED", scheduledAt: scheduled, postedAt: new Date(scheduled.getTime() + 30 * MIN) });
    await t.db.socialAccount.update({ where: { id: tenants.a.accountId }, data: { tokenExpiresAt: new Date(now.getTime() + 12 * HOUR) } });
    s = warRoomStateDto.parse((await getState("a", tenants.a.slug)).json);
    expect(s.health.errorRate24h).toMatchObject({ failed: 2, total: 23, alert: true });
    expect(s.health.latencyP95Seconds.alert).toBe(true);
    expect(s.health.tokensExpiringWithinDay).toEqual({ value: 1, threshold: 0, alert: true });

    // The queue: due and upcoming first (oldest first), then the last 24 h's finished ones; all a's.
    expect(s.queue.length).toBe(70);
    expect(s.queue[0]!.status).toBe("SCHEDULED");
    expect(s.queue.every((q) => q.id.startsWith("wr-a-"))).toBe(true);
  });

  it("trends: the team's notes (not expired) and our own signals, by relevance", async () => {
    const a = tenants.a;
    await t.db.trendItem.createMany({
      data: [
        { organizationId: a.orgId, source: "TEAM_NOTE", title: "Coulisses de l'atelier", score: 70 },
        { organizationId: a.orgId, source: "CREATIVE_CENTER", title: "Expired", score: 99, expiresAt: new Date(now.getTime() - HOUR) },
        { organizationId: tenants.b.orgId, source: "TEAM_NOTE", title: "Not a's", score: 100 },
      ],
    });
    const [pub] = await publications("a", 1, { status: "POSTED", scheduledAt: new Date(now.getTime() - 2 * 86_400_000), postedAt: new Date(now.getTime() - 2 * 86_400_000) });
    await t.db.contentSignal.create({ data: contentSignalRow({ organizationId: a.orgId, brandId: a.brandId, contentPieceId: pub!, publicationId: pub!, engagementRate: 9, meanRate: 3, stdDevRate: 2, threshold: 6, sampleSize: 8, strength: 3 }) });
    const s = warRoomStateDto.parse((await getState("a", a.slug)).json);
    expect(s.trends.map((x) => [x.source, x.title, x.score])).toEqual([
      ["INTERNAL_ANALYTICS", `Post ${pub}`, 75],
      ["TEAM_NOTE", "Coulisses de l'atelier", 70],
    ]);
  });

  it("another organisation's key gets 404", async () => {
    expect((await getState("b", tenants.a.slug)).status).toBe(404);
  });
});

describe("automations", () => {
  const post = (k: "a" | "b", slug: string, key: string, body: unknown) => call(setAutomationRoute.POST, k, `/api/orgs/${slug}/war-room/automations/${key}`, { org: slug, key }, { method: "POST", body });

  it("an API key cannot switch one (a person's decision): 403; another organisation's: 404", async () => {
    const res = await post("a", tenants.a.slug, "tiktok_warmup", { enabled: true });
    expect(res.status).toBe(403);
    expect((await post("b", tenants.a.slug, "tiktok_warmup", { enabled: true })).status).toBe(404);
    expect(await isAutomationEnabled({ organizationId: tenants.a.orgId, key: "tiktok_warmup" })).toBe(false);
  });

  it("a switch is audited once per change and sent on the live stream; BLOCKED and unknown keys are refused", async () => {
    const a = tenants.a;
    const set = (key: string, enabled: boolean) => setAutomation({ organizationId: a.orgId, key, enabled, actorUserId: a.ownerId });
    expect(await set("tiktok_warmup", true)).toMatchObject({ key: "tiktok_warmup", enabled: true, compliance: "COMPLIANT" });
    expect(await set("tiktok_warmup", true)).toMatchObject({ enabled: true }); // no change: no audit line, no event
    await set("tiktok_warmup", false);
    const events = await t.db.automationEvent.findMany({ where: { organizationId: a.orgId }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.fromEnabled, e.toEnabled, e.actorUserId])).toEqual([
      [false, true, a.ownerId],
      [true, false, a.ownerId],
    ]);
    const live = await t.db.$queryRaw<{ type: string; payload: unknown }[]>`SELECT type, payload FROM live_events WHERE "organizationId" = ${a.orgId} AND type = 'automation.updated' ORDER BY id`;
    expect(live).toEqual([
      { type: "automation.updated", payload: { key: "tiktok_warmup", enabled: true } },
      { type: "automation.updated", payload: { key: "tiktok_warmup", enabled: false } },
    ]);

    expect(await code(set("like_follow_bot", true))).toBe("conflict:enabled");
    expect(await code(set("mass_dm", true))).toBe("not_found:key");
    expect(await isAutomationEnabled({ organizationId: a.orgId, key: "like_follow_bot" })).toBe(false);

    await set("auto_reposter", true);
    expect(await isAutomationEnabled({ organizationId: a.orgId, key: "auto_reposter" })).toBe(true);
    expect(await isAutomationEnabled({ organizationId: tenants.b.orgId, key: "auto_reposter" })).toBe(false);
    expect((await listAutomations({ organizationId: a.orgId })).filter((x) => x.enabled).map((x) => x.key)).toEqual(["auto_reposter"]);
  });
});
