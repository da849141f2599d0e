import { bearer, FakeOAuth, FakeServer, id, type FakeResponse } from "./server";
import type { Loose } from "@/lib/connectors/http";

/** Fake of api.linkedin.com/rest (Posts, Images, share statistics, socialActions) + www.linkedin.com/oauth/v2. */
export const LINKEDIN_CLIENT = { clientId: "li-client", clientSecret: "li-secret" };
const SUNSET = new Set(["202505", "202507"]);

export const linkedinErrors = {
  expired: (): FakeResponse => ({
    status: 401,
    json: { status: 401, serviceErrorCode: 65601, code: "REVOKED_ACCESS_TOKEN", message: "The token used in the request has been revoked by the user" },
  }),
  rateLimited: (): FakeResponse => ({
    status: 429,
    json: { status: 429, message: "Resource level throttle APPLICATION DAY limit for calls to this resource is reached." },
  }),
  validation: (message: string): FakeResponse => ({ status: 422, json: { status: 422, code: "UNPROCESSABLE_ENTITY", message } }),
  server: (): FakeResponse => ({ status: 503, json: { status: 503, message: "Service Unavailable" } }),
};

export function createLinkedinFake() {
  const server = new FakeServer("linkedin");
  const oauth = new FakeOAuth({
    ...LINKEDIN_CLIENT,
    authorizePath: "/oauth/v2/authorization",
    tokenPath: "/oauth/v2/accessToken",
    clientAuth: "post",
    rotateRefreshTokens: false,
    accessTtlSec: 5_184_000,
    refreshTtlSec: 31_000_000,
    omitTokenType: true,
  });
  oauth.install(server);
  const images = new Map<string, { status: string; polls: number }>();
  const posts = new Map<string, unknown>();
  const state = { imagePolls: 1 };

  server.route("GET", /^\/rest\/.*/, (req) => api(req));
  server.route("POST", /^\/rest\/.*/, (req) => api(req));
  server.route("PUT", /^\/dms-uploads\/(.+)$/, (req, m) => {
    if (!oauth.check(bearer(req))) return linkedinErrors.expired();
    const img = images.get(decodeURIComponent(m[1]));
    if (!img || req.raw.length === 0) return { status: 400, json: { message: "bad upload" } };
    img.status = "PROCESSING";
    return { status: 201 };
  });

  function api(req: Parameters<Parameters<FakeServer["route"]>[2]>[0]): FakeResponse {
    const v = String(req.headers["linkedin-version"] ?? "");
    if (!v) return { status: 400, json: { status: 400, message: "A version must be present. Please specify a version by adding the LinkedIn-Version header" } };
    if (SUNSET.has(v) || !/^\d{6}$/.test(v))
      return { status: 426, json: { status: 426, code: "NONEXISTENT_VERSION", message: `Requested version ${v} is not active` } };
    if (req.headers["x-restli-protocol-version"] !== "2.0.0") return { status: 400, json: { message: "X-Restli-Protocol-Version 2.0.0 required" } };
    if (!oauth.check(bearer(req))) return linkedinErrors.expired();
    const p = req.path.slice("/rest".length);
    if (req.method === "POST" && p === "/posts") {
      const b = req.json ?? {};
      if (!String(b.author ?? "").startsWith("urn:li:")) return linkedinErrors.validation("/author :: must be an urn");
      if (typeof b.commentary !== "string") return linkedinErrors.validation("/commentary :: field is required");
      for (const mid of [b.content?.media?.id, ...(b.content?.multiImage?.images ?? []).map((i: Loose) => i.id)].filter(Boolean)) {
        if (images.get(mid)?.status !== "AVAILABLE") return linkedinErrors.validation(`/content/media/id :: ${mid} is not AVAILABLE`);
      }
      const urn = `urn:li:share:${id("7")}`;
      posts.set(urn, b);
      return { status: 201, headers: { "x-restli-id": urn } };
    }
    if (req.method === "POST" && p === "/images" && req.url.searchParams.get("action") === "initializeUpload") {
      const urn = `urn:li:image:C4E${id("")}`;
      images.set(urn, { status: "WAITING_UPLOAD", polls: 0 });
      return {
        status: 200,
        json: { value: { uploadUrlExpiresAt: Date.now() + 3600_000, uploadUrl: `${server.url}/dms-uploads/${encodeURIComponent(urn)}`, image: urn } },
      };
    }
    const im = /^\/images\/(.+)$/.exec(p);
    if (req.method === "GET" && im) {
      const urn = decodeURIComponent(im[1]);
      const img = images.get(urn);
      if (!img) return { status: 404, json: { status: 404, message: "Not found" } };
      if (img.status === "PROCESSING" && img.polls++ >= state.imagePolls) img.status = "AVAILABLE";
      return { status: 200, json: { id: urn, status: img.status, downloadUrl: img.status === "AVAILABLE" ? `https://media.licdn.example/${urn}` : undefined } };
    }
    if (req.method === "GET" && p === "/organizationalEntityShareStatistics") {
      if (req.url.searchParams.get("q") !== "organizationalEntity") return linkedinErrors.validation("q must be organizationalEntity");
      return {
        status: 200,
        json: {
          elements: [
            {
              organizationalEntity: req.url.searchParams.get("organizationalEntity"),
              totalShareStatistics: {
                impressionCount: 5000,
                uniqueImpressionsCount: 3100,
                clickCount: 120,
                likeCount: 80,
                commentCount: 6,
                shareCount: 9,
                engagement: 0.043,
              },
            },
          ],
          paging: { count: 10, start: 0 },
        },
      };
    }
    if (req.method === "GET" && p === "/organizationAcls")
      return {
        status: 200,
        json: {
          elements: [{ organization: "urn:li:organization:123", organizationName: "Acme Inc", role: "ADMINISTRATOR", state: "APPROVED" }],
          paging: { count: 10, start: 0 },
        },
      };
    const sa = /^\/socialActions\/([^/]+)\/comments$/.exec(p);
    if (sa && req.method === "GET") {
      const target = decodeURIComponent(sa[1]);
      const start = Number(req.url.searchParams.get("start") ?? 0);
      const all = [1, 2].map((i) => ({
        commentUrn: `urn:li:comment:(${target},${700 + i})`,
        actor: `urn:li:person:p${i}`,
        message: { text: `great ${i}` },
        created: { time: 1_750_000_000_000 + i },
      }));
      return { status: 200, json: { elements: all.slice(start), paging: { start, count: 100, total: all.length } } };
    }
    if (sa && req.method === "POST") return { status: 201, headers: { "x-restli-id": `urn:li:comment:(${decodeURIComponent(sa[1])},${id("")})` } };
    return { status: 404, json: { status: 404, message: `no fake for ${req.method} ${p}` } };
  }
  return { server, oauth, state, posts, images };
}
export type LinkedinFake = ReturnType<typeof createLinkedinFake>;
