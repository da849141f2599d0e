import "server-only";
import { env } from "@/lib/env";
import { withPolicy } from "../call";
import { ConnectorError } from "../errors";
import { apiVersions, vendorHosts } from "../endpoints";
import { defaultRuntime, fallbackError, obj, send, type ConnectorRuntime, type HttpResponse } from "../http";
import { refreshWithProvider } from "@/lib/oauth/client";
import type { AdInsightRow, AdsConnector, ConnectorContext } from "../types";
import type { Loose } from "@/lib/connectors/http";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Google Ads REST: googleAds:searchStream for reporting, <resource>:mutate for changes. Money in micros.
 * Search campaigns: ads are responsive search ads (text, inline in createAd), so there is no image
 * upload or separate creative; budgets belong to the campaign (its CampaignBudget).
 */
export function createGoogleAdsConnector(rt: ConnectorRuntime = defaultRuntime()): AdsConnector {
  const P = "google_ads" as const;
  const cid = (ctx: ConnectorContext) => ctx.account.externalId.replaceAll("-", "");
  const call = <T>(ctx: ConnectorContext, fn: (t: string) => Promise<T>) => withPolicy(ctx, rt, fn);

  function mapError(res: HttpResponse): ConnectorError {
    const e = obj(obj(res.body).error);
    const details: Loose[] = Array.isArray(e.details) ? e.details : [];
    const failure = details.find((d) => String(d["@type"] ?? "").includes("GoogleAdsFailure"));
    const first = failure?.errors?.[0];
    const code = first?.errorCode ? Object.entries(first.errorCode).map(([k, v]) => `${k}.${v}`)[0] : e.status;
    const msg = String(first?.message ?? e.message ?? res.text.slice(0, 300));
    const o = { httpStatus: res.status, platformCode: code, now: rt.now() };
    if (res.status === 401 || e.status === "UNAUTHENTICATED") return new ConnectorError("auth_expired", P, msg, o);
    if (res.status === 403) return new ConnectorError("permission", P, msg, o);
    if (res.status === 429 || e.status === "RESOURCE_EXHAUSTED") {
      const retry = details.find((d) => String(d["@type"] ?? "").includes("RetryInfo"))?.retryDelay;
      const secs = typeof retry === "string" ? Number.parseFloat(retry) : 30;
      return new ConnectorError("rate_limited", P, msg, { ...o, retryAt: new Date(rt.now() + (Number.isFinite(secs) ? secs : 30) * 1000) });
    }
    if (res.status >= 500) return new ConnectorError("transient", P, msg, o);
    if (res.status === 404) return new ConnectorError("not_found", P, msg, o);
    if (res.status >= 400) return new ConnectorError("validation", P, msg, o);
    return fallbackError(P, res, rt, msg);
  }

  async function api(ctx: ConnectorContext, t: string, path: string, json: unknown): Promise<unknown> {
    const e = env();
    if (!e.GOOGLE_ADS_DEVELOPER_TOKEN) throw new ConnectorError("unsupported", P, "GOOGLE_ADS_DEVELOPER_TOKEN is not set");
    const login = (ctx.account.metadata.loginCustomerId as string | undefined) ?? e.GOOGLE_ADS_LOGIN_CUSTOMER_ID;
    const res = await send(P, rt, {
      method: "POST",
      url: `${vendorHosts("google").api}/${apiVersions().googleAds}/customers/${cid(ctx)}${path}`,
      headers: {
        authorization: `Bearer ${t}`,
        "developer-token": e.GOOGLE_ADS_DEVELOPER_TOKEN,
        ...(login ? { "login-customer-id": login.replaceAll("-", "") } : {}),
      },
      json,
    });
    if (res.status >= 400) throw mapError(res);
    return res.body;
  }

  const mutate = (ctx: ConnectorContext, resource: string, operations: unknown[]) =>
    call(ctx, async (t) => {
      const r = obj(await api(ctx, t, `/${resource}:mutate`, { operations }));
      const name = String(r.results?.[0]?.resourceName ?? "");
      return { id: name.split("/").pop()!, resourceName: name };
    });
  const rn = (ctx: ConnectorContext, kind: string, id: string) => (id.startsWith("customers/") ? id : `customers/${cid(ctx)}/${kind}/${id}`);

  return {
    name: P,
    sandbox: false,
    refreshToken: ({ account, refreshToken }) =>
      refreshWithProvider({ provider: "google", platform: account.platform, refreshToken, fetch: rt.fetch, now: rt.now() }),
    async createCampaign(ctx, i) {
      const budget = await mutate(ctx, "campaignBudgets", [
        {
          create: {
            name: `${i.name} budget ${rt.now()}`,
            amountMicros: String((i.dailyBudgetMinor ?? 1000) * 10_000),
            deliveryMethod: "STANDARD",
            explicitlyShared: false,
          },
        },
      ]);
      const c = await mutate(ctx, "campaigns", [
        {
          create: {
            name: i.name,
            status: i.status === "ACTIVE" ? "ENABLED" : "PAUSED",
            advertisingChannelType: String(i.options?.channel ?? "SEARCH"),
            campaignBudget: budget.resourceName,
            manualCpc: {},
            containsEuPoliticalAdvertising: "DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING",
            networkSettings: { targetGoogleSearch: true, targetSearchNetwork: true },
          },
        },
      ]);
      return { id: c.id };
    },
    async createAdSet(ctx, i) {
      return {
        id: (
          await mutate(ctx, "adGroups", [
            {
              create: {
                name: i.name,
                campaign: rn(ctx, "campaigns", i.campaignId),
                status: i.status === "ACTIVE" ? "ENABLED" : "PAUSED",
                type: "SEARCH_STANDARD",
                cpcBidMicros: String(Number(i.options?.cpcBidMinor ?? 100) * 10_000),
              },
            },
          ])
        ).id,
      };
    },
    async createAd(ctx, i) {
      const c = i.creative;
      const headlines = [c.headline ?? c.text.slice(0, 30), c.text.slice(0, 30), i.name.slice(0, 30)].map((text) => ({ text }));
      const r = await mutate(ctx, "adGroupAds", [
        {
          create: {
            adGroup: rn(ctx, "adGroups", i.adSetId),
            status: i.status === "ACTIVE" ? "ENABLED" : "PAUSED",
            ad: {
              finalUrls: [c.link],
              responsiveSearchAd: { headlines, descriptions: [{ text: c.text.slice(0, 90) }, { text: (c.headline ?? c.text).slice(0, 90) }] },
            },
          },
        },
      ]);
      return { id: r.id };
    },
    async setStatus(ctx, level, id, status) {
      const [resource, kind] = level === "campaign" ? ["campaigns", "campaigns"] : level === "adset" ? ["adGroups", "adGroups"] : ["adGroupAds", "adGroupAds"];
      await mutate(ctx, resource, [{ update: { resourceName: rn(ctx, kind, id), status: status === "ACTIVE" ? "ENABLED" : "PAUSED" }, updateMask: "status" }]);
    },
    async setBudget(ctx, level, id, minor) {
      if (level !== "campaign") throw new ConnectorError("unsupported", P, "Google Ads budgets belong to campaigns");
      await call(ctx, async (t) => {
        const rows =
          obj((await api(ctx, t, "/googleAds:search", { query: `SELECT campaign.campaign_budget FROM campaign WHERE campaign.id = ${Number(id)}` })) as unknown)
            .results ?? [];
        const budget = rows[0]?.campaign?.campaignBudget;
        if (!budget) throw new ConnectorError("not_found", P, `campaign ${id} not found`);
        await api(ctx, t, "/campaignBudgets:mutate", {
          operations: [{ update: { resourceName: budget, amountMicros: String(minor * 10_000) }, updateMask: "amount_micros" }],
        });
      });
    },
    async fetchInsights(ctx, q) {
      if (!DATE.test(q.since) || !DATE.test(q.until)) throw new ConnectorError("validation", P, "dates must be YYYY-MM-DD");
      const [from, idField] =
        q.level === "campaign" ? ["campaign", "campaign.id"] : q.level === "adset" ? ["ad_group", "ad_group.id"] : ["ad_group_ad", "ad_group_ad.ad.id"];
      const ids = q.ids?.length ? ` AND ${idField} IN (${q.ids.map((i) => Number(i)).join(",")})` : "";
      const query = `SELECT ${idField}, metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions, metrics.conversions_value, segments.date FROM ${from} WHERE segments.date BETWEEN '${q.since}' AND '${q.until}'${ids}`;
      return call(ctx, async (t) => {
        const batches = (await api(ctx, t, "/googleAds:searchStream", { query })) as Loose[];
        const rows: AdInsightRow[] = [];
        for (const b of Array.isArray(batches) ? batches : []) {
          for (const r of b.results ?? []) {
            const objectId = q.level === "campaign" ? r.campaign?.id : q.level === "adset" ? r.adGroup?.id : r.adGroupAd?.ad?.id;
            rows.push({
              level: q.level,
              objectId: String(objectId),
              date: String(r.segments?.date),
              impressions: Number(r.metrics?.impressions ?? 0),
              clicks: Number(r.metrics?.clicks ?? 0),
              spendMinor: Math.round(Number(r.metrics?.costMicros ?? 0) / 10_000),
              conversions: Number(r.metrics?.conversions ?? 0),
              // conversions_value is a double in the account currency, left out when 0.
              conversionValueMinor: Math.round(Number(r.metrics?.conversionsValue ?? 0) * 100),
              leads: 0,
              reach: null,
            });
          }
        }
        return rows;
      });
    },
  };
}
