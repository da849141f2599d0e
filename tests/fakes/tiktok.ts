import { bearer, FakeOAuth, FakeServer, id, type FakeResponse } from "./server";

/** Fake of open.tiktokapis.com (Content Posting API, video query) + www.tiktok.com/v2/auth/authorize. Rotates refresh tokens. */
export const TIKTOK_CLIENT = { clientId: "tt-client-key", clientSecret: "tt-secret" };

const env = (code: string, message = "", status = 200, data: unknown = {}): FakeResponse => ({
  status,
  json: { data, error: { code, message, log_id: id("log") } },
});
export const tiktokErrors = {
  expired: () => env("access_token_invalid", "The access token is invalid or not found in the request.", 401),
  rateLimited: () => env("rate_limit_exceeded", "Too many requests", 429),
  validation: (message: string) => env("invalid_params", message, 400),
  server: () => env("internal_error", "Something went wrong", 500),
};

export function createTiktokFake() {
  const server = new FakeServer("tiktok");
  const oauth = new FakeOAuth({
    ...TIKTOK_CLIENT,
    clientIdParam: "client_key",
    authorizePath: "/v2/auth/authorize/",
    tokenPath: "/v2/oauth/token/",
    clientAuth: "post",
    rotateRefreshTokens: true,
    accessTtlSec: 7200,
    tokenExtras: () => ({ open_id: "open_1", refresh_expires_in: 15_552_000 }),
    errorBody: (error, d) => ({ error, error_description: d, log_id: id("log") }),
  });
  oauth.install(server);
  const publishes = new Map<string, { polls: number; source: string; size?: number; received: number; fail?: string }>();
  const state = { polls: 2, privacy: ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"] };

  const authed = (req: Parameters<Parameters<FakeServer["route"]>[2]>[0]) => oauth.check(bearer(req));
  server.route("POST", /^\/v2\/post\/publish\/creator_info\/query\/$/, (req) =>
    authed(req)
      ? env("ok", "", 200, {
          creator_username: "acme",
          creator_nickname: "Acme",
          privacy_level_options: state.privacy,
          comment_disabled: false,
          duet_disabled: false,
          stitch_disabled: false,
          max_video_post_duration_sec: 600,
        })
      : tiktokErrors.expired(),
  );
  server.route("POST", /^\/v2\/post\/publish\/(video|content)\/init\/$/, (req) => {
    if (!authed(req)) return tiktokErrors.expired();
    const b = req.json ?? {};
    const src = b.source_info ?? {};
    if (b.post_info?.privacy_level && !state.privacy.includes(b.post_info.privacy_level))
      return env("privacy_level_option_mismatch", "privacy level not allowed", 400);
    const pid = `v_pub_${src.source === "FILE_UPLOAD" ? "file" : "url"}~v2-1.${id("")}`;
    if (src.source === "PULL_FROM_URL") {
      const url = String(src.video_url ?? src.photo_images?.[0] ?? "");
      if (!url.startsWith("https://")) return env("url_ownership_unverified", "The URL prefix or domain is not verified", 403);
      publishes.set(pid, { polls: 0, source: "PULL_FROM_URL", received: 0, fail: url.includes("broken") ? "video_pull_failed" : undefined });
      return env("ok", "", 200, { publish_id: pid });
    }
    if (src.source === "FILE_UPLOAD") {
      const { video_size: size, chunk_size: chunk, total_chunk_count: count } = src;
      if (!size || !chunk || count !== Math.max(1, Math.floor(size / chunk)))
        return tiktokErrors.validation("total_chunk_count must be floor(video_size/chunk_size)");
      publishes.set(pid, { polls: 0, source: "FILE_UPLOAD", size, received: 0 });
      return env("ok", "", 200, { publish_id: pid, upload_url: `${server.url}/upload/?upload_id=${encodeURIComponent(pid)}&upload_token=t` });
    }
    return tiktokErrors.validation("source_info.source is required");
  });
  server.route("PUT", /^\/upload\/$/, (req) => {
    const p = publishes.get(req.url.searchParams.get("upload_id") ?? "");
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers["content-range"] ?? ""));
    if (!p || !range || Number(range[3]) !== p.size || Number(range[1]) !== p.received || Number(range[2]) - Number(range[1]) + 1 !== req.raw.length)
      return { status: 400, text: "bad chunk" };
    p.received += req.raw.length;
    return { status: p.received === p.size ? 201 : 206 };
  });
  server.route("POST", /^\/v2\/post\/publish\/status\/fetch\/$/, (req) => {
    if (!authed(req)) return tiktokErrors.expired();
    const p = publishes.get(req.json?.publish_id);
    if (!p) return tiktokErrors.validation("publish_id not found");
    const done = p.polls++ >= state.polls;
    if (p.fail && done)
      return env("ok", "", 200, { status: "FAILED", fail_reason: p.fail, publicaly_available_post_id: [], uploaded_bytes: 0, downloaded_bytes: 0 });
    if (!done)
      return env("ok", "", 200, {
        status: p.source === "FILE_UPLOAD" ? "PROCESSING_UPLOAD" : "PROCESSING_DOWNLOAD",
        fail_reason: "",
        publicaly_available_post_id: [],
        uploaded_bytes: p.received,
        downloaded_bytes: 0,
      });
    return env("ok", "", 200, {
      status: "PUBLISH_COMPLETE",
      fail_reason: "",
      publicaly_available_post_id: [Number(id("73"))],
      uploaded_bytes: p.received,
      downloaded_bytes: 0,
    });
  });
  server.route("POST", /^\/v2\/video\/query\/$/, (req) =>
    authed(req)
      ? env("ok", "", 200, {
          videos: (req.json?.filters?.video_ids ?? []).map((vid: string) => ({
            id: vid,
            like_count: 321,
            comment_count: 12,
            share_count: 30,
            view_count: 9000,
          })),
        })
      : tiktokErrors.expired(),
  );
  server.route("GET", /^\/v2\/user\/info\/$/, (req) =>
    authed(req) ? env("ok", "", 200, { user: { open_id: "open_1", display_name: "Acme", username: "acme" } }) : tiktokErrors.expired(),
  );
  return { server, oauth, state, publishes };
}
export type TiktokFake = ReturnType<typeof createTiktokFake>;
