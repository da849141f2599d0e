import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createRegistry } from "@/lib/connectors/registry";
import { defaultRuntime } from "@/lib/connectors/http";
import { isWinner, sandboxMetrics } from "@/lib/connectors/sandbox/network";
import { SANDBOX_PROCESSING_SECONDS } from "@/lib/connectors/sandbox/connector";
import { SOCIAL_PLATFORMS, type ConnectorContext, type PlatformKey } from "@/lib/connectors/types";
import { expectConnectorError, setEnv } from "./harness";

let t: TestDatabase;
let now = Date.UTC(2026, 0, 5, 9, 0, 0);
const rt = { ...defaultRuntime(), now: () => now };
const registry = createRegistry(rt);

beforeAll(async () => {
  t = await createTestDatabase();
  setEnv({
    LINKEDIN_CLIENT_ID: undefined,
    META_APP_ID: undefined,
    TIKTOK_CLIENT_KEY: undefined,
    X_CLIENT_ID: undefined,
    GOOGLE_ADS_CLIENT_ID: undefined,
    TIKTOK_ADS_APP_ID: undefined,
  });
});
afterAll(async () => t.cleanup());

async function sandboxCtx(platform: PlatformKey): Promise<ConnectorContext> {
  const org = await t.db.organization.create({ data: { slug: `sbx-${platform}-${Math.random().toString(36).slice(2, 8)}`, name: "Sandbox" } });
  const acc = await t.db.socialAccount.create({
    data: { organizationId: org.id, platform: platform.toUpperCase() as never, externalId: `sbx-${platform}`, name: `Sandbox ${platform}`, isSandbox: true },
  });
  return {
    account: { id: acc.id, organizationId: org.id, platform, externalId: acc.externalId, metadata: {}, isSandbox: true },
    tokens: { get: async () => "sandbox", refresh: async () => "sandbox" },
  };
}

