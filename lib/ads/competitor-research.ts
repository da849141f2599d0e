import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { ConnectorError } from "@/lib/connectors/errors";
import { connectors as defaultRegistry, type ConnectorRegistry } from "@/lib/connectors/registry";
import type { AdLibraryAd, ConnectorContext } from "@/lib/connectors/types";
import { connectorContextOf } from "@/lib/oauth/tokens";
import type { RefreshDeps } from "@/lib/oauth/refresh";
import { generateObject } from "@/lib/providers/ai";
import { notify } from "@/lib/providers/notify";
import { competitorAdLibraryQueries } from "./competitor-queries";

/** The AI's reading of a brand's competitor ads (stored in the run's summary, shown on the page). */
export const competitorInsightSchema = z.object({
  summary: z.string().min(1).max(1200),
  angles: z.array(z.string().min(1).max(120)).max(6),
  offers: z.array(z.string().min(1).max(120)).max(6),
  formats: z.array(z.string().min(1).max(120)).max(6),
});
export type CompetitorInsight = z.infer<typeof competitorInsightSchema>;

/** One brand's outcome of a research run: counts per competitor (an Ad Library error is kept, the others go on). */
export const brandResearchSchema = z.object({
  brandId: z.string(),
  brandName: z.string(),
  ads: z.number().int(),
  newAds: z.number().int(),
  competitors: z.array(z.object({ competitorId: z.string(), name: z.string(), ads: z.number().int(), newAds: z.number().int(), error: z.string().nullable() })),
  placements: z.record(z.string(), z.number().int()),
  insight: competitorInsightSchema.nullable(),
});
export const researchSummarySchema = z.object({ researchedAt: z.string(), sandbox: z.boolean(), brands: z.array(brandResearchSchema) });
export type BrandResearch = z.infer<typeof brandResearchSchema>;
export type ResearchSummary = z.infer<typeof researchSummarySchema>;

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/**
 * The same creative under several archive ids (a page re-running an ad) has one fingerprint: its page,
 * bodies and link titles, compared without case, accents or spacing.
 */
export function adFingerprint(ad: Pick<AdLibraryAd, "pageId" | "pageName" | "bodies" | "linkTitles">): string {
  const key = [ad.pageId ?? fold(ad.pageName ?? ""), ad.bodies.map(fold).join("\u0001"), ad.linkTitles.map(fold).join("\u0001")].join("\u0002");
  return createHash("sha256").update(key).digest("hex").slice(0, 32);
}

/** A fetched batch grouped by fingerprint: one ad per creative, the other archive ids beside it. */
export function groupDuplicates(ads: AdLibraryAd[]): { ad: AdLibraryAd; fingerprint: string; ids: string[] }[] {
  const groups = new Map<string, { ad: AdLibraryAd; fingerprint: string; ids: string[] }>();
  for (const ad of ads) {
    const fingerprint = adFingerprint(ad);
    const g = groups.get(fingerprint);
    if (!g) groups.set(fingerprint, { ad, fingerprint, ids: [ad.id] });
    else if (!g.ids.includes(ad.id)) g.ids.push(ad.id);
  }
  for (const g of groups.values()) g.ids.sort();
  return [...groups.values()];
}

/** Where the organisation reads the Ad Library from: its connected Meta Ads account (the brand's first), else the sandbox. */
async function adLibraryContext(organizationId: string, brandId: string, deps?: RefreshDeps): Promise<{ ctx: ConnectorContext; isSandbox: boolean }> {
  const accounts = await db().socialAccount.findMany({
    where: { organizationId, platform: "META_ADS", status: "ACTIVE", disconnectedAt: null },
    orderBy: [{ isSandbox: "asc" }, { createdAt: "asc" }],
  });
  const account = accounts.find((a) => a.brandId === brandId) ?? accounts.find((a) => a.brandId === null) ?? accounts[0];
  if (account) return { ctx: connectorContextOf(account, deps), isSandbox: account.isSandbox };
  const sandboxToken = () => Promise.resolve("sandbox");
  return {
    ctx: { account: { id: `ad-library:${organizationId}`, organizationId, platform: "meta_ads", externalId: "ad-library", metadata: {}, isSandbox: true }, tokens: { get: sandboxToken, refresh: sandboxToken } },
    isSandbox: true,
  };
}

