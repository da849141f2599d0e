import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createTiktokFake, TIKTOK_CLIENT, tiktokErrors, type TiktokFake } from "@/tests/fakes/tiktok";
import { createMediaHost } from "@/tests/fakes/media-host";
import { decryptAccountToken } from "@/lib/crypto/account-secrets";
import { contextFor, expectConnectorError, recordingRuntime, seedAccount, setEnv } from "./harness";
import type { PlatformConnector } from "@/lib/connectors/types";

let t: TestDatabase;
let fake: TiktokFake;
let media: Awaited<ReturnType<typeof createMediaHost>>;
beforeAll(async () => {
  t = await createTestDatabase();
  fake = createTiktokFake();
  await fake.server.start();
  media = await createMediaHost();
  setEnv({
    TIKTOK_CLIENT_KEY: TIKTOK_CLIENT.clientId,
    TIKTOK_CLIENT_SECRET: TIKTOK_CLIENT.clientSecret,
    PLATFORM_BASE_URLS: JSON.stringify({ tiktok: fake.server.url }),
  });
});
afterAll(async () => {
  await Promise.all([fake.server.stop(), media.stop()]);
  await t.cleanup();
  setEnv({ TIKTOK_CLIENT_KEY: undefined, TIKTOK_CLIENT_SECRET: undefined, PLATFORM_BASE_URLS: undefined });
});

