import { createHash } from "node:crypto";
import { withPolicy } from "../call";
import { ConnectorError } from "../errors";
import { apiVersions, vendorHosts } from "../endpoints";
import { defaultRuntime, fallbackError, obj, send, type ConnectorRuntime } from "../http";
import type { AdInsightRow, AdsConnector, ConnectorContext } from "../types";
import type { Loose } from "@/lib/connectors/http";

/** TikTok age_groups buckets covering [min, max]. */
function ageGroups(min: number, max: number): string[] {
  const buckets: [string, number, number][] = [["AGE_13_17", 13, 17], ["AGE_18_24", 18, 24], ["AGE_25_34", 25, 34], ["AGE_35_44", 35, 44], ["AGE_45_54", 45, 54], ["AGE_55_100", 55, 100]];
  return buckets.filter(([, lo, hi]) => hi >= min && lo <= max).map(([k]) => k);
}

/** TikTok Business API v1.3: "Access-Token" header (no Bearer), HTTP 200 envelopes with code != 0 on error. */
export function createTiktokAdsConnector(rt: ConnectorRuntime = defaultRuntime()): AdsConnector {
  const P = "tiktok_ads" as const;
  const call = <T>(ctx: ConnectorContext, fn: (t: string) => Promise<T>) => withPolicy(ctx, rt, fn);
  const base = () => `${vendorHosts("tiktok_business").api}/open_api/${apiVersions().tiktokBusiness}`;

  async function api(t: string, method: "GET" | "POST", path: string, payload: Record<string, unknown>, multipart?: FormData): Promise<Record<string, Loose>> {
    let url = `${base()}${path}`;
    if (method === "GET") {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(payload)) q.set(k, typeof v === "string" ? v : JSON.stringify(v));
      url += `?${q}`;
    }
    const res = await send(P, rt, { method, url, headers: { "access-token": t }, ...(multipart ? { multipart } : method === "POST" ? { json: payload } : {}) });
    const b = obj(res.body);
    if (res.status >= 400 && typeof b.code !== "number") throw fallbackError(P, res, rt);
    const code = Number(b.code);
    if (code === 0) return obj(b.data);
    const msg = `${code}: ${b.message ?? "error"}`;
    const o = { httpStatus: res.status, platformCode: code, now: rt.now() };
    if (code === 40105 || code === 40104 || code === 40102) throw new ConnectorError("auth_expired", P, msg, o);
    if (code === 40100 || code === 40133)
      throw new ConnectorError("rate_limited", P, msg, { ...o, retryAt: new Date(rt.now() + 1000 * Number(res.headers.get("retry-after") ?? 1)) });
    if (code === 40001 || code === 40101 || code === 40003) throw new ConnectorError("permission", P, msg, o);
    if (code >= 50000) throw new ConnectorError("transient", P, msg, o);
    throw new ConnectorError("validation", P, msg, o);
  }

  const adv = (ctx: ConnectorContext) => ctx.account.externalId;
  const major = (minor: number) => Math.round(minor) / 100;
  const op = (s: "ACTIVE" | "PAUSED") => (s === "ACTIVE" ? "ENABLE" : "DISABLE");

  return {
    name: P,
    sandbox: false,
    async refreshToken({ account }) {
      // Advertiser tokens do not expire and have no refresh grant: a rejected token needs a reconnect.
      throw new ConnectorError("reconnect_required", account.platform, "TikTok Ads tokens cannot be refreshed; reconnect the advertiser");
    },
    createCampaign: (ctx, i) =>
      call(ctx, async (t) => ({
        id: String(
          (
            await api(t, "POST", "/campaign/create/", {
              advertiser_id: adv(ctx),
              campaign_name: i.name,
              objective_type: i.objective,
              ...(i.dailyBudgetMinor ? { budget_mode: "BUDGET_MODE_DAY", budget: major(i.dailyBudgetMinor) } : { budget_mode: "BUDGET_MODE_INFINITE" }),
              operation_status: op(i.status ?? "PAUSED"),
              ...i.options,
            })
          ).campaign_id,
        ),
      })),
    createAdSet: (ctx, i) =>
      call(ctx, async (t) => ({
        id: String(
          (
            await api(t, "POST", "/adgroup/create/", {
              advertiser_id: adv(ctx),
              campaign_id: i.campaignId,
              adgroup_name: i.name,
              promotion_type: "WEBSITE",
              placement_type: "PLACEMENT_TYPE_AUTOMATIC",
              location_ids: (i.options?.locationIds as string[] | undefined) ?? i.targeting.countries,
              budget_mode: "BUDGET_MODE_DAY",
              budget: major(i.dailyBudgetMinor),
              schedule_type: "SCHEDULE_FROM_NOW",
              schedule_start_time: new Date(rt.now()).toISOString().replace("T", " ").slice(0, 19),
              optimization_goal: i.optimizationGoal ?? "CLICK",
              billing_event: "CPC",
              bid_type: "BID_TYPE_NO_BID",
              operation_status: op(i.status ?? "PAUSED"),
            })
          ).adgroup_id,
        ),
      })),
    /** POST /file/image/ad/upload/ (multipart, UPLOAD_BY_FILE with the file's MD5 as image_signature) -> data.image_id. */
    uploadImage: (ctx, i) =>
      call(ctx, async (t) => {
        const form = new FormData();
        form.set("advertiser_id", adv(ctx));
        form.set("upload_type", "UPLOAD_BY_FILE");
        form.set("image_signature", createHash("md5").update(i.bytes).digest("hex"));
        form.set("file_name", i.name);
        form.set("image_file", new Blob([i.bytes as Uint8Array<ArrayBuffer>], { type: i.mimeType }), i.name);
        const d = await api(t, "POST", "/file/image/ad/upload/", {}, form);
        if (!d.image_id) throw new ConnectorError("validation", P, "image upload answered without image_id");
        return { id: String(d.image_id) };
      }),
    createAd: (ctx, i) =>
      call(ctx, async (t) => {
        const c = i.creative;
        const d = await api(t, "POST", "/ad/create/", {
          advertiser_id: adv(ctx),
          adgroup_id: i.adSetId,
          creatives: [
            {
              ad_name: i.name,
              ad_format: c.videoId ? "SINGLE_VIDEO" : "SINGLE_IMAGE",
              identity_type: "CUSTOMIZED_USER",
              identity_id: ctx.account.metadata.identityId,
              video_id: c.videoId,
              ...(c.imageId ? { image_ids: [c.imageId] } : {}),
              ad_text: c.text,
              call_to_action: c.callToAction ?? "LEARN_MORE",
              landing_page_url: c.link,
            },
          ],
        });
        return { id: String(d.ad_ids?.[0]) };
      }),
    async setStatus(ctx, level, id, status) {
      const [path, key] =
        level === "campaign"
          ? ["/campaign/status/update/", "campaign_ids"]
          : level === "adset"
            ? ["/adgroup/status/update/", "adgroup_ids"]
            : ["/ad/status/update/", "ad_ids"];
      await call(ctx, (t) => api(t, "POST", path, { advertiser_id: adv(ctx), [key]: [id], operation_status: op(status) }));
    },
    async setTargeting(ctx, adSetId, targeting) {
      await call(ctx, (t) =>
        api(t, "POST", "/adgroup/update/", {
          advertiser_id: adv(ctx),
          adgroup_id: adSetId,
          location_ids: targeting.countries,
          ...(targeting.ageMin || targeting.ageMax ? { age_groups: ageGroups(targeting.ageMin ?? 18, targeting.ageMax ?? 65) } : {}),
        }),
      );
    },
    async setBudget(ctx, level, id, minor) {
      await call(ctx, (t) =>
        level === "campaign"
          ? api(t, "POST", "/campaign/update/", { advertiser_id: adv(ctx), campaign_id: id, budget: major(minor) })
          : api(t, "POST", "/adgroup/budget/update/", { advertiser_id: adv(ctx), budget: [{ adgroup_id: id, budget: major(minor) }] }),
      );
    },
    async fetchInsights(ctx, q) {
      const [level, idKey] =
        q.level === "campaign" ? ["AUCTION_CAMPAIGN", "campaign_id"] : q.level === "adset" ? ["AUCTION_ADGROUP", "adgroup_id"] : ["AUCTION_AD", "ad_id"];
      return call(ctx, async (t) => {
        const rows: AdInsightRow[] = [];
        for (let page = 1; ; page++) {
          const d = await api(t, "GET", "/report/integrated/get/", {
            advertiser_id: adv(ctx),
            report_type: "BASIC",
            data_level: level,
            dimensions: [idKey, "stat_time_day"],
            // complete_payment_roas (web purchase ROAS) x spend = purchase value. Check the metric names against
            // TikTok's report docs (business-api.tiktok.com/portal/docs?id=1751443967255553) before relying on it.
            metrics: ["spend", "impressions", "clicks", "conversion", "reach", "complete_payment_roas"],
            start_date: q.since,
            end_date: q.until,
            page: String(page),
            page_size: "1000",
            ...(q.ids?.length ? { filtering: [{ field_name: `${idKey}s`, filter_type: "IN", filter_value: JSON.stringify(q.ids) }] } : {}),
          });
          for (const r of d.list ?? [])
            rows.push({
              level: q.level,
              objectId: String(r.dimensions?.[idKey]),
              date: String(r.dimensions?.stat_time_day ?? "").slice(0, 10),
              impressions: Number(r.metrics?.impressions ?? 0),
              clicks: Number(r.metrics?.clicks ?? 0),
              spendMinor: Math.round(Number(r.metrics?.spend ?? 0) * 100),
              conversions: Number(r.metrics?.conversion ?? 0),
              conversionValueMinor: Math.round(Number(r.metrics?.complete_payment_roas ?? 0) * Number(r.metrics?.spend ?? 0) * 100),
              leads: 0,
              reach: r.metrics?.reach === undefined ? null : Number(r.metrics.reach),
            });
          if (page >= Number(d.page_info?.total_page ?? 1)) break;
        }
        return rows;
      });
    },
  };
}