/** Store one competitor's fetched ads: new creatives inserted, known ones refreshed, the ones no longer running marked inactive. */
async function storeCompetitorAds(opts: { organizationId: string; brandId: string; competitorId: string; ads: AdLibraryAd[]; complete: boolean; now: Date }): Promise<{ ads: number; newAds: number }> {
  const groups = groupDuplicates(opts.ads);
  const allIds = groups.flatMap((g) => g.ids);
  return db().$transaction(async (tx) => {
    const known = await tx.competitorAd.findMany({
      where: { organizationId: opts.organizationId, OR: [{ competitorId: opts.competitorId, fingerprint: { in: groups.map((g) => g.fingerprint) } }, { platform: "META_ADS", externalId: { in: allIds } }, { platform: "META_ADS", duplicateIds: { hasSome: allIds } }] },
      select: { id: true, competitorId: true, fingerprint: true, externalId: true, duplicateIds: true },
    });
    const fresh: typeof groups = [];
    for (const g of groups) {
      const row = known.find((k) => (k.competitorId === opts.competitorId && k.fingerprint === g.fingerprint) || g.ids.includes(k.externalId) || k.duplicateIds.some((d) => g.ids.includes(d)));
      if (!row) {
        fresh.push(g);
        continue;
      }
      // Another competitor's search already holds this ad (overlapping terms): it stays theirs.
      if (row.competitorId !== opts.competitorId) continue;
      const duplicateIds = [...new Set([...row.duplicateIds, ...g.ids])].filter((id) => id !== row.externalId).sort();
      await tx.competitorAd.update({
        where: { id: row.id },
        data: { lastSeenAt: opts.now, isActive: g.ad.deliveryStop === null || g.ad.deliveryStop > opts.now, adStoppedAt: g.ad.deliveryStop, duplicateIds, bodyText: g.ad.bodies.join("\n\n") || null, linkTitle: g.ad.linkTitles[0] ?? null, publisherPlatforms: g.ad.publisherPlatforms },
      });
    }
    const created = fresh.length
      ? await tx.competitorAd.createManyAndReturn({
          data: fresh.map((g) => ({
            organizationId: opts.organizationId,
            brandId: opts.brandId,
            competitorId: opts.competitorId,
            platform: "META_ADS" as const,
            externalId: g.ids[0]!,
            duplicateIds: g.ids.slice(1),
            fingerprint: g.fingerprint,
            pageId: g.ad.pageId,
            pageName: g.ad.pageName,
            bodyText: g.ad.bodies.join("\n\n") || null,
            linkTitle: g.ad.linkTitles[0] ?? null,
            snapshotUrl: g.ad.snapshotUrl,
            publisherPlatforms: g.ad.publisherPlatforms,
            isActive: g.ad.deliveryStop === null || g.ad.deliveryStop > opts.now,
            adStartedAt: g.ad.deliveryStart ?? g.ad.createdAt,
            adStoppedAt: g.ad.deliveryStop,
            raw: { languages: g.ad.languages, linkTitles: g.ad.linkTitles, linkDescriptions: g.ad.linkDescriptions, bodies: g.ad.bodies },
            firstSeenAt: opts.now,
            lastSeenAt: opts.now,
          })),
          skipDuplicates: true,
          select: { id: true },
        })
      : [];
    // Only a complete answer says what stopped running (a truncated one may just not have reached it).
    if (opts.complete) await tx.competitorAd.updateMany({ where: { competitorId: opts.competitorId, isActive: true, lastSeenAt: { lt: opts.now } }, data: { isActive: false } });
    await tx.competitor.update({ where: { id: opts.competitorId }, data: { lastCheckedAt: opts.now } });
    return { ads: groups.length, newAds: created.length };
  });
}