describe("TikTok Content Posting connector against its fake", () => {
  let tt: PlatformConnector;
  let s: Awaited<ReturnType<typeof seedAccount>> & ReturnType<typeof recordingRuntime> & { ctx: Awaited<ReturnType<typeof contextFor>>; refreshToken: string };
  beforeEach(async () => {
    const h = recordingRuntime();
    const tok = fake.oauth.issue();
    const acc = await seedAccount(t.db, {
      platform: "tiktok",
      externalId: "open_1",
      accessToken: tok.accessToken,
      refreshToken: tok.refreshToken,
      metadata: { username: "acme" },
    });
    s = { ...h, ...acc, refreshToken: tok.refreshToken, ctx: await contextFor(acc.accountId, acc.orgId, h.deps()) };
    tt = h.registry.real("tiktok");
  });

  const video = {
    kind: "video" as const,
    text: "New drop #tag",
    media: [{ kind: "video" as const, url: "https://verified.example/x.mp4" }],
    options: { privacyLevel: "SELF_ONLY" },
  };

  it("happy path + async: creator_info -> PULL_FROM_URL init -> PROCESSING_DOWNLOAD -> PUBLISH_COMPLETE; metrics", async () => {
    const r = await tt.publish(s.ctx, video);
    expect(r).toMatchObject({ state: "pending", detail: "PROCESSING_DOWNLOAD" });
    let st = r;
    const seen: string[] = [];
    for (let i = 0; i < 5 && st.state === "pending"; i++) {
      st = await tt.getPublicationStatus(s.ctx, (r as { pollToken: string }).pollToken);
      if (st.state === "pending") seen.push(st.detail ?? "");
    }
    expect(seen).toContain("PROCESSING_DOWNLOAD");
    expect(st).toMatchObject({ state: "published", url: expect.stringContaining("tiktok.com/@acme/video/") });
    const init = JSON.parse(fake.server.callsTo(/video\/init/).at(-1)!.body);
    expect(init.source_info).toEqual({ source: "PULL_FROM_URL", video_url: "https://verified.example/x.mp4" });
    expect(fake.server.callsTo(/video\/init/).at(-1)!.headers["content-type"]).toContain("application/json");
    const m = await tt.fetchMetrics(s.ctx, (st as { remoteId: string }).remoteId);
    expect(m).toMatchObject({ videoViews: 9000, likes: 321, comments: 12, shares: 30 });
  });

  it("FILE_UPLOAD: chunked PUT with Content-Range, then PROCESSING_UPLOAD; failed pulls surface fail_reason", async () => {
    const r = await tt.publish(s.ctx, {
      ...video,
      media: [{ kind: "video", url: media.url(3000, "mp4") }],
      options: { privacyLevel: "SELF_ONLY", upload: true },
    });
    expect(r).toMatchObject({ state: "pending", detail: "PROCESSING_UPLOAD" });
    expect(fake.server.callsTo(/^\/upload\//, "PUT")).toHaveLength(1);
    const bad = await tt.publish(s.ctx, { ...video, media: [{ kind: "video", url: "https://verified.example/broken.mp4" }] });
    let st = bad;
    for (let i = 0; i < 5 && st.state === "pending"; i++) st = await tt.getPublicationStatus(s.ctx, (bad as { pollToken: string }).pollToken);
    expect(st).toMatchObject({ state: "failed", reason: "video_pull_failed" });
  });

  it("expired token -> refresh with client_key + rotation: the new refresh token is stored, the old one is dead", async () => {
    fake.oauth.expireAccessTokens();
    const r = await tt.publish(s.ctx, video);
    expect(r.state).toBe("pending");
    const call = fake.oauth.tokenCalls.at(-1)!;
    expect(call.form.get("client_key")).toBe(TIKTOK_CLIENT.clientId);
    expect(call.form.has("client_id")).toBe(false);
    const row = await t.db.socialAccount.findUniqueOrThrow({ where: { id: s.accountId } });
    const stored = decryptAccountToken(row.organizationId, row.id, "refreshToken", row.refreshTokenEnc!);
    expect(stored).not.toBe(s.refreshToken);
    expect(fake.oauth.refreshTokens.get(s.refreshToken)!.valid).toBe(false);
    expect(fake.oauth.refreshTokens.get(stored)!.valid).toBe(true);
    expect(row.refreshExpiresAt).not.toBeNull();
  });

  it("429 rate_limit_exceeded -> back off 60 s then succeed; invalid params -> non-retriable; 5xx -> retried", async () => {
    fake.server.inject(/creator_info/, tiktokErrors.rateLimited());
    expect((await tt.publish(s.ctx, video)).state).toBe("pending");
    expect(s.sleeps).toEqual([60_000]);
    const err = await expectConnectorError(tt.publish(s.ctx, { ...video, media: [{ kind: "video", url: "http://unverified.example/x.mp4" }] }), "validation");
    expect(err.platformCode).toBe("url_ownership_unverified");
    const err2 = await expectConnectorError(tt.publish(s.ctx, { ...video, options: { privacyLevel: "EVERYONE_PLEASE" } }), "validation");
    expect(err2.retriable).toBe(false);
    fake.server.inject(/video\/init/, tiktokErrors.server());
    expect((await tt.publish(s.ctx, video)).state).toBe("pending");
    expect(s.sleeps).toHaveLength(2);
  });

  it("webhook: TikTok-Signature over t.body verifies; tampered or stale fails; events normalise", () => {
    const body = JSON.stringify({
      client_key: TIKTOK_CLIENT.clientId,
      event: "post.publish.complete",
      create_time: 1750000000,
      user_openid: "open_1",
      content: JSON.stringify({ publish_id: "v_pub_1", publish_type: "DIRECT_PUBLISH" }),
    });
    const raw = new TextEncoder().encode(body);
    const ts = Math.floor(s.rt.now() / 1000);
    const sig = createHmac("sha256", TIKTOK_CLIENT.clientSecret).update(`${ts}.${body}`).digest("hex");
    const req = (h: string, b = raw) => ({
      method: "POST" as const,
      headers: new Headers({ "tiktok-signature": h }),
      query: new URLSearchParams(),
      rawBody: b,
    });
    expect(tt.verifyWebhook(req(`t=${ts},s=${sig}`)).ok).toBe(true);
    expect(tt.verifyWebhook(req(`t=${ts - 400},s=${sig}`)).ok).toBe(false);
    const flipped = Uint8Array.from(raw);
    flipped[5] ^= 1;
    expect(tt.verifyWebhook(req(`t=${ts},s=${sig}`, flipped)).ok).toBe(false);
    expect(tt.parseWebhook(raw)).toEqual([expect.objectContaining({ type: "publish.status", status: "complete", remoteId: "v_pub_1" })]);
  });
});
