import "server-only";
import { createHash, randomBytes, randomInt } from "node:crypto";
import { db } from "@/lib/db/client";
import { withPolicy } from "../call";
import { ConnectorError } from "../errors";
import { defaultRuntime } from "../http";
import type { AdInsightRow, AdObjectLevel, AdPlatform, AdsConnector, AdTargeting, ConnectorContext } from "../types";
import { sandboxAdDay, sandboxLeads, unit } from "./network";

type Level = AdObjectLevel | "creative" | "image";
type Change = { at: number; status?: "ACTIVE" | "PAUSED"; dailyBudgetMinor?: number };
/** One simulated ad object, kept in sandbox_records (kind = level). */
type AdObject = {
  level: Level;
  name: string;
  status: "ACTIVE" | "PAUSED";
  dailyBudgetMinor: number;
  parentId: string | null;
  targeting?: AdTargeting;
  creativeId?: string;
  /** Status and budget changes with their time: delivery follows them. */
  history: Change[];
};

/**
 * Scenario knobs on a sandbox ad account (`metadata.sandbox`): make rules fire on demand in a demo
 * or a test. `errorRate` is the share of calls answered with a temporary platform error (retried
 * by the shared call policy, as real 5xx are); `ctrPercent` / `roas` pin those figures.
 */
export type SandboxAdsKnobs = { errorRate?: number; ctrPercent?: number; roas?: number };
const knobs = (ctx: ConnectorContext): SandboxAdsKnobs => (ctx.account.metadata.sandbox as SandboxAdsKnobs | undefined) ?? {};
export const SANDBOX_DEFAULT_ERROR_RATE = 0.02;

const DAY = 86_400_000;

/** The n-th call to an account draws the n-th number of its own sequence: errors are occasional, yet replayable. */
const draws = new Map<string, number>();
function errorDraw(key: string): number {
  const n = draws.get(key) ?? 0;
  draws.set(key, n + 1);
  return unit(`sandbox-error:${key}:${n}`);
}
const digits = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10))).join("");

/** Ids shaped like each platform's (Meta 120…, Google numeric, TikTok 17…; Meta image hashes, TikTok image ids). */
function newId(platform: AdPlatform, level: Level): string {
  if (level === "image") return platform === "meta_ads" ? randomBytes(16).toString("hex") : `ad-site-i18n-sg/${randomBytes(12).toString("hex")}`;
  if (platform === "meta_ads") return `120${digits(15)}`;
  if (platform === "google_ads") return digits(level === "ad" ? 12 : 11);
  return `17${digits(17)}`;
}

/** newId's shapes, drawn from a hash (a sha256 hex) instead of at random. */
function keyedId(platform: AdPlatform, level: Level, hash: string): string {
  const v = BigInt(`0x${hash}`);
  const digitsOf = (n: number) => `${1 + Number(v % BigInt(9))}${((v / BigInt(9)) % BigInt(10) ** BigInt(n - 1)).toString().padStart(n - 1, "0")}`;
  if (level === "image") return platform === "meta_ads" ? hash.slice(0, 32) : `ad-site-i18n-sg/${hash.slice(0, 24)}`;
  if (platform === "meta_ads") return `120${digitsOf(15)}`;
  if (platform === "google_ads") return digitsOf(level === "ad" ? 12 : 11);
  return `17${digitsOf(17)}`;
}

/**
 * Simulated ad platform: objects with platform-like ids and statuses in sandbox_records, the checks a
 * real platform makes (parents exist, budgets above the minimum, images are images), occasional
 * temporary errors, and insights that follow spend: each day delivers in proportion to the time the
 * ad and its parents were ACTIVE, at the budget in force, split between the active ads of an ad set;
 * ad sets and campaigns add up their ads.
 */