/** How often each placement combination appears among a brand's running competitor ads ("FACEBOOK+INSTAGRAM": 4). */
function placementsOf(rows: { publisherPlatforms: string[] }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const k = [...r.publisherPlatforms].sort().join("+") || "UNKNOWN";
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/**
 * MKT-201 for one organisation: for each brand with active competitors (settings > brands), ask the
 * Ad Library for each competitor's running ads, store them normalised and de-duplicated (new ones
 * carry this run's firstSeenAt), and have the AI read the brand's running ads: angles, offers and
 * formats. A competitor whose query fails is reported in the summary; the others go on. New ads are
 * announced to owners and admins.
 */
export async function researchCompetitors(opts: { organizationId: string; registry?: ConnectorRegistry; refreshDeps?: RefreshDeps; now?: Date; aiKey?: string }): Promise<ResearchSummary> {
  const now = opts.now ?? new Date();
  const registry = opts.registry ?? defaultRegistry;
  const org = await db().organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { slug: true } });
  const brands = await db().brand.findMany({
    where: { organizationId: opts.organizationId, competitors: { some: { isActive: true } } },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, language: true },
  });
  const out: BrandResearch[] = [];
  let sandbox = true;
  for (const brand of brands) {
    const queries = await competitorAdLibraryQueries({ organizationId: opts.organizationId, brandId: brand.id });
    const { ctx, isSandbox } = await adLibraryContext(opts.organizationId, brand.id, opts.refreshDeps);
    const library = registry.adLibrary({ isSandbox });
    if (!library.sandbox) sandbox = false;
    const competitors: BrandResearch["competitors"] = [];
    for (const q of queries) {
      try {
        const r = await library.searchAds(ctx, { ...q.query, activeStatus: "ACTIVE", maxPages: 4 });
        const stored = await storeCompetitorAds({ organizationId: opts.organizationId, brandId: brand.id, competitorId: q.competitorId, ads: r.ads, complete: !r.truncated, now });
        competitors.push({ competitorId: q.competitorId, name: q.name, ...stored, error: null });
      } catch (err) {
        if (!(err instanceof ConnectorError)) throw err;
        competitors.push({ competitorId: q.competitorId, name: q.name, ads: 0, newAds: 0, error: `${err.code}: ${err.message}`.slice(0, 300) });
      }
    }
    const running = await db().competitorAd.findMany({
      where: { organizationId: opts.organizationId, brandId: brand.id, isActive: true },
      orderBy: [{ firstSeenAt: "desc" }, { id: "asc" }],
      take: 60,
      select: { bodyText: true, linkTitle: true, publisherPlatforms: true, pageName: true, firstSeenAt: true },
    });
    let insight: CompetitorInsight | null = null;
    if (running.length) {
      const locale = brand.language === "en" ? "en" : "fr";
      const { object } = await generateObject({
        organizationId: opts.organizationId,
        agent: "mkt-201-competitor-research",
        operation: "competitor-summary",
        idempotencyKey: opts.aiKey ? `${opts.aiKey}:summary:${brand.id}` : undefined,
        schema: competitorInsightSchema,
        locale,
        system:
          locale === "en"
            ? "You are a paid-social strategist. From the competitors' running ads given as data, write for the marketing lead: a short summary (3-4 sentences) of what competitors push now, the main angles, the offers (discounts, free delivery, quotes...) and the formats and placements. Use only what the ads say; invent no figure."
            : "Tu es stratège en publicité sociale. À partir des publicités actives des concurrents fournies en données, écris pour le responsable marketing : un court résumé (3-4 phrases) de ce que les concurrents mettent en avant, les principaux angles, les offres (remises, livraison offerte, devis...) et les formats et placements. N'utilise que ce que disent les publicités ; n'invente aucun chiffre.",
        prompt: `${locale === "en" ? "Brand" : "Marque"}: ${brand.name}\n${locale === "en" ? "Competitors" : "Concurrents"}: ${queries.map((q) => q.name).join(", ")}`,
        data: { ads: running.map((a) => ({ page: a.pageName, body: a.bodyText, title: a.linkTitle, placements: a.publisherPlatforms.join("+") })) },
        maxTokens: 900,
      });
      insight = object;
    }
    const result: BrandResearch = {
      brandId: brand.id,
      brandName: brand.name,
      ads: competitors.reduce((n, c) => n + c.ads, 0),
      newAds: competitors.reduce((n, c) => n + c.newAds, 0),
      competitors,
      placements: placementsOf(running),
      insight,
    };
    out.push(result);
    if (result.newAds > 0)
      await notify({
        organizationId: opts.organizationId,
        to: { roles: ["OWNER", "ADMIN"] },
        type: "ads.competitors",
        severity: "INFO",
        message: { key: "competitorAds", values: { brand: brand.name, count: result.newAds, competitors: competitors.filter((c) => c.newAds > 0).length } },
        actionUrl: `/${org.slug}/campaigns/competitors?brand=${brand.id}&new=1`,
        dedupeKey: `competitor-ads:${brand.id}:${now.toISOString().slice(0, 10)}`,
      });
  }
  return { researchedAt: now.toISOString(), sandbox, brands: out };
}
