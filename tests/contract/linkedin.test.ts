import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createLinkedinFake, LINKEDIN_CLIENT, linkedinErrors, type LinkedinFake } from "@/tests/fakes/linkedin";
import { createMediaHost } from "@/tests/fakes/media-host";
import { contextFor, expectConnectorError, recordingRuntime, seedAccount, setEnv } from "./harness";
import type { PlatformConnector } from "@/lib/connectors/types";
import type { Loose } from "@/lib/connectors/http";

let t: TestDatabase;
let fake: LinkedinFake;
let media: Awaited<ReturnType<typeof createMediaHost>>;
beforeAll(async () => {
  t = await createTestDatabase();
  fake = createLinkedinFake();
  await fake.server.start();
  media = await createMediaHost();
  setEnv({
    LINKEDIN_CLIENT_ID: LINKEDIN_CLIENT.clientId,
    LINKEDIN_CLIENT_SECRET: LINKEDIN_CLIENT.clientSecret,
    PLATFORM_BASE_URLS: JSON.stringify({ linkedin: fake.server.url }),
    LINKEDIN_API_VERSION: "202606",
  });
});
afterAll(async () => {
  await Promise.all([fake.server.stop(), media.stop()]);
  await t.cleanup();
  setEnv({ LINKEDIN_CLIENT_ID: undefined, LINKEDIN_CLIENT_SECRET: undefined, PLATFORM_BASE_URLS: undefined });
});

describe("LinkedIn connector against the Posts/Images fake", () => {
  let li: PlatformConnector;
  let s: Awaited<ReturnType<typeof seedAccount>> & ReturnType<typeof recordingRuntime> & { ctx: Awaited<ReturnType<typeof contextFor>> };
  beforeEach(async () => {
    const h = recordingRuntime();
    const tok = fake.oauth.issue();
    const acc = await seedAccount(t.db, { platform: "linkedin", externalId: "123", accessToken: tok.accessToken, refreshToken: tok.refreshToken });
    s = { ...h, ...acc, ctx: await contextFor(acc.accountId, acc.orgId, h.deps()) };
    li = h.registry.real("linkedin");
  });

  it("happy path: text post -> 201 + x-restli-id, versioned headers, statistics, comments, reply", async () => {
    const r = await li.publish(s.ctx, { kind: "text", text: "Hello LinkedIn" });
    expect(r).toMatchObject({
      state: "published",
      remoteId: expect.stringMatching(/^urn:li:share:/),
      url: expect.stringContaining("linkedin.com/feed/update/urn:li:share:"),
    });
    const call = fake.server.callsTo(/^\/rest\/posts/).at(-1)!;
    expect(call.headers["linkedin-version"]).toBe("202606");
    expect(call.headers["x-restli-protocol-version"]).toBe("2.0.0");
    expect(JSON.parse(call.body)).toMatchObject({ author: "urn:li:organization:123", visibility: "PUBLIC", lifecycleState: "PUBLISHED" });
    const m = await li.fetchMetrics(s.ctx, (r as { remoteId: string }).remoteId);
    expect(m).toEqual({ impressions: 5000, reach: 3100, likes: 80, comments: 6, shares: 9, saves: null, clicks: 120, videoViews: null });
    const c = await li.listNewComments(s.ctx, (r as { remoteId: string }).remoteId, null);
    expect(c.comments).toHaveLength(2);
    expect((await li.listNewComments(s.ctx, (r as { remoteId: string }).remoteId, c.nextCursor)).comments).toHaveLength(0);
    expect((await li.replyToComment(s.ctx, c.comments[0].id, "Thanks")).id).toMatch(/^urn:li:comment:/);
  });

  it("async processing: image initializeUpload -> PUT bytes -> PROCESSING -> AVAILABLE -> post", async () => {
    const r = await li.publish(s.ctx, { kind: "image", text: "With image", media: [{ kind: "image", url: media.url(2048, "jpg"), altText: "alt" }] });
    expect(r.state).toBe("pending");
    const done = await li.getPublicationStatus(s.ctx, (r as { pollToken: string }).pollToken);
    expect(done.state).toBe("published");
    const posted = [...fake.posts.values()].at(-1) as Loose;
    expect(posted.content.media).toMatchObject({ id: expect.stringMatching(/^urn:li:image:/), altText: "alt" });
  });

  it("expired token -> refresh (refresh_token grant, no token_type in response) -> retry", async () => {
    fake.oauth.expireAccessTokens();
    const before = fake.oauth.tokenCalls.length;
    expect((await li.publish(s.ctx, { kind: "text", text: "after refresh" })).state).toBe("published");
    expect(fake.oauth.tokenCalls.length - before).toBe(1);
  });

  it("429 daily quota -> back off until midnight UTC (not retried now), account marked", async () => {
    fake.server.inject(/^\/rest\/posts/, linkedinErrors.rateLimited());
    const err = await expectConnectorError(li.publish(s.ctx, { kind: "text", text: "x" }), "rate_limited");
    const midnight = new Date(s.rt.now());
    midnight.setUTCHours(24, 0, 0, 0);
    expect(err.retryAt?.toISOString()).toBe(midnight.toISOString());
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    expect(s.sleeps).toEqual([]);
    const row = await t.db.socialAccount.findUniqueOrThrow({ where: { id: s.accountId } });
    expect(row.rateLimitedUntil?.toISOString()).toBe(midnight.toISOString());
  });

  it("a short 429 reset is waited out (Retry-After) when the platform sends one", async () => {
    fake.server.inject(/^\/rest\/posts/, { status: 429, headers: { "retry-after": "2" }, json: { status: 429, message: "slow down" } });
    // LinkedIn's daily quota says nothing (midnight UTC, test above); a throttle that sends Retry-After is
    // waited out and retried once (issue 18, platform storms).
    expect((await li.publish(s.ctx, { kind: "text", text: "y" })).state).toBe("published");
    expect(s.sleeps).toEqual([2000]);
  });

  it("422 validation -> non-retriable with LinkedIn's message; 426 sunset version -> non-retriable", async () => {
    fake.server.inject(/^\/rest\/posts/, linkedinErrors.validation("/commentary :: length exceeds 3000"));
    const err = await expectConnectorError(li.publish(s.ctx, { kind: "text", text: "x" }), "validation");
    expect(err.message).toContain("length exceeds 3000");
    expect(err.retriable).toBe(false);
    setEnv({ LINKEDIN_API_VERSION: "202505" });
    try {
      const e2 = await expectConnectorError(li.publish(s.ctx, { kind: "text", text: "x" }), "validation");
      expect(e2.message).toMatch(/sunset|LINKEDIN_API_VERSION/);
    } finally {
      setEnv({ LINKEDIN_API_VERSION: "202606" });
    }
  });

  it("5xx -> retried", async () => {
    fake.server.inject(/^\/rest\/posts/, linkedinErrors.server(), 3);
    expect((await li.publish(s.ctx, { kind: "text", text: "z" })).state).toBe("published");
    expect(s.sleeps).toHaveLength(3);
  });

  it("invalid_grant on refresh -> reconnect required", async () => {
    fake.oauth.expireAccessTokens();
    fake.oauth.revokeRefreshTokens();
    await expectConnectorError(li.publish(s.ctx, { kind: "text", text: "q" }), "reconnect_required");
    expect((await t.db.socialAccount.findUniqueOrThrow({ where: { id: s.accountId } })).status).toBe("RECONNECT_REQUIRED");
  });
});
