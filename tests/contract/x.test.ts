import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createXFake, X_CLIENT, xErrors, type XFake } from "@/tests/fakes/x";
import { createMediaHost } from "@/tests/fakes/media-host";
import { contextFor, expectConnectorError, recordingRuntime, seedAccount, setEnv } from "./harness";
import type { PlatformConnector } from "@/lib/connectors/types";

let t: TestDatabase;
let fake: XFake;
let media: Awaited<ReturnType<typeof createMediaHost>>;
beforeAll(async () => {
  t = await createTestDatabase();
  fake = createXFake();
  await fake.server.start();
  media = await createMediaHost();
  setEnv({ X_CLIENT_ID: X_CLIENT.clientId, X_CLIENT_SECRET: X_CLIENT.clientSecret, PLATFORM_BASE_URLS: JSON.stringify({ x: fake.server.url }) });
});
afterAll(async () => {
  await Promise.all([fake.server.stop(), media.stop()]);
  await t.cleanup();
  setEnv({ X_CLIENT_ID: undefined, X_CLIENT_SECRET: undefined, PLATFORM_BASE_URLS: undefined });
});

describe("X API v2 connector against its fake", () => {
  let x: PlatformConnector;
  let s: Awaited<ReturnType<typeof seedAccount>> & ReturnType<typeof recordingRuntime> & { ctx: Awaited<ReturnType<typeof contextFor>> };
  let n = 0;
  const text = () => `post number ${++n} ${Date.now()}`;
  beforeEach(async () => {
    const h = recordingRuntime();
    const tok = fake.oauth.issue();
    const acc = await seedAccount(t.db, { platform: "x", externalId: "42", accessToken: tok.accessToken, refreshToken: tok.refreshToken });
    s = { ...h, ...acc, ctx: await contextFor(acc.accountId, acc.orgId, h.deps()) };
    x = h.registry.real("x");
  });

  it("happy path: tweet (201), image via v2 simple upload, metrics, replies since_id, reply, DM", async () => {
    const r = await x.publish(s.ctx, { kind: "text", text: text() });
    expect(r).toMatchObject({ state: "published", url: expect.stringContaining("x.com/i/web/status/") });
    const img = await x.publish(s.ctx, { kind: "image", text: text(), media: [{ kind: "image", url: media.url(1000, "jpg") }] });
    expect(img.state).toBe("published");
    const id = (r as { remoteId: string }).remoteId;
    expect(await x.fetchMetrics(s.ctx, id)).toMatchObject({ impressions: 2500, likes: 40, comments: 2, shares: 4, saves: 5 });
    const c1 = await x.listNewComments(s.ctx, id, null);
    expect(c1.comments.map((c) => c.authorName)).toEqual(["ana", "bob"]);
    expect((await x.listNewComments(s.ctx, id, c1.nextCursor)).comments).toEqual([]);
    expect((await x.replyToComment(s.ctx, c1.comments[0].id, "thanks")).id).toBeTruthy();
    await x.hideComment!(s.ctx, c1.comments[1].id, true);
    expect((await x.sendMessage!(s.ctx, { to: "u1", text: "hi", lastInboundAt: null })).id).toBeTruthy();
  });

  it("async processing: video initialize/append/finalize -> pending -> in_progress -> succeeded -> tweet", async () => {
    const r = await x.publish(s.ctx, { kind: "video", text: text(), media: [{ kind: "video", url: media.url(5000, "mp4") }] });
    expect(r.state).toBe("pending");
    let st = r;
    for (let i = 0; i < 5 && st.state === "pending"; i++) st = await x.getPublicationStatus(s.ctx, (st as { pollToken: string }).pollToken);
    expect(st.state).toBe("published");
    expect(fake.server.callsTo(/\/append$/)).toHaveLength(1);
  });

  it("expired token -> refresh (Basic client auth, rotating refresh token) -> retry", async () => {
    fake.oauth.expireAccessTokens();
    expect((await x.publish(s.ctx, { kind: "text", text: text() })).state).toBe("published");
    expect(fake.oauth.tokenCalls.at(-1)!.grantType).toBe("refresh_token");
  });

  it("429 with x-rate-limit-reset -> sleeps until the reset, then succeeds", async () => {
    const reset = Math.floor(s.rt.now() / 1000) + 30;
    fake.server.inject(/^\/2\/tweets$/, xErrors.rateLimited(reset));
    expect((await x.publish(s.ctx, { kind: "text", text: text() })).state).toBe("published");
    expect(s.sleeps).toEqual([reset * 1000 - s.rt.now()]);
  });

  it("429 whose reset is far away -> rate_limited with retryAfter, no waiting", async () => {
    const reset = Math.floor(s.rt.now() / 1000) + 900;
    fake.server.inject(/^\/2\/tweets$/, xErrors.rateLimited(reset));
    const err = await expectConnectorError(x.publish(s.ctx, { kind: "text", text: text() }), "rate_limited");
    expect(err.retryAfterSeconds).toBeGreaterThanOrEqual(899);
    expect(s.sleeps).toEqual([]);
  });

  it("duplicate content (403) -> non-retriable validation with X's detail; 5xx -> retried", async () => {
    const same = text();
    await x.publish(s.ctx, { kind: "text", text: same });
    const err = await expectConnectorError(x.publish(s.ctx, { kind: "text", text: same }), "validation");
    expect(err.message).toContain("duplicate content");
    fake.server.inject(/^\/2\/tweets$/, xErrors.server());
    expect((await x.publish(s.ctx, { kind: "text", text: text() })).state).toBe("published");
    expect(s.sleeps).toHaveLength(1);
  });
});
