import { bearer, FakeOAuth, FakeServer, id, type FakeResponse } from "./server";

/** Fake of api.x.com (v2 tweets, v2 media upload incl. initialize/append/finalize/STATUS, search, DMs) + x.com/i/oauth2. */
export const X_CLIENT = { clientId: "x-client", clientSecret: "x-secret" };

const limits = (remaining: number, resetUnix: number) => ({
  "x-rate-limit-limit": "300",
  "x-rate-limit-remaining": String(remaining),
  "x-rate-limit-reset": String(resetUnix),
});
export const xErrors = {
  expired: (): FakeResponse => ({ status: 401, json: { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" } }),
  rateLimited: (resetUnix: number): FakeResponse => ({
    status: 429,
    headers: limits(0, resetUnix),
    json: { title: "Too Many Requests", type: "about:blank", status: 429, detail: "Too Many Requests" },
  }),
  validation: (detail: string): FakeResponse => ({ status: 403, json: { title: "Forbidden", type: "about:blank", status: 403, detail } }),
  server: (): FakeResponse => ({ status: 503, json: { title: "Service Unavailable", type: "about:blank", status: 503, detail: "Service Unavailable" } }),
};

export function createXFake() {
  const server = new FakeServer("x");
  const oauth = new FakeOAuth({
    ...X_CLIENT,
    authorizePath: "/i/oauth2/authorize",
    tokenPath: "/2/oauth2/token",
    clientAuth: "basic",
    rotateRefreshTokens: true,
    accessTtlSec: 7200,
    requirePkce: true,
  });
  oauth.install(server);
  const media = new Map<string, { state: string; polls: number; bytes: number; total: number }>();
  const tweets = new Map<string, { text: string }>();
  const state = { videoPolls: 2 };
  const reset = () => Math.floor(Date.now() / 1000) + 900;
  type R = Parameters<Parameters<FakeServer["route"]>[2]>[0];
  const guard = (req: R) => (oauth.check(bearer(req)) ? null : xErrors.expired());

  server.route("POST", /^\/2\/tweets$/, (req) => {
    const g = guard(req);
    if (g) return g;
    const b = req.json ?? {};
    if (typeof b.text !== "string" || [...b.text].length > 280)
      return {
        status: 400,
        json: { title: "Invalid Request", detail: "text must be 1-280 characters", type: "https://api.twitter.com/2/problems/invalid-request" },
      };
    if ([...tweets.values()].some((t) => t.text === b.text) && !b.reply)
      return xErrors.validation("You are not allowed to create a Tweet with duplicate content.");
    for (const mid of b.media?.media_ids ?? [])
      if (media.get(mid)?.state !== "succeeded") return { status: 400, json: { title: "Invalid Request", detail: `media ${mid} is not ready or expired` } };
    const tid = id("18");
    tweets.set(tid, { text: b.text });
    return {
      status: 201,
      headers: {
        ...limits(99, reset()),
        "x-user-limit-24hour-limit": "100",
        "x-user-limit-24hour-remaining": "98",
        "x-user-limit-24hour-reset": String(reset() + 80000),
      },
      json: { data: { id: tid, text: b.text, edit_history_tweet_ids: [tid] } },
    };
  });
  server.route("POST", /^\/2\/media\/upload$/, (req) => {
    const g = guard(req);
    if (g) return g;
    if (!String(req.headers["content-type"]).startsWith("multipart/form-data") || !req.raw.includes("media_category"))
      return { status: 400, json: { title: "Invalid Request", detail: "multipart media + media_category required" } };
    const mid = id("188");
    media.set(mid, { state: "succeeded", polls: 0, bytes: req.raw.length, total: req.raw.length });
    return { status: 200, json: { data: { id: mid, media_key: `3_${mid}`, size: req.raw.length, expires_after_secs: 86400 } } };
  });
  server.route("POST", /^\/2\/media\/upload\/initialize$/, (req) => {
    const g = guard(req);
    if (g) return g;
    const mid = id("189");
    media.set(mid, { state: "init", polls: 0, bytes: 0, total: Number(req.json?.total_bytes) });
    return { status: 200, json: { data: { id: mid, media_key: `7_${mid}`, expires_after_secs: 86400 } } };
  });
  server.route("POST", /^\/2\/media\/upload\/(\d+)\/append$/, (req, m) => {
    const g = guard(req);
    if (g) return g;
    const md = media.get(m[1]);
    if (!md) return { status: 400, json: { detail: "unknown media id" } };
    md.bytes += req.raw.length;
    return { status: 204 };
  });
  server.route("POST", /^\/2\/media\/upload\/(\d+)\/finalize$/, (req, m) => {
    const g = guard(req);
    if (g) return g;
    const md = media.get(m[1]);
    if (!md) return { status: 400, json: { detail: "unknown media id" } };
    md.state = "pending";
    return {
      status: 200,
      json: {
        data: { id: m[1], media_key: `7_${m[1]}`, size: md.total, expires_after_secs: 86400, processing_info: { state: "pending", check_after_secs: 5 } },
      },
    };
  });
  server.route("GET", /^\/2\/media\/upload$/, (req) => {
    const g = guard(req);
    if (g) return g;
    if (req.url.searchParams.get("command") !== "STATUS") return { status: 400, json: { detail: "command=STATUS required" } };
    const md = media.get(req.url.searchParams.get("media_id") ?? "");
    if (!md) return { status: 400, json: { detail: "unknown media id" } };
    if (md.state !== "succeeded") md.state = md.polls++ >= state.videoPolls ? "succeeded" : "in_progress";
    return {
      status: 200,
      json: {
        data: {
          id: req.url.searchParams.get("media_id"),
          processing_info: {
            state: md.state,
            progress_percent: md.state === "succeeded" ? 100 : 50,
            ...(md.state === "succeeded" ? {} : { check_after_secs: 5 }),
          },
        },
      },
    };
  });
  server.route("GET", /^\/2\/tweets\/search\/recent$/, (req) => {
    const g = guard(req);
    if (g) return g;
    const conv = (req.url.searchParams.get("query") ?? "").replace("conversation_id:", "");
    const since = req.url.searchParams.get("since_id");
    const all = ["1", "2"].map((n) => ({
      id: `${conv}${n}`,
      text: `@acme reply ${n}`,
      author_id: `u${n}`,
      created_at: new Date(1_750_000_000_000 + Number(n)).toISOString(),
      referenced_tweets: [{ type: "replied_to", id: conv }],
    }));
    const data = since ? all.filter((t) => BigInt(t.id) > BigInt(since)) : all;
    return {
      status: 200,
      json: {
        data,
        includes: {
          users: [
            { id: "u1", username: "ana" },
            { id: "u2", username: "bob" },
          ],
        },
        meta: { newest_id: data.at(-1)?.id ?? since, result_count: data.length },
      },
    };
  });
  /** Hide replies: PUT /2/tweets/:id/hidden {hidden} -> {data: {hidden}} (X API v2). */
  server.route("PUT", /^\/2\/tweets\/(\d+)\/hidden$/, (req) => {
    const g = guard(req);
    if (g) return g;
    const b = (req.json ?? {}) as { hidden?: unknown };
    if (typeof b.hidden !== "boolean") return { status: 400, json: { title: "Invalid Request", detail: "hidden must be a boolean" } };
    return { status: 200, json: { data: { hidden: b.hidden } } };
  });
  server.route("GET", /^\/2\/tweets\/(\d+)$/, (req, m) => {
    const g = guard(req);
    if (g) return g;
    if (!tweets.has(m[1])) return { status: 200, json: { errors: [{ detail: `Could not find tweet with id: [${m[1]}].`, title: "Not Found Error" }] } };
    return {
      status: 200,
      json: {
        data: {
          id: m[1],
          text: tweets.get(m[1])!.text,
          public_metrics: { retweet_count: 3, reply_count: 2, like_count: 40, quote_count: 1, bookmark_count: 5, impression_count: 2500 },
        },
      },
    };
  });
  server.route(
    "POST",
    /^\/2\/dm_conversations\/with\/(\w+)\/messages$/,
    (req) => guard(req) ?? { status: 201, json: { data: { dm_conversation_id: id("c"), dm_event_id: id("e") } } },
  );
  server.route("GET", /^\/2\/users\/me$/, (req) => guard(req) ?? { status: 200, json: { data: { id: "42", name: "Acme", username: "acme" } } });
  return { server, oauth, state, tweets, media };
}
export type XFake = ReturnType<typeof createXFake>;
