import { withPolicy } from "../call";
import { ConnectorError } from "../errors";
import { defaultRuntime, obj, type ConnectorRuntime } from "../http";
import { graph, refreshMetaToken } from "../meta/graph";
import type { AdInsightRow, AdsConnector, AdTargeting, ConnectorContext } from "../types";
import type { Loose } from "@/lib/connectors/http";

const toMinor = (v: unknown) => Math.round(Number(v ?? 0) * 100);

/** Meta targeting spec. Interests need Meta's interest ids (targeting search): names stay on our side. */
const targetingSpec = (t: AdTargeting) => ({
  geo_locations: { countries: t.countries },
  ...(t.ageMin ? { age_min: t.ageMin } : {}),
  ...(t.ageMax ? { age_max: t.ageMax } : {}),
});

const PURCHASE = ["offsite_conversion.fb_pixel_purchase", "purchase", "omni_purchase"];

/** Meta Marketing API: campaigns, ad sets, images, creatives, ads (one object per call), status, budgets, targeting, insights. */
export function createMetaAdsConnector(rt: ConnectorRuntime = defaultRuntime()): AdsConnector {
  const P = "meta_ads" as const;
  const act = (ctx: ConnectorContext) => (ctx.account.externalId.startsWith("act_") ? ctx.account.externalId : `act_${ctx.account.externalId}`);
  const call = <T>(ctx: ConnectorContext, fn: (t: string) => Promise<T>) => withPolicy(ctx, rt, fn);
  const post = (ctx: ConnectorContext, path: string, json: Record<string, unknown>) =>
    call(ctx, async (t) => ({ id: String((await graph(P, rt, t, { method: "POST", path, json })).id) }));
  const createCreative: NonNullable<AdsConnector["createCreative"]> = (ctx, i) => {
    const c = i.creative;
    return post(ctx, `/${act(ctx)}/adcreatives`, {
      name: i.name,
      object_story_spec: {
        page_id: c.pageId ?? ctx.account.metadata.pageId,
        link_data: {
          link: c.link,
          message: c.text,
          name: c.headline,
          ...(c.imageId ? { image_hash: c.imageId } : {}),
          call_to_action: { type: c.callToAction ?? "LEARN_MORE", value: c.leadFormId ? { lead_gen_form_id: c.leadFormId } : { link: c.link } },
        },
      },
    });
  };
  return {
    name: P,
    sandbox: false,
    refreshToken: (input) => refreshMetaToken(rt, input),
    createCampaign: (ctx, i) =>
      post(ctx, `/${act(ctx)}/campaigns`, {
        name: i.name,
        objective: i.objective,
        status: i.status ?? "PAUSED",
        special_ad_categories: [],
        ...(i.dailyBudgetMinor ? { daily_budget: i.dailyBudgetMinor } : {}),
        ...i.options,
      }),
    createAdSet: (ctx, i) =>
      post(ctx, `/${act(ctx)}/adsets`, {
        name: i.name,
        campaign_id: i.campaignId,
        daily_budget: i.dailyBudgetMinor,
        billing_event: "IMPRESSIONS",
        optimization_goal: i.optimizationGoal ?? "LINK_CLICKS",
        bid_strategy: "LOWEST_COST_WITHOUT_CAP",
        targeting: targetingSpec(i.targeting),
        status: i.status ?? "PAUSED",
        ...i.options,
      }),
    /** POST /act_{id}/adimages with the bytes (base64): answers {images: {<name>: {hash, url}}}; the hash is the id. */
    uploadImage: (ctx, i) =>
      call(ctx, async (t) => {
        const r = await graph(P, rt, t, { method: "POST", path: `/${act(ctx)}/adimages`, form: { name: i.name, bytes: Buffer.from(i.bytes).toString("base64") } });
        const images = obj(r.images);
        const hash = obj(images[i.name] ?? Object.values(images)[0]).hash;
        if (typeof hash !== "string" || !hash) throw new ConnectorError("validation", P, "adimages answered without an image hash");
        return { id: hash };
      }),
    createCreative,
    async createAd(ctx, i) {
      // One object per call: the creative is made first (createCreative) and referenced here.
      const creativeId = i.creativeId ?? (await createCreative(ctx, { name: `${i.name} creative`, creative: i.creative })).id;
      return post(ctx, `/${act(ctx)}/ads`, { name: i.name, adset_id: i.adSetId, creative: { creative_id: creativeId }, status: i.status ?? "PAUSED" });
    },
    async setStatus(ctx, _level, id, status) {
      await post(ctx, `/${id}`, { status });
    },
    async setBudget(ctx, _level, id, minor) {
      await post(ctx, `/${id}`, { daily_budget: minor });
    },
    async setTargeting(ctx, adSetId, targeting) {
      await post(ctx, `/${adSetId}`, { targeting: targetingSpec(targeting) });
    },
    async fetchInsights(ctx, q) {
      return call(ctx, async (t) => {
        const rows: AdInsightRow[] = [];
        let after: string | undefined;
        do {
          const r = await graph(P, rt, t, {
            method: "GET",
            path: `/${act(ctx)}/insights`,
            query: {
              level: q.level,
              fields: `${q.level === "adset" ? "adset_id" : `${q.level}_id`},impressions,reach,clicks,spend,actions,action_values`,
              time_range: JSON.stringify({ since: q.since, until: q.until }),
              time_increment: "1",
              limit: "500",
              ...(q.ids?.length ? { filtering: JSON.stringify([{ field: `${q.level}.id`, operator: "IN", value: q.ids }]) } : {}),
              ...(after ? { after } : {}),
            },
          });
          for (const d of r.data ?? []) {
            const pick = (list: Loose, types: string[]) => types.reduce((n, type) => n + Number((list ?? []).find((a: Loose) => a.action_type === type)?.value ?? 0), 0);
            rows.push({
              level: q.level,
              objectId: String(d[`${q.level}_id`]),
              date: String(d.date_start),
              impressions: Number(d.impressions ?? 0),
              clicks: Number(d.clicks ?? 0),
              spendMinor: toMinor(d.spend),
              conversions: pick(d.actions, PURCHASE),
              conversionValueMinor: toMinor(pick(d.action_values, PURCHASE)),
              leads: pick(d.actions, ["lead"]),
              reach: d.reach === undefined ? null : Number(d.reach),
            });
          }
          after = r.paging?.next ? r.paging?.cursors?.after : undefined;
        } while (after);
        return rows;
      });
    },
  };
}