describe("sandbox connectors (embedded default when credentials are absent)", () => {
  it("the registry picks the sandbox for every unconfigured platform", () => {
    for (const p of SOCIAL_PLATFORMS) expect(registry.get(p).sandbox).toBe(true);
    for (const p of ["meta_ads", "google_ads", "tiktok_ads"] as const) expect(registry.getAds(p).sandbox).toBe(true);
    expect(registry.forAccount({ platform: "instagram", isSandbox: true }).sandbox).toBe(true);
  });

  it("realistic async states: an Instagram Reel is IN_PROGRESS, then published after processing", async () => {
    const ig = registry.get("instagram");
    const ctx = await sandboxCtx("instagram");
    const r = await ig.publish(ctx, { kind: "reel", text: "Reel", media: [{ kind: "video", url: "https://cdn.example/r.mp4" }] });
    expect(r).toMatchObject({ state: "pending", detail: "IN_PROGRESS" });
    expect((await ig.getPublicationStatus(ctx, (r as { pollToken: string }).pollToken)).state).toBe("pending");
    now += SANDBOX_PROCESSING_SECONDS * 1000;
    expect((await ig.getPublicationStatus(ctx, (r as { pollToken: string }).pollToken)).state).toBe("published");
    await expectConnectorError(ig.publish(ctx, { kind: "text", text: "no media" }), "validation");
  });

  it("honours idempotency keys (issue 18): a repeated publish or message with the same key returns the first, nothing twice", async () => {
    const li = registry.get("linkedin");
    const ctx = await sandboxCtx("linkedin");
    const first = await li.publish(ctx, { kind: "text", text: "Une fois", idempotencyKey: "pub-1" });
    expect(await li.publish(ctx, { kind: "text", text: "Une fois", idempotencyKey: "pub-1" })).toEqual(first);
    expect(await li.publish(ctx, { kind: "text", text: "Sans clé" })).not.toEqual(first);
    expect(await t.db.sandboxRecord.count({ where: { accountId: ctx.account.id, kind: "post" } })).toBe(2);
    const wa = registry.get("whatsapp");
    expect(wa.idempotentMessages).toBe(true);
    const wctx = await sandboxCtx("whatsapp");
    const m = await wa.sendMessage!(wctx, { to: "+22177000000", template: { name: "relance_douce", language: "fr" }, lastInboundAt: null, idempotencyKey: "lead-message:1" });
    expect(m.id).toMatch(/^wamid\.sbx[0-9a-f]{16}$/);
    expect(await wa.sendMessage!(wctx, { to: "+22177000000", template: { name: "relance_douce", language: "fr" }, lastInboundAt: null, idempotencyKey: "lead-message:1" })).toEqual(m);
    expect(await t.db.sandboxRecord.count({ where: { accountId: wctx.account.id, kind: "message" } })).toBe(1);
  });

  it("metrics are deterministic, grow over time, and winners clearly outperform", async () => {
    const li = registry.get("linkedin");
    const ctx = await sandboxCtx("linkedin");
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(((await li.publish(ctx, { kind: "text", text: `post ${i}` })) as { remoteId: string }).remoteId);
    const at = (h: number) =>
      Promise.all(
        ids.map(async (id) => {
          const saved = now;
          now = saved + h * 3600_000;
          const m = await li.fetchMetrics(ctx, id);
          now = saved;
          return m;
        }),
      );
    const h6 = await at(6);
    const h48 = await at(48);
    ids.forEach((_, i) => expect(h48[i].impressions!).toBeGreaterThan(h6[i].impressions!));
    expect(await at(48)).toEqual(h48);
    const winners = ids.map((id, i) => ({ w: isWinner(id), imp: h48[i].impressions! }));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    if (winners.some((w) => w.w))
      expect(avg(winners.filter((w) => w.w).map((w) => w.imp))).toBeGreaterThan(2.5 * avg(winners.filter((w) => !w.w).map((w) => w.imp)));
    const fixed = sandboxMetrics("p1", new Date(0), 48 * 3600_000, "image");
    expect(sandboxMetrics("p1", new Date(0), 48 * 3600_000, "image")).toEqual(fixed);
  });

  it("incoming comments arrive over time with a cursor; replies are recorded", async () => {
    const fb = registry.get("facebook");
    const ctx = await sandboxCtx("facebook");
    const post = (await fb.publish(ctx, { kind: "text", text: "hello" })) as { remoteId: string };
    expect((await fb.listNewComments(ctx, post.remoteId, null)).comments).toHaveLength(0);
    now += 6 * 3600_000;
    const first = await fb.listNewComments(ctx, post.remoteId, null);
    expect(first.comments.length).toBeGreaterThan(0);
    now += 6 * 3600_000;
    const next = await fb.listNewComments(ctx, post.remoteId, first.nextCursor);
    expect(next.comments.every((c) => !first.comments.some((f) => f.id === c.id))).toBe(true);
    expect((await fb.replyToComment(ctx, first.comments[0].id, "thanks")).id).toMatch(/^sbx_reply_/);
  });

  it("DMs come in; WhatsApp enforces the 24 h window in the sandbox too", async () => {
    const wa = registry.get("whatsapp");
    const ctx = await sandboxCtx("whatsapp");
    const events = await wa.listNewEvents!(ctx, String(now - 12 * 3600_000));
    expect(events.events.length).toBeGreaterThanOrEqual(3);
    expect(events.events[0]).toMatchObject({ type: "message.received" });
    await expectConnectorError(wa.sendMessage!(ctx, { to: "33600000000", text: "hi", lastInboundAt: new Date(now - 25 * 3600_000) }), "outside_window");
    expect((await wa.sendMessage!(ctx, { to: "33600000000", template: { name: "welcome", language: "fr" }, lastInboundAt: null })).id).toMatch(/^wamid\./);
  });

  it("ads: platform-like ids, a platform's checks, insights that follow spend and status, lead-ad leads", async () => {
    const ads = registry.getAds("meta_ads");
    const ctx = await sandboxCtx("meta_ads");
    ctx.account.metadata = { sandbox: { errorRate: 0 } };
    const start = now;
    const c = await ads.createCampaign(ctx, { name: "C", objective: "OUTCOME_LEADS", status: "ACTIVE" });
    expect(c.id).toMatch(/^120\d{15}$/);
    await expectConnectorError(ads.createAdSet(ctx, { campaignId: "120999", name: "A", dailyBudgetMinor: 4800, targeting: { countries: ["FR"] } }), "not_found");
    await expectConnectorError(ads.createAdSet(ctx, { campaignId: c.id, name: "A", dailyBudgetMinor: 50, targeting: { countries: ["FR"] } }), "validation");
    const a = await ads.createAdSet(ctx, { campaignId: c.id, name: "A", dailyBudgetMinor: 4800, targeting: { countries: ["FR"] }, status: "ACTIVE" });
    const img = await ads.uploadImage!(ctx, { name: "v.png", bytes: new Uint8Array([137, 80, 78, 71]), mimeType: "image/png" });
    expect(img.id).toMatch(/^[0-9a-f]{32}$/);
    await expectConnectorError(ads.uploadImage!(ctx, { name: "x.txt", bytes: new Uint8Array([1]), mimeType: "text/plain" }), "validation");
    const cr = await ads.createCreative!(ctx, { name: "cr", creative: { text: "Hello", link: "https://acme.example", imageId: img.id } });
    await ads.createAd(ctx, { adSetId: a.id, name: "ad", creativeId: cr.id, creative: { text: "Hello", link: "https://acme.example" }, status: "ACTIVE" });
    const day = new Date(now).toISOString().slice(0, 10);
    // Created at 09:00 UTC: nothing delivered yet; 12 hours later, about half the daily budget.
    expect((await ads.fetchInsights(ctx, { level: "adset", since: day, until: day }))[0]!.spendMinor).toBe(0);
    now = start + 12 * 3600_000;
    const [adSetDay] = await ads.fetchInsights(ctx, { level: "adset", since: day, until: day });
    expect(adSetDay!.spendMinor).toBeGreaterThan(2000);
    expect(adSetDay!.spendMinor).toBeLessThanOrEqual(2400);
    expect(adSetDay!.clicks).toBeGreaterThan(0);
    // Ad sets and campaigns add up their ads.
    const [campaignDay] = await ads.fetchInsights(ctx, { level: "campaign", since: day, until: day });
    const [adDay] = await ads.fetchInsights(ctx, { level: "ad", since: day, until: day });
    expect(campaignDay).toMatchObject({ spendMinor: adSetDay!.spendMinor, impressions: adDay!.impressions });
    // Paused: the day stops growing.
    await ads.setStatus(ctx, "adset", a.id, "PAUSED");
    now = start + 14 * 3600_000;
    expect((await ads.fetchInsights(ctx, { level: "adset", since: day, until: day }))[0]!.spendMinor).toBe(adSetDay!.spendMinor);
    now = start;
    const leads = await ads.listLeads!(ctx, String(now - 24 * 3600_000));
    expect(leads.leads.length).toBe(12);
    expect(leads.leads[0].fields.email).toMatch(/@example\.com$/);
  });

  it("ads: occasional temporary errors are retried by the call policy", async () => {
    const ads = registry.getAds("google_ads");
    const ctx = await sandboxCtx("google_ads");
    ctx.account.metadata = { sandbox: { errorRate: 0.3 } };
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push((await ads.createCampaign(ctx, { name: `C${i}`, objective: "SEARCH" })).id);
    expect(new Set(ids).size).toBe(10);
    for (const id of ids) expect(id).toMatch(/^[1-9]\d{10}$/);
    ctx.account.metadata = { sandbox: { errorRate: 1 } };
    await expectConnectorError(ads.createCampaign(ctx, { name: "never", objective: "SEARCH" }), "transient");
  });
});
