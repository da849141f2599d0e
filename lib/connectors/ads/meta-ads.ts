import { withPolicy } from "../call";
import { defaultRuntime, type ConnectorRuntime } from "../http";
import { graph, refreshMetaToken } from "../meta/graph";
import type { AdInsightRow, AdsConnector, ConnectorContext } from "../types";
import type { Loose } from "@/lib/connectors/http";

const toMinor = (v: unknown) => Math.round(Number(v ?? 0) * 100);

/** Meta Marketing API: campaigns, ad sets, creatives + ads, status, budgets, insights. */
export function createMetaAdsConnector(rt: ConnectorRuntime = defaultRuntime()): AdsConnector {
  const P = "meta_ads" as const;
  const act = (ctx: ConnectorContext) => (ctx.account.externalId.startsWith("act_") ? ctx.account.externalId : `act_${ctx.account.externalId}`);
  const call = <T>(ctx: ConnectorContext, fn: (t: string) => Promise<T>) => withPolicy(ctx, rt, fn);
  const post = (ctx: ConnectorContext, path: string, json: Record<string, unknown>) =>
    call(ctx, async (t) => ({ id: String((await graph(P, rt, t, { method: "POST", path, json })).id) }));
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
        targeting: {
          geo_locations: { countries: i.targeting.countries },
          ...(i.targeting.ageMin ? { age_min: i.targeting.ageMin } : {}),
          ...(i.targeting.ageMax ? { age_max: i.targeting.ageMax } : {}),
        },
        status: i.status ?? "PAUSED",
        ...i.options,
      }),
    async createAd(ctx, i) {
      const c = i.creative;
      const creative = await post(ctx, `/${act(ctx)}/adcreatives`, {
        name: `${i.name} creative`,
        object_story_spec: {
          page_id: c.pageId ?? ctx.account.metadata.pageId,
          link_data: {
            link: c.link,
            message: c.text,
            name: c.headline,
            ...(c.imageUrl ? { picture: c.imageUrl } : {}),
            call_to_action: { type: c.callToAction ?? "LEARN_MORE", value: c.leadFormId ? { lead_gen_form_id: c.leadFormId } : { link: c.link } },
          },
        },
      });
      return post(ctx, `/${act(ctx)}/ads`, { name: i.name, adset_id: i.adSetId, creative: { creative_id: creative.id }, status: i.status ?? "PAUSED" });
    },
    async setStatus(ctx, _level, id, status) {
      await post(ctx, `/${id}`, { status });
    },
    async setBudget(ctx, _level, id, minor) {
      await post(ctx, `/${id}`, { daily_budget: minor });
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
              fields: `${q.level === "adset" ? "adset_id" : `${q.level}_id`},impressions,reach,clicks,spend,actions`,
              time_range: JSON.stringify({ since: q.since, until: q.until }),
              time_increment: "1",
              limit: "500",
              ...(q.ids?.length ? { filtering: JSON.stringify([{ field: `${q.level}.id`, operator: "IN", value: q.ids }]) } : {}),
              ...(after ? { after } : {}),
            },
          });
          for (const d of r.data ?? []) {
            const action = (type: string) => Number((d.actions ?? []).find((a: Loose) => a.action_type === type)?.value ?? 0);
            rows.push({
              level: q.level,
              objectId: String(d[`${q.level}_id`]),
              date: String(d.date_start),
              impressions: Number(d.impressions ?? 0),
              clicks: Number(d.clicks ?? 0),
              spendMinor: toMinor(d.spend),
              conversions: action("offsite_conversion") + action("purchase"),
              leads: action("lead"),
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
