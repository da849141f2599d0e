import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { LEADS_PAGE_SIZE, type LeadFilters } from "./schemas";

export type LeadListItemDto = { id: string; name: string; company: string | null; email: string | null; phone: string | null; status: string; tier: string | null; score: number | null; source: string; sourceDetail: string | null; isTest: boolean; createdAt: string };
export type LeadFunnelDto = { status: string; count: number }[];
export type LeadListDto = { leads: LeadListItemDto[]; funnel: LeadFunnelDto; total: number; matching: number; page: number; pages: number; failedSubmissions: number };

/** The Leads page's filters as a query scoped to the organisation (list, board and export share it). */
export function whereOf(organizationId: string, f: Partial<LeadFilters>): Prisma.LeadWhereInput {
  const q = f.q?.trim();
  const contains = (v: string) => ({ contains: v, mode: "insensitive" as const });
  return {
    organizationId,
    ...(f.status ? { status: f.status } : {}),
    ...(f.tier ? { tier: f.tier } : {}),
    ...(f.source ? { sourceType: f.source } : {}),
    ...(q
      ? {
          OR: [
            { firstName: contains(q) },
            { lastName: contains(q) },
            { email: contains(q) },
            { company: contains(q) },
            { phoneE164: contains(q.replace(/[\s.()-]/g, "")) },
            // "Awa Diop": first and last name together
            ...(q.includes(" ") ? [{ AND: [{ firstName: contains(q.split(/\s+/)[0]!) }, { lastName: contains(q.split(/\s+/).slice(1).join(" ")) }] }] : []),
          ],
        }
      : {}),
  };
}

/**
 * The Leads page: the organisation's leads matching the filters (status, tier, source, a search
 * over name, email, company and phone), best score first then newest, one page of 25; the funnel
 * counts all leads by stage; failed submissions are counted for the re-process panel.
 */
export async function listLeads(opts: { organizationId: string; filters?: Partial<LeadFilters> }): Promise<LeadListDto> {
  const f = opts.filters ?? {};
  const where = whereOf(opts.organizationId, f);
  const page = Math.max(1, f.page ?? 1);
  const select = { id: true, firstName: true, lastName: true, company: true, email: true, phoneE164: true, status: true, tier: true, score: true, sourceType: true, sourceDetail: true, isTest: true, createdAt: true } as const;
  const skip = (page - 1) * LEADS_PAGE_SIZE;
  // Best score first, unscored leads last: read as two index ranges (scored leads by leads_org_score_idx,
  // then unscored ones by leads_org_created_idx) instead of ORDER BY score DESC NULLS LAST, which no index
  // can give and sorted every lead of the organisation per page (bench:dashboard, issue 18).
  const filtered = Boolean(f.status || f.tier || f.source || f.q?.trim());
  const [scored, grouped, counted, failedSubmissions] = await Promise.all([
    db().lead.findMany({ where: { AND: [where, { score: { not: null } }] }, orderBy: [{ score: "desc" }, { createdAt: "desc" }, { id: "desc" }], skip, take: LEADS_PAGE_SIZE, select }),
    // The funnel from lead_status_counts (kept by triggers on leads in the transaction of every insert,
    // status change and delete); counting the leads per request cost 200,000 rows on a busy organisation
    // (issue 18). Without a filter the matching count is the funnel's total.
    db().leadStatusCount.findMany({ where: { organizationId: opts.organizationId, count: { gt: 0 } }, select: { status: true, count: true } }),
    filtered ? db().lead.count({ where }) : null,
    db().leadSubmission.count({ where: { organizationId: opts.organizationId, status: "FAILED" } }),
  ]);
  let rows = scored;
  if (scored.length < LEADS_PAGE_SIZE) {
    const scoredCount = scored.length > 0 || skip === 0 ? skip + scored.length : await db().lead.count({ where: { AND: [where, { score: { not: null } }] } });
    const unscored = await db().lead.findMany({ where: { AND: [where, { score: null }] }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: Math.max(0, skip - scoredCount), take: LEADS_PAGE_SIZE - scored.length, select });
    rows = [...scored, ...unscored];
  }
  const funnel = grouped.map((g) => ({ status: g.status, count: g.count }));
  const total = funnel.reduce((n, g) => n + g.count, 0);
  const matching = counted ?? total;
  return {
    total,
    matching,
    page,
    pages: Math.max(1, Math.ceil(matching / LEADS_PAGE_SIZE)),
    failedSubmissions,
    funnel,
    leads: rows.map((r) => ({
      id: r.id,
      name: [r.firstName, r.lastName].filter(Boolean).join(" ") || r.email || r.phoneE164 || "—",
      company: r.company,
      email: r.email,
      phone: r.phoneE164,
      status: r.status,
      tier: r.tier,
      score: r.score,
      source: r.sourceType,
      sourceDetail: r.sourceDetail,
      isTest: r.isTest,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
