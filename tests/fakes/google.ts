import { bearer, FakeOAuth, FakeServer, id, type FakeResponse } from "./server";
import type { Loose } from "@/lib/connectors/http";

/** Fake of googleads.googleapis.com (REST searchStream/search/mutate, listAccessibleCustomers) + accounts.google.com + oauth2.googleapis.com. */
export const GOOGLE_CLIENT = { clientId: "g-client.apps.googleusercontent.com", clientSecret: "g-secret", developerToken: "dev-token-123" };
const SUNSET = new Set(["v19", "v20", "v21", "v22"]);

const failure = (code: number, status: string, errorCode: Record<string, string>, message: string, extra: unknown[] = []): FakeResponse => ({
  status: code,
  headers: { "request-id": id("req") },
  json: {
    error: {
      code,
      status,
      message: status === "INVALID_ARGUMENT" ? "Request contains an invalid argument." : message,
      details: [
        { "@type": "type.googleapis.com/google.ads.googleads.v23.errors.GoogleAdsFailure", errors: [{ errorCode, message }], requestId: id("req") },
        ...extra,
      ],
    },
  },
});
export const googleErrors = {
  expired: () => failure(401, "UNAUTHENTICATED", { authenticationError: "OAUTH_TOKEN_EXPIRED" }, "Request is missing required authentication credential."),
  rateLimited: (seconds: number) =>
    failure(429, "RESOURCE_EXHAUSTED", { quotaError: "RESOURCE_TEMPORARILY_EXHAUSTED" }, "Too many requests. Retry in 30 seconds.", [
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${seconds}s` },
    ]),
  validation: (message: string) => failure(400, "INVALID_ARGUMENT", { queryError: "UNRECOGNIZED_FIELD" }, message),
  server: (): FakeResponse => ({ status: 503, json: { error: { code: 503, status: "UNAVAILABLE", message: "The service is currently unavailable." } } }),
};

export function createGoogleFake() {
  const server = new FakeServer("google");
  const oauth = new FakeOAuth({
    clientId: GOOGLE_CLIENT.clientId,
    clientSecret: GOOGLE_CLIENT.clientSecret,
    authorizePath: "/o/oauth2/v2/auth",
    tokenPath: "/token",
    clientAuth: "post",
    rotateRefreshTokens: false,
    accessTtlSec: 3599,
  });
  oauth.install(server);
  const resources = new Map<string, Record<string, unknown>>();
  type R = Parameters<Parameters<FakeServer["route"]>[2]>[0];
  const check = (req: R, version: string): FakeResponse | null => {
    if (SUNSET.has(version))
      return {
        status: 404,
        json: { error: { code: 404, status: "NOT_FOUND", message: `Version ${version} is deprecated. Requests to this version will be blocked.` } },
      };
    if (!oauth.check(bearer(req))) return googleErrors.expired();
    if (req.headers["developer-token"] !== GOOGLE_CLIENT.developerToken)
      return failure(403, "PERMISSION_DENIED", { authorizationError: "DEVELOPER_TOKEN_NOT_APPROVED" }, "The developer token is not approved.");
    return null;
  };
  server.route(
    "GET",
    /^\/(v\d+(?:_\d+)?)\/customers:listAccessibleCustomers$/,
    (req, m) => check(req, m[1]) ?? { status: 200, json: { resourceNames: ["customers/1234567890", "customers/9876543210"] } },
  );
  server.route("POST", /^\/(v\d+(?:_\d+)?)\/customers\/(\d+)\/googleAds:(searchStream|search)$/, (req, m) => {
    const c = check(req, m[1]);
    if (c) return c;
    const q = String(req.json?.query ?? "");
    if (!/^SELECT .+ FROM \w+/i.test(q)) return googleErrors.validation("Error in query: unexpected input.");
    if (/campaign\.start_date\b/.test(q)) return googleErrors.validation("Unrecognized field in the query: 'campaign.start_date'.");
    const from = /FROM (\w+)/i.exec(q)![1];
    if (from === "campaign" && /campaign\.campaign_budget/.test(q)) {
      const cid = /campaign\.id = (\d+)/.exec(q)?.[1];
      const camp = resources.get(`customers/${m[2]}/campaigns/${cid}`);
      return {
        status: 200,
        json: {
          results: camp ? [{ campaign: { resourceName: `customers/${m[2]}/campaigns/${cid}`, campaignBudget: camp.campaignBudget } }] : [],
          fieldMask: "campaign.campaignBudget",
        },
      };
    }
    const results = [...resources.entries()]
      .filter(([k]) => k.includes(from === "campaign" ? "/campaigns/" : from === "ad_group" ? "/adGroups/" : "/adGroupAds/"))
      .map(([k]) => {
        const oid = k.split("/").pop()!;
        const idObj =
          from === "campaign"
            ? { campaign: { resourceName: k, id: oid } }
            : from === "ad_group"
              ? { adGroup: { resourceName: k, id: oid } }
              : { adGroupAd: { resourceName: k, ad: { id: oid } } };
        return { ...idObj, metrics: { impressions: "1520", clicks: "88", costMicros: "45120000", conversions: 3.0, conversionsValue: 150.5 }, segments: { date: "2026-01-05" } };
      });
    const batch = {
      results,
      fieldMask: "campaign.id,metrics.impressions,metrics.clicks,metrics.costMicros,metrics.conversions,segments.date",
      requestId: id("req"),
    };
    return { status: 200, json: m[3] === "searchStream" ? [batch] : batch };
  });
  server.route("POST", /^\/(v\d+(?:_\d+)?)\/customers\/(\d+)\/(campaignBudgets|campaigns|adGroups|adGroupAds):mutate$/, (req, m) => {
    const c = check(req, m[1]);
    if (c) return c;
    const ops = req.json?.operations;
    if (!Array.isArray(ops) || !ops.length) return googleErrors.validation("operations must not be empty");
    const results = ops.map((op: Loose) => {
      if (op.create) {
        if (!op.create.name && m[3] !== "adGroupAds") throw new Error("name required");
        const name = `customers/${m[2]}/${m[3]}/${id("")}`;
        resources.set(name, op.create);
        return { resourceName: name };
      }
      const r = resources.get(op.update?.resourceName);
      if (!r) throw new Error("not found");
      Object.assign(r, op.update);
      return { resourceName: op.update.resourceName };
    });
    return { status: 200, json: { results } };
  });
  return { server, oauth, resources };
}
export type GoogleFake = ReturnType<typeof createGoogleFake>;
