import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { LeadStatus, LeadTier } from "@/lib/db/generated/enums";
import { fromMinor } from "./conversions/money";
import { BOARD_CARDS_PER_STAGE, BOARD_STAGES } from "./schemas";

export type BoardCardDto = {
  id: string;
  name: string;
  company: string | null;
  score: number | null;
  tier: LeadTier | null;
  status: LeadStatus;
  isTest: boolean;
  conversionValue: number | null;
  currency: string;
};
export type BoardColumnDto = { status: LeadStatus; count: number; leads: BoardCardDto[] };

const TIER_ORDER: Record<string, number> = { HOT: 0, WARM: 1, COLD: 2 };

/**
 * The pipeline board: one column per stage with its count, and its first cards (hot, then warm, then
 * cold, then not scored; best score first), for the organisation's leads matching the temperature and
 * search filters. A column shows at most BOARD_CARDS_PER_STAGE cards; the list view pages the rest.
 */
export async function listLeadBoard(opts: { organizationId: string; tier?: LeadTier; q?: string }): Promise<BoardColumnDto[]> {
  const q = opts.q?.trim();
  const where: Prisma.LeadWhereInput = {
    organizationId: opts.organizationId,
    ...(opts.tier ? { tier: opts.tier } : {}),
    ...(q
      ? {
          OR: [
            { firstName: { contains: q, mode: "insensitive" } },
            { lastName: { contains: q, mode: "insensitive" } },
            { email: { contains: q, mode: "insensitive" } },
            { company: { contains: q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [counts, ...columns] = await Promise.all([
    // Unfiltered, the column counts are lead_status_counts (kept by triggers on leads, issue 18).
    opts.tier || q
      ? db().lead.groupBy({ by: ["status"], where, _count: { _all: true } })
      : db()
          .leadStatusCount.findMany({ where: { organizationId: opts.organizationId }, select: { status: true, count: true } })
          .then((rows) => rows.map((r) => ({ status: r.status, _count: { _all: r.count } }))),
    ...BOARD_STAGES.map((status) =>
      db().lead.findMany({
        where: { ...where, status },
        orderBy: [{ score: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "desc" }],
        take: BOARD_CARDS_PER_STAGE,
        select: {
          id: true,
          firstName: true,
          lastName: true,
          email: true,
          phoneE164: true,
          company: true,
          score: true,
          tier: true,
          status: true,
          isTest: true,
          conversionValueMinor: true,
          currency: true,
        },
      }),
    ),
  ]);
  return BOARD_STAGES.map((status, i) => ({
    status,
    count: counts.find((c) => c.status === status)?._count._all ?? 0,
    leads: columns[i]!.map((r) => ({
      id: r.id,
      name: [r.firstName, r.lastName].filter(Boolean).join(" ") || r.email || r.phoneE164 || "—",
      company: r.company,
      score: r.score,
      tier: r.tier,
      status: r.status,
      isTest: r.isTest,
      conversionValue: r.conversionValueMinor === null ? null : fromMinor(r.conversionValueMinor, r.currency),
      currency: r.currency,
    })).sort((a, b) => (TIER_ORDER[a.tier ?? ""] ?? 3) - (TIER_ORDER[b.tier ?? ""] ?? 3)),
  }));
}