export function createSandboxAdsConnector(platform: AdPlatform, opts: { now?: () => number } = {}): AdsConnector {
  const now = opts.now ?? (() => Date.now());
  const rt = { ...defaultRuntime(), now, maxAttempts: 6, baseBackoffMs: 20, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 200))) };
  const minBudget = platform === "tiktok_ads" ? 2000 : 100;

  /** Every call goes through the shared policy, so a simulated 5xx is retried like a real one. */
  function call<T>(ctx: ConnectorContext, fn: () => Promise<T>): Promise<T> {
    return withPolicy(ctx, rt, async () => {
      if (errorDraw(`${platform}:${ctx.account.externalId}`) < (knobs(ctx).errorRate ?? SANDBOX_DEFAULT_ERROR_RATE))
        throw new ConnectorError("transient", platform, "temporary platform error (sandbox simulation), please retry", { httpStatus: 503 });
      return fn();
    });
  }
  const where = (ctx: ConnectorContext, level: Level, id: string) => ({ accountId_kind_externalId: { accountId: ctx.account.id, kind: level, externalId: id } });
  async function find(ctx: ConnectorContext, level: Level, id: string) {
    const row = await db().sandboxRecord.findUnique({ where: where(ctx, level, id) });
    if (!row) throw new ConnectorError("not_found", platform, `${level} ${id} does not exist`, { httpStatus: 404 });
    return { row, data: row.data as unknown as AdObject };
  }
  /** A new object; with an idempotency key its id derives from the key, so a repeated create returns the first object (issue 18: a launch re-run after a crash between the call and the stored remote id). */
  async function create(ctx: ConnectorContext, obj: Omit<AdObject, "history">, idempotencyKey?: string) {
    const id = idempotencyKey ? keyedId(platform, obj.level, createHash("sha256").update(`${ctx.account.id}:${idempotencyKey}`).digest("hex")) : newId(platform, obj.level);
    const data: AdObject = { ...obj, history: [{ at: now(), status: obj.status, dailyBudgetMinor: obj.dailyBudgetMinor }] };
    await db().sandboxRecord.createMany({ data: [{ organizationId: ctx.account.organizationId, accountId: ctx.account.id, kind: obj.level, externalId: id, data: data as object, createdAt: new Date(now()) }], skipDuplicates: true });
    return { id };
  }
  async function change(ctx: ConnectorContext, level: Level, id: string, patch: Partial<AdObject> & Change) {
    const { row, data } = await find(ctx, level, id);
    const { at: _at, ...rest } = patch;
    const next: AdObject = { ...data, ...rest, history: [...data.history, { at: now(), ...(patch.status ? { status: patch.status } : {}), ...(patch.dailyBudgetMinor !== undefined ? { dailyBudgetMinor: patch.dailyBudgetMinor } : {}) }] };
    await db().sandboxRecord.update({ where: { id: row.id }, data: { data: next as object } });
  }
  const requireName = (name: string, field: string) => {
    if (!name.trim()) throw new ConnectorError("validation", platform, `${field} is required`, { httpStatus: 400 });
  };
  const requireBudget = (minor: number) => {
    if (!Number.isInteger(minor) || minor < minBudget) throw new ConnectorError("validation", platform, `daily budget must be at least ${minBudget} minor units`, { httpStatus: 400 });
  };

  return {
    name: platform,
    sandbox: true,
    async refreshToken() {
      return { accessToken: `sbx_at_${randomBytes(8).toString("hex")}` };
    },
    createCampaign: (ctx, i) =>
      call(ctx, async () => {
        requireName(i.name, "name");
        if (!i.objective) throw new ConnectorError("validation", platform, "objective is required", { httpStatus: 400 });
        if (i.dailyBudgetMinor) requireBudget(i.dailyBudgetMinor);
        return create(ctx, { level: "campaign", name: i.name, status: i.status ?? "PAUSED", dailyBudgetMinor: i.dailyBudgetMinor ?? 0, parentId: null }, i.idempotencyKey);
      }),
    createAdSet: (ctx, i) =>
      call(ctx, async () => {
        requireName(i.name, "name");
        await find(ctx, "campaign", i.campaignId);
        requireBudget(i.dailyBudgetMinor);
        if (!i.targeting.countries.length) throw new ConnectorError("validation", platform, "targeting needs at least one country", { httpStatus: 400 });
        return create(ctx, { level: "adset", name: i.name, status: i.status ?? "PAUSED", dailyBudgetMinor: i.dailyBudgetMinor, parentId: i.campaignId, targeting: i.targeting }, i.idempotencyKey);
      }),
    uploadImage: (ctx, i) =>
      call(ctx, async () => {
        if (!i.mimeType.startsWith("image/") || i.bytes.byteLength === 0) throw new ConnectorError("validation", platform, "the file is not an image", { httpStatus: 400 });
        return create(ctx, { level: "image", name: `${i.name} (${createHash("md5").update(i.bytes).digest("hex")})`, status: "ACTIVE", dailyBudgetMinor: 0, parentId: null }, i.idempotencyKey);
      }),
    createCreative: (ctx, i) =>
      call(ctx, async () => {
        requireName(i.creative.text, "message");
        if (!/^https?:\/\//.test(i.creative.link)) throw new ConnectorError("validation", platform, "link must be an http(s) URL", { httpStatus: 400 });
        if (i.creative.imageId) await find(ctx, "image", i.creative.imageId);
        return create(ctx, { level: "creative", name: i.name, status: "ACTIVE", dailyBudgetMinor: 0, parentId: null }, i.idempotencyKey);
      }),
    createAd: (ctx, i) =>
      call(ctx, async () => {
        requireName(i.name, "name");
        await find(ctx, "adset", i.adSetId);
        if (i.creativeId) await find(ctx, "creative", i.creativeId);
        else requireName(i.creative.text, "ad text");
        return create(ctx, { level: "ad", name: i.name, status: i.status ?? "PAUSED", dailyBudgetMinor: 0, parentId: i.adSetId, creativeId: i.creativeId }, i.idempotencyKey);
      }),
    setStatus: (ctx, level, id, status) => call(ctx, () => change(ctx, level, id, { status, at: now() })),
    setBudget: (ctx, level, id, dailyBudgetMinor) =>
      call(ctx, async () => {
        requireBudget(dailyBudgetMinor);
        await change(ctx, level, id, { dailyBudgetMinor, at: now() });
      }),
    setTargeting: (ctx, adSetId, targeting) => call(ctx, () => change(ctx, "adset", adSetId, { targeting, at: now() })),
    fetchInsights: (ctx, q) =>
      call(ctx, async () => {
        const rows = await db().sandboxRecord.findMany({ where: { accountId: ctx.account.id, kind: { in: ["campaign", "adset", "ad"] } } });
        const objects = new Map(rows.map((r) => [r.externalId, { ...(r.data as unknown as AdObject), id: r.externalId, createdAt: r.createdAt.getTime() }]));
        type Obj = AdObject & { id: string; createdAt: number };
        const childrenOf = (id: string) => [...objects.values()].filter((o) => o.parentId === id);
        const k = knobs(ctx);
        const nowMs = now();

        /** ms of [from, to) during which `o` and its parents were all ACTIVE. */
        function activeMs(o: Obj | undefined, from: number, to: number): [number, number][] {
          if (!o) return [];
          let spans: [number, number][] = [];
          let status: string | undefined;
          let since = from;
          for (const c of [...o.history].sort((a, b) => a.at - b.at)) {
            if (c.at >= to) break;
            if (!c.status) continue;
            if (c.at <= from) status = c.status;
            else {
              if (status === "ACTIVE") spans.push([since, c.at]);
              status = c.status;
              since = c.at;
            }
          }
          if (status === "ACTIVE") spans.push([Math.max(since, from), to]);
          spans = spans.filter(([a, b]) => b > a);
          if (!o.parentId) return spans;
          const parent = activeMs(objects.get(o.parentId), from, to);
          return spans.flatMap(([a, b]) => parent.map(([c, d]): [number, number] => [Math.max(a, c), Math.min(b, d)])).filter(([a, b]) => b > a);
        }
        const budgetAt = (o: Obj, t: number) => [...o.history].sort((a, b) => a.at - b.at).filter((c) => c.at <= t && c.dailyBudgetMinor !== undefined).at(-1)?.dailyBudgetMinor ?? o.dailyBudgetMinor;
        const zero = { impressions: 0, clicks: 0, spendMinor: 0, conversions: 0, conversionValueMinor: 0, leads: 0, reach: 0 };
        type Fig = typeof zero;
        const add = (a: Fig, b: Fig): Fig => ({ impressions: a.impressions + b.impressions, clicks: a.clicks + b.clicks, spendMinor: a.spendMinor + b.spendMinor, conversions: a.conversions + b.conversions, conversionValueMinor: a.conversionValueMinor + b.conversionValueMinor, leads: a.leads + b.leads, reach: a.reach + b.reach });

        /** One ad's day: its share of the ad set's budget for the time it ran. */
        function adDay(ad: Obj, date: string): Fig {
          const start = Date.parse(`${date}T00:00:00Z`);
          const end = Math.min(start + DAY, nowMs);
          if (end <= start) return zero;
          const spans = activeMs(ad, start, end);
          const ms = spans.reduce((n, [a, b]) => n + (b - a), 0);
          const adSet = ad.parentId ? objects.get(ad.parentId) : undefined;
          if (!ms || !adSet) return zero;
          const siblings = childrenOf(adSet.id).filter((s) => s.status === "ACTIVE").length || 1;
          const budget = budgetAt(adSet, end) / siblings;
          const d = sandboxAdDay(ad.id, date, budget, true);
          const share = ms / DAY;
          const spendMinor = Math.floor(d.spendMinor * share);
          const impressions = Math.floor(d.impressions * share);
          const clicks = k.ctrPercent !== undefined ? Math.floor((impressions * k.ctrPercent * (0.95 + unit(`kctr:${ad.id}:${date}`) * 0.1)) / 100) : Math.floor(d.clicks * share);
          const conversions = Math.floor(clicks * (0.02 + unit(`cvr:${ad.id}`) * 0.08));
          const aov = 1500 + Math.floor(unit(`aov:${ad.id}`) * 4500);
          const conversionValueMinor = k.roas !== undefined ? Math.round(spendMinor * k.roas * (0.9 + unit(`kroas:${ad.id}:${date}`) * 0.2)) : conversions * aov;
          return { impressions, clicks, spendMinor, conversions, conversionValueMinor, leads: conversions, reach: Math.floor(impressions * 0.8) };
        }
        function dayOf(o: Obj, date: string): Fig {
          if (o.level === "ad") return adDay(o, date);
          const kids = childrenOf(o.id);
          if (kids.length) return kids.map((c) => dayOf(c, date)).reduce(add, zero);
          // An ad set without ads (or a campaign without ad sets) delivers on its own budget.
          const start = Date.parse(`${date}T00:00:00Z`);
          const end = Math.min(start + DAY, nowMs);
          const ms = end > start ? activeMs(o, start, end).reduce((n, [a, b]) => n + (b - a), 0) : 0;
          if (!ms) return zero;
          const d = sandboxAdDay(o.id, date, budgetAt(o, end), true);
          const share = ms / DAY;
          return { ...d, impressions: Math.floor(d.impressions * share), clicks: Math.floor(d.clicks * share), spendMinor: Math.floor(d.spendMinor * share), conversions: Math.floor(d.conversions * share), conversionValueMinor: 0, leads: Math.floor(d.leads * share), reach: Math.floor(d.reach * share) };
        }

        const out: AdInsightRow[] = [];
        const today = new Date(nowMs).toISOString().slice(0, 10);
        for (const o of objects.values()) {
          if (o.level !== q.level || (q.ids && !q.ids.includes(o.id))) continue;
          for (let d = Date.parse(`${q.since}T00:00:00Z`); ; d += DAY) {
            const date = new Date(d).toISOString().slice(0, 10);
            if (date > q.until || date > today) break;
            if (date < new Date(o.createdAt).toISOString().slice(0, 10)) continue;
            out.push({ level: q.level, objectId: o.id, date, ...dayOf(o, date) });
          }
        }
        return out;
      }),
    async listLeads(ctx, since) {
      const from = since ? Number(since) : now() - 7 * 24 * 3600_000;
      return { leads: sandboxLeads(ctx.account.id, from, now()), nextCursor: String(now()) };
    },
  };
}
