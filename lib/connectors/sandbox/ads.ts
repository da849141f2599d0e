import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { ConnectorError } from "../errors";
import type { AdInsightRow, AdPlatform, AdsConnector, ConnectorContext } from "../types";
import { sandboxAdDay, sandboxLeads } from "./network";

type AdObject = { level: "campaign" | "adset" | "ad"; name: string; status: "ACTIVE" | "PAUSED"; dailyBudgetMinor: number; parentId: string | null };

/** Simulated ad platform: objects in sandbox_records, delivery and leads derived from budget + time. */
export function createSandboxAdsConnector(platform: AdPlatform, opts: { now?: () => number } = {}): AdsConnector {
  const now = opts.now ?? (() => Date.now());
  const kindOf = (level: string) => level;

  async function create(ctx: ConnectorContext, obj: AdObject) {
    const id = `sbx_${obj.level}_${randomBytes(5).toString("hex")}`;
    await db().sandboxRecord.create({
      data: {
        organizationId: ctx.account.organizationId,
        accountId: ctx.account.id,
        kind: kindOf(obj.level),
        externalId: id,
        data: obj,
        createdAt: new Date(now()),
      },
    });
    return { id };
  }
  async function update(ctx: ConnectorContext, level: string, id: string, patch: Partial<AdObject>) {
    const row = await db().sandboxRecord.findUnique({
      where: { accountId_kind_externalId: { accountId: ctx.account.id, kind: kindOf(level), externalId: id } },
    });
    if (!row) throw new ConnectorError("not_found", platform, `${level} ${id} not found`);
    await db().sandboxRecord.update({ where: { id: row.id }, data: { data: { ...(row.data as AdObject), ...patch } } });
  }

  return {
    name: platform,
    sandbox: true,
    async refreshToken() {
      return { accessToken: `sbx_at_${randomBytes(8).toString("hex")}` };
    },
    createCampaign: (ctx, i) =>
      create(ctx, { level: "campaign", name: i.name, status: i.status ?? "PAUSED", dailyBudgetMinor: i.dailyBudgetMinor ?? 0, parentId: null }),
    createAdSet: (ctx, i) => {
      if (i.dailyBudgetMinor <= 0) throw new ConnectorError("validation", platform, "daily budget must be positive");
      return create(ctx, { level: "adset", name: i.name, status: i.status ?? "PAUSED", dailyBudgetMinor: i.dailyBudgetMinor, parentId: i.campaignId });
    },
    createAd: (ctx, i) => create(ctx, { level: "ad", name: i.name, status: i.status ?? "PAUSED", dailyBudgetMinor: 0, parentId: i.adSetId }),
    setStatus: (ctx, level, id, status) => update(ctx, level, id, { status }),
    setBudget: (ctx, level, id, dailyBudgetMinor) => update(ctx, level, id, { dailyBudgetMinor }),
    async fetchInsights(ctx, q) {
      const rows = await db().sandboxRecord.findMany({ where: { accountId: ctx.account.id, kind: { in: ["campaign", "adset", "ad"] } } });
      const byId = new Map(rows.map((r) => [r.externalId, { ...(r.data as AdObject), createdAt: r.createdAt }]));
      const budgetOf = (id: string): number => {
        const o = byId.get(id);
        if (!o) return 0;
        if (o.level === "ad")
          return o.parentId ? budgetOf(o.parentId) / Math.max(1, rows.filter((r) => (r.data as AdObject).parentId === o.parentId).length) : 0;
        if (o.level === "campaign" && !o.dailyBudgetMinor)
          return rows.filter((r) => (r.data as AdObject).parentId === id).reduce((a, r) => a + budgetOf(r.externalId), 0);
        return o.dailyBudgetMinor;
      };
      const active = (id: string): boolean => {
        const o = byId.get(id);
        return !!o && o.status === "ACTIVE" && (!o.parentId || active(o.parentId));
      };
      const out: AdInsightRow[] = [];
      const today = new Date(now()).toISOString().slice(0, 10);
      for (const [id, o] of byId) {
        if (o.level !== q.level || (q.ids && !q.ids.includes(id))) continue;
        for (
          let d = new Date(`${q.since}T00:00:00Z`);
          d.toISOString().slice(0, 10) <= q.until && d.toISOString().slice(0, 10) <= today;
          d = new Date(d.getTime() + 86_400_000)
        ) {
          const date = d.toISOString().slice(0, 10);
          if (date < o.createdAt.toISOString().slice(0, 10)) continue;
          out.push({ level: q.level, objectId: id, date, ...sandboxAdDay(id, date, budgetOf(id), active(id)) });
        }
      }
      return out;
    },
    async listLeads(ctx, since) {
      const from = since ? Number(since) : now() - 7 * 24 * 3600_000;
      return { leads: sandboxLeads(ctx.account.id, from, now()), nextCursor: String(now()) };
    },
  };
}
