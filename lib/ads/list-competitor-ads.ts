import "server-only";
import { z } from "zod";
import { Prisma, db } from "@/lib/db/client";
import { researchSummarySchema, type BrandResearch } from "./competitor-research";
import { MANUAL_RESEARCH_JOB, manualResearchState, type ManualResearchState } from "./research-status";

/** The filters of /[org]/campaigns/competitors, read from the address (unknown or malformed values are dropped). */
export const competitorAdFiltersSchema = z.object({
  brand: z.string().max(64).optional().catch(undefined),
  competitor: z.string().max(64).optional().catch(undefined),
  placement: z.enum(["FACEBOOK", "INSTAGRAM", "MESSENGER", "AUDIENCE_NETWORK"]).optional().catch(undefined),
  status: z.enum(["active", "all"]).default("active").catch("active"),
  new: z.enum(["1"]).optional().catch(undefined),
});
export type CompetitorAdFilters = z.infer<typeof competitorAdFiltersSchema>;

export type CompetitorAdDto = {
  id: string;
  brandId: string;
  competitorName: string;
  pageName: string | null;
  externalId: string;
  duplicates: number;
  body: string | null;
  linkTitle: string | null;
  snapshotUrl: string | null;
  placements: string[];
  isActive: boolean;
  startedAt: string | null;
  firstSeenAt: string;
  isNew: boolean;
  /** The AI's reading of this ad when one was stored (angle, format). */
  angle: string | null;
  format: string | null;
};

export type CompetitorResearchView = {
  ads: CompetitorAdDto[];
  total: number;
  brands: { id: string; name: string }[];
  competitors: { id: string; name: string; brandId: string; lastCheckedAt: string | null }[];
  /** The latest finished MKT-201 run (daily or "Run research now"): when it ran and each brand's counts and AI summary. */
  lastRun: { researchedAt: string; sandbox: boolean; brands: BrandResearch[] } | null;
  /** "Run research now": a run in progress, or the last one's failure when no run finished since. */
  research: ManualResearchState;
};

const PAGE = 100;

function reading(v: unknown): { angle: string | null; format: string | null } {
  const o = v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  const str = (x: unknown) => (typeof x === "string" && x.trim() ? x.trim().slice(0, 120) : null);
  return { angle: str(o.angle), format: str(o.format) };
}

/**
 * Competitor ads of an organisation for the page, newest first, with the filters; an ad is "new" when
 * the latest research run saw it first. Ids from the address that are not the organisation's match
 * nothing (no other organisation's data can be reached through them).
 */
export async function listCompetitorAds(opts: { organizationId: string; filters: CompetitorAdFilters }): Promise<CompetitorResearchView> {
  const f = opts.filters;
  const [brands, competitors, runs, research] = await Promise.all([
    db().brand.findMany({ where: { organizationId: opts.organizationId, competitors: { some: {} } }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().competitor.findMany({ where: { organizationId: opts.organizationId }, orderBy: { name: "asc" }, select: { id: true, name: true, brandId: true, lastCheckedAt: true } }),
    // The latest rows with a summary (a daily run's once it finished; the manual row's keeps its last one while the next runs or after it failed).
    db().adDailyRun.findMany({ where: { organizationId: opts.organizationId, job: { in: ["mkt-201", MANUAL_RESEARCH_JOB] }, summary: { not: Prisma.DbNull } }, orderBy: { startedAt: "desc" }, take: 5, select: { summary: true } }),
    manualResearchState({ organizationId: opts.organizationId }),
  ]);
  const lastRun =
    runs
      .map((r) => researchSummarySchema.safeParse(r.summary).data)
      .filter((x) => x !== undefined)
      .sort((x, y) => y.researchedAt.localeCompare(x.researchedAt))[0] ?? null;
  const since = lastRun ? new Date(lastRun.researchedAt) : null;
  const where = {
    organizationId: opts.organizationId,
    ...(f.brand ? { brandId: f.brand } : {}),
    ...(f.competitor ? { competitorId: f.competitor } : {}),
    ...(f.placement ? { publisherPlatforms: { has: f.placement } } : {}),
    ...(f.status === "active" ? { isActive: true } : {}),
    ...(f.new ? { firstSeenAt: { gte: since ?? new Date(8.64e15) } } : {}),
  };
  const [rows, total] = await Promise.all([
    db().competitorAd.findMany({ where, orderBy: [{ firstSeenAt: "desc" }, { adStartedAt: "desc" }, { id: "asc" }], take: PAGE, include: { competitor: { select: { name: true } } } }),
    db().competitorAd.count({ where }),
  ]);
  return {
    ads: rows.map((r) => ({
      id: r.id,
      brandId: r.brandId,
      competitorName: r.competitor.name,
      pageName: r.pageName,
      externalId: r.externalId,
      duplicates: r.duplicateIds.length,
      body: r.bodyText,
      linkTitle: r.linkTitle,
      snapshotUrl: r.snapshotUrl,
      placements: r.publisherPlatforms,
      isActive: r.isActive,
      startedAt: r.adStartedAt?.toISOString() ?? null,
      firstSeenAt: r.firstSeenAt.toISOString(),
      isNew: since !== null && r.firstSeenAt >= since,
      ...reading(r.aiAnalysis),
    })),
    total,
    brands,
    competitors: competitors.map((c) => ({ ...c, lastCheckedAt: c.lastCheckedAt?.toISOString() ?? null })),
    lastRun: lastRun ? { ...lastRun, brands: lastRun.brands.filter((b) => !f.brand || b.brandId === f.brand) } : null,
    research: research?.state === "failed" && since && since >= new Date(research.at) ? null : research,
  };
}
