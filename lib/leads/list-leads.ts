import "server-only";
import { db } from "@/lib/db/client";

export type LeadListItemDto = { id: string; name: string; company: string | null; email: string | null; status: string; tier: string | null; score: number | null; source: string; createdAt: string };
export type LeadFunnelDto = { status: string; count: number }[];

export async function listLeads(opts: { organizationId: string; take?: number }): Promise<{ leads: LeadListItemDto[]; funnel: LeadFunnelDto; total: number }> {
  const where = { organizationId: opts.organizationId };
  const [rows, grouped, total] = await Promise.all([
    db().lead.findMany({
      where,
      orderBy: [{ score: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
      take: Math.min(opts.take ?? 50, 200),
      select: { id: true, firstName: true, lastName: true, company: true, email: true, status: true, tier: true, score: true, sourceType: true, createdAt: true },
    }),
    db().lead.groupBy({ by: ["status"], where, _count: { _all: true } }),
    db().lead.count({ where }),
  ]);
  return {
    total,
    funnel: grouped.map((g) => ({ status: g.status, count: g._count._all })),
    leads: rows.map((r) => ({
      id: r.id,
      name: [r.firstName, r.lastName].filter(Boolean).join(" ") || r.email || "—",
      company: r.company,
      email: r.email,
      status: r.status,
      tier: r.tier,
      score: r.score,
      source: r.sourceType,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
