import "server-only";
import { describePublicationError, type PublicationError } from "@/lib/publishing/publication-error";
import { db } from "@/lib/db/client";
import type { LeadSourceType, LeadTier, Platform } from "@/lib/db/generated/enums";

export type WarRoomDto = {
  /** avgEngagementRate and signal rates are in percent (3.7 = 3.7 %), as stored by MKT-108. */
  kpis: { postedLast7d: number; scheduled: number; pendingApprovals: number; hotLeads: number; avgEngagementRate: number | null; activeCampaigns: number };
  daily: { day: string; impressions: number; engagements: number }[];
  upcoming: { id: string; platform: Platform; status: string; scheduledAt: string; title: string; accountName: string; isSandbox: boolean }[];
  recent: { id: string; platform: Platform; status: string; at: string; title: string; errorMessage: string | null; error: PublicationError | null }[];
  accounts: { id: string; platform: Platform; name: string; status: string; isSandbox: boolean; tokenExpiresAt: string | null }[];
  signals: { id: string; title: string; platform: Platform; engagementRate: number; threshold: number; detectedAt: string }[];
  /** The latest real leads (test leads left out), newest first. */
  leads: { id: string; name: string; company: string | null; source: LeadSourceType; tier: LeadTier | null; score: number | null; createdAt: string }[];
};

const DAY = 86_400_000;

export type WarRoomKpis = WarRoomDto["kpis"];

/** The War Room's counters (also sent by the live stream every 30 s, lib/live/sse.ts). */
export async function getWarRoomKpis(opts: { organizationId: string; now?: Date }): Promise<WarRoomKpis> {
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - 7 * DAY);
  const organizationId = opts.organizationId;
  const [postedLast7d, scheduled, pendingApprovals, hotLeads, activeCampaigns, rate] = await Promise.all([
    db().publication.count({ where: { organizationId, status: "POSTED", postedAt: { gte: since } } }),
    db().publication.count({ where: { organizationId, status: "SCHEDULED", scheduledAt: { gte: now } } }),
    db().approvalRequest.count({ where: { organizationId, status: "PENDING" } }),
    db().lead.count({ where: { organizationId, tier: "HOT" } }),
    db().adCampaign.count({ where: { organizationId, status: "ACTIVE" } }),
    db().contentMetricSnapshot.aggregate({ where: { organizationId, capturedAt: { gte: since } }, _avg: { engagementRate: true } }),
  ]);
  return { postedLast7d, scheduled, pendingApprovals, hotLeads, activeCampaigns, avgEngagementRate: rate._avg.engagementRate };
}

/** The War Room's first screen: what is happening now, for one organisation. */
export async function getWarRoom(opts: { organizationId: string; now?: Date }): Promise<WarRoomDto> {
  const now = opts.now ?? new Date();
  const organizationId = opts.organizationId;
  const [kpis, daily, upcoming, recent, accounts, signals, leads] = await Promise.all([
    getWarRoomKpis({ organizationId, now }),
    // Snapshots are cumulative per publication: a day's figure is what each publication gained that day
    // (each snapshot minus the publication's previous one, at least 0), summed per UTC day. Read from
    // organization_metric_days, kept by the trigger on content_metric_snapshots in the transaction that
    // writes them (today included): 7 rows. Before, the window's snapshots (and 30 days before it, as the
    // first day's baseline) were read per request: ~256,000 rows on a busy organisation (issue 18).
    db().$queryRaw<{ day: string; impressions: number; engagements: number }[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, impressions::float8 AS impressions, engagements::float8 AS engagements
      FROM organization_metric_days
      WHERE "organizationId" = ${organizationId} AND day >= ${new Date(now.getTime() - 6 * DAY).toISOString().slice(0, 10)}::date`,
    db().publication.findMany({
      where: { organizationId, status: { in: ["SCHEDULED", "UPLOADING", "PROCESSING"] }, scheduledAt: { gte: new Date(now.getTime() - DAY) } },
      orderBy: { scheduledAt: "asc" },
      take: 8,
      select: { id: true, platform: true, status: true, scheduledAt: true, contentPiece: { select: { title: true, body: true } }, socialAccount: { select: { name: true, isSandbox: true } } },
    }),
    db().publication.findMany({
      where: { organizationId, status: { in: ["POSTED", "FAILED"] } },
      orderBy: { updatedAt: "desc" },
      take: 6,
      select: { id: true, platform: true, status: true, postedAt: true, updatedAt: true, errorCode: true, errorMessage: true, contentPiece: { select: { title: true, body: true } } },
    }),
    db().socialAccount.findMany({
      where: { organizationId, status: { not: "DISCONNECTED" } },
      orderBy: { platform: "asc" },
      select: { id: true, platform: true, name: true, status: true, isSandbox: true, tokenExpiresAt: true },
    }),
    db().contentSignal.findMany({
      where: { organizationId },
      orderBy: { detectedAt: "desc" },
      take: 3,
      select: { id: true, engagementRate: true, threshold: true, detectedAt: true, publication: { select: { platform: true } }, contentPiece: { select: { title: true, body: true } } },
    }),
    // leads_org_created_idx: the newest rows of the organisation, read in index order.
    db().lead.findMany({
      where: { organizationId, isTest: false },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 5,
      select: { id: true, firstName: true, lastName: true, email: true, phoneE164: true, company: true, sourceType: true, tier: true, score: true, createdAt: true },
    }),
  ]);

  const byDay = new Map<string, { impressions: number; engagements: number }>();
  for (let i = 6; i >= 0; i--) byDay.set(new Date(now.getTime() - i * DAY).toISOString().slice(0, 10), { impressions: 0, engagements: 0 });
  for (const d of daily) {
    const slot = byDay.get(d.day);
    if (slot) Object.assign(slot, { impressions: Number(d.impressions), engagements: Number(d.engagements) });
  }
  const title = (p: { title: string | null; body: string }) => p.title ?? p.body.slice(0, 80);
  return {
    kpis,
    daily: [...byDay.entries()].map(([day, v]) => ({ day, ...v })),
    upcoming: upcoming.map((p) => ({ id: p.id, platform: p.platform, status: p.status, scheduledAt: p.scheduledAt.toISOString(), title: title(p.contentPiece), accountName: p.socialAccount.name, isSandbox: p.socialAccount.isSandbox })),
    recent: recent.map((p) => ({ id: p.id, platform: p.platform, status: p.status, at: (p.postedAt ?? p.updatedAt).toISOString(), title: title(p.contentPiece), errorMessage: p.errorMessage, error: p.errorMessage || p.status === "FAILED" ? describePublicationError(p) : null })),
    accounts: accounts.map((a) => ({ ...a, tokenExpiresAt: a.tokenExpiresAt?.toISOString() ?? null })),
    signals: signals.map((s) => ({ id: s.id, title: title(s.contentPiece), platform: s.publication.platform, engagementRate: s.engagementRate, threshold: s.threshold, detectedAt: s.detectedAt.toISOString() })),
    leads: leads.map((l) => ({ id: l.id, name: [l.firstName, l.lastName].filter(Boolean).join(" ") || l.email || l.phoneE164 || "—", company: l.company, source: l.sourceType, tier: l.tier, score: l.score, createdAt: l.createdAt.toISOString() })),
  };
}
