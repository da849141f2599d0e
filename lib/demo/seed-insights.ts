import type { Prisma } from "@/lib/db/client";
import { storedMessage } from "@/lib/providers/notify/messages";
import { HOUR, plus } from "./clock";
import { demoId, sha256, type DemoContext } from "./context";
import type { AdsSeed } from "./seed-ads";
import type { ContentSeed } from "./seed-content";
import type { LeadsSeed } from "./seed-leads";
import { seedDailySlices } from "./seed-daily-slices";
import { recomputeKpiWindows } from "@/lib/inbox/kpis/recompute-kpi-windows";
import { isoWeekOf, type WeeklyFigures, type WeeklyReportSections } from "@/lib/analytics/weekly/schemas";

/**
 * Analytics and operations demo: daily analytics for the past week (MKT-402, derived from the seeded
 * publications, ads and leads; per brand and network with 60 days of history, `seed-daily-slices.ts`), 2-hour inbox KPI windows of the last 7 days (computed from the seeded messages and comments), last Monday's weekly report
 * (MKT-403), learning insights with embeddings (MKT-404), trend radar items, in-app notifications,
 * two outbox emails and usage counters.
 */
export async function seedInsights(
  ctx: DemoContext,
  deps: {
    content: ContentSeed;
    ads: AdsSeed;
    leads: LeadsSeed;
    aiCreditsByDay: Map<number, number>;
    pendingContentRequestId: string;
    pendingSpendRequestId: string;
  },
): Promise<void> {
  const { tx, clock, organizationId, ownerId, currency } = ctx;
  const { content, ads, leads } = deps;
  const id = (k: string) => demoId(`${organizationId}:insights:${k}`);
  const dayOf = (t: Date) => {
    for (let d = -10; d <= 0; d++) if (t >= clock.at(d, 0) && t < clock.at(d + 1, 0)) return d;
    return 1;
  };

  // --- MKT-402 daily analytics, days -7..-1 ---
  const days: Prisma.DailyAnalyticsCreateManyInput[] = [];
  for (let d = -7; d <= -1; d++) {
    const posts = content.posted.filter((p) => dayOf(p.postedAt) === d);
    const ad = ads.daily.get(d) ?? { spend: 0, impressions: 0, clicks: 0, conversions: 0, revenue: 0 };
    const byPlatform: Record<string, { posts: number; impressions: number; engagements: number }> = {};
    for (const p of posts) {
      const b = (byPlatform[p.platform] ??= { posts: 0, impressions: 0, engagements: 0 });
      b.posts++;
      b.impressions += p.impressions;
      b.engagements += p.engagements;
    }
    const converted = d === -1 ? 1 : 0;
    days.push({
      id: id(`daily:${d}`),
      organizationId,
      day: clock.day(d),
      currency,
      postsPublished: posts.length,
      publicationsFailed: d === -2 ? 1 : 0,
      impressions: posts.reduce((a, p) => a + p.impressions, 0),
      reach: posts.reduce((a, p) => a + p.reach, 0),
      engagements: posts.reduce((a, p) => a + p.engagements, 0),
      clicks: posts.reduce((a, p) => a + p.clicks, 0),
      avgEngagementRate: posts.length ? Math.round((posts.reduce((a, p) => a + p.rate, 0) / posts.length) * 100) / 100 : null,
      adSpendMinor: ad.spend,
      adImpressions: ad.impressions,
      adClicks: ad.clicks,
      adConversions: ad.conversions,
      adRevenueMinor: ad.revenue,
      roas: ad.spend ? Math.round((ad.revenue / ad.spend) * 100) / 100 : null,
      leadsNew: leads.newLeadsByDay.get(d) ?? 0,
      bookings: d === -5 ? 1 : 0,
      conversions: converted,
      conversionValueMinor: converted ? 1_240_000 : 0,
      messagesSent: 2 + ((d + 10) % 3),
      repliesReceived: d === -1 ? 1 : d === -5 ? 1 : 0,
      aiCredits: deps.aiCreditsByDay.get(d) ?? 0,
      breakdown: { byPlatform },
      computedAt: plus(clock.at(d, 23, 59), 30_000),
    });
  }
  await tx.dailyAnalytics.createMany({ data: days });
  await seedDailySlices(ctx, { content, leads, dayOf });

  // --- 2-hour inbox KPI windows: computed from the demo's messages and comments as INB-003 does ---
  await recomputeKpiWindows({ organizationId, now: clock.now, client: tx });

  // --- MKT-403: last Monday's report for the week before (the shape `weeklyReportSectionsSchema` reads) ---
  let monday = clock.nextWeekday(1, -6);
  if (monday === 0 && clock.hour < 8) monday -= 7;
  const weekStart = clock.day(monday - 7).toISOString().slice(0, 10);
  const topPosted = [...content.posted].sort((a, b) => b.impressions - a.impressions || a.publicationId.localeCompare(b.publicationId)).slice(0, 3);
  const topRows = await tx.publication.findMany({ where: { id: { in: topPosted.map((p) => p.publicationId) } }, select: { id: true, contentPieceId: true, contentPiece: { select: { title: true, body: true } } } });
  const daily = [1800, 2400, 3100, 2200, 2900, 1200, 900];
  const engaged = [96, 150, 310, 120, 170, 60, 40];
  const rate = (e: number, i: number) => (i > 0 ? Math.round((e / i) * 10_000) / 100 : null);
  const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
  const totals = (k: number) => ({
    postsPublished: Math.round(6 * k),
    impressions: Math.round(sum(daily) * k),
    engagements: Math.round(sum(engaged) * k),
    clicks: Math.round(210 * k),
    engagementRate: rate(Math.round(sum(engaged) * k), Math.round(sum(daily) * k)),
    adSpendMinor: Math.round(21_000 * k),
    adRevenueMinor: Math.round(327_600 * k),
    roas: Math.round((327_600 / 21_000) * 100) / 100,
    leadsNew: Math.round(6 * k),
    leadsHot: 2,
    bookings: 1,
    conversions: 0,
    conversionValueMinor: 0,
  });
  const figures = {
    isoWeek: isoWeekOf(weekStart),
    from: weekStart,
    to: clock.day(monday - 1).toISOString().slice(0, 10),
    currency,
    totals: totals(1),
    previousTotals: { ...totals(0.8), roas: 11.2, leadsHot: 1, bookings: 0 },
    days: daily.map((impressions, i) => ({ day: clock.day(monday - 7 + i).toISOString().slice(0, 10), impressions, engagements: engaged[i]!, postsPublished: i < 6 ? 1 : 0, adSpendMinor: 3000, adRevenueMinor: i === 2 ? 327_600 : 0, leadsNew: i < 6 ? 1 : 0 })),
    content: {
      top: topPosted.flatMap((p) => {
        const row = topRows.find((r) => r.id === p.publicationId);
        return row ? [{ publicationId: p.publicationId, contentPieceId: row.contentPieceId, title: row.contentPiece.title ?? row.contentPiece.body.slice(0, 80), platform: p.platform, impressions: p.impressions, engagements: p.engagements, engagementRate: rate(p.engagements, p.impressions) }] : [];
      }),
      networks: [
        { network: "LINKEDIN", impressions: 8200, engagements: 620, engagementRate: 7.56, previousEngagementRate: 4.1 },
        { network: "INSTAGRAM", impressions: 4300, engagements: 220, engagementRate: 5.12, previousEngagementRate: 5.4 },
        { network: "TIKTOK", impressions: 2000, engagements: 106, engagementRate: 5.3, previousEngagementRate: 6.8 },
      ],
    },
    ads: { bestAdSet: { id: ads.google.adSetId, name: "Mobilier bureau – exact", campaign: "Mobilier de bureau Kaïcedrat – Search FR", platform: "GOOGLE_ADS", spendMinor: 21_000, revenueMinor: 327_600, conversions: 2, roas: 15.6 } },
    leads: { warm: 3, cold: 1, pipeline: [ { status: "NEW" as const, count: 2 }, { status: "SCORED" as const, count: 3 }, { status: "NURTURING" as const, count: 2 }, { status: "BOOKED" as const, count: 1 } ] },
    insights: [
      { id: id("insight:craft-stories"), type: "CONTENT_PERFORMANCE" as const, status: "ACTIVE" as const, title: "Les récits de fabrication surperforment", description: "Les posts qui racontent la fabrication obtiennent 2,6 fois plus d'engagement que les posts produits sur LinkedIn.", confidence: 0.82, recommendedAction: "Privilégier un angle « coulisses » pour les prochains contenus LinkedIn et Instagram." },
      { id: id("insight:webinar-leads"), type: "LEAD_QUALIFICATION" as const, status: "ACTIVE" as const, title: "Les leads du webinaire sont les plus chauds", description: "Les leads issus du webinaire ont un score moyen de 80 contre 47 pour les autres sources.", confidence: 0.74, recommendedAction: "Augmenter le poids de la source « webinar » et programmer un webinaire mensuel." },
    ],
  } satisfies WeeklyFigures;
  const sections: WeeklyReportSections = {
    figures,
    recommendations: [
      "Amplifier le post bogolan en publicité Meta.",
      "Relancer les architectes d'intérieur par WhatsApp (avec opt-in).",
      "Tester un Reel avant/après restaurant.",
    ],
    writtenBy: "ai",
  };
  await tx.weeklyReport.create({
    data: {
      id: id("weekly"),
      organizationId,
      weekStart: clock.day(monday - 7),
      weekEnd: clock.day(monday),
      status: "SENT",
      summary:
        "Semaine portée par le contenu « coulisses » : le post LinkedIn sur le bogolan a atteint 10 % d'engagement, trois fois la moyenne. La campagne Search Kaïcedrat reste rentable (ROAS 15,6) et le pipeline compte deux leads chauds.",
      sections: sections as unknown as Prisma.InputJsonValue,
      recipients: ["demo@marketingengine.app"],
      model: "offline",
      sentAt: clock.at(monday, 8, 1),
      createdAt: clock.at(monday, 8),
    },
  });

  // --- MKT-404 insights (embedding: deterministic unit vector, float8[]) ---
  const embed = (text: string, dims = 16) => {
    const h = sha256(text);
    const v = Array.from({ length: dims }, (_, i) => parseInt(h.slice(i * 2, i * 2 + 2), 16) / 255 - 0.5);
    const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0)) || 1;
    return v.map((x) => Math.round((x / norm) * 1e6) / 1e6);
  };
  const insight = (
    k: string,
    type: Prisma.LearningInsightCreateManyInput["type"],
    title: string,
    description: string,
    confidence: number,
    action: string,
    evidence: Record<string, unknown>,
    source: string,
    at: Date,
  ): Prisma.LearningInsightCreateManyInput => ({
    id: id(`insight:${k}`),
    organizationId,
    brandId: ctx.brandId,
    type,
    status: "ACTIVE",
    title,
    description,
    confidence,
    recommendedAction: action,
    evidence: evidence as Prisma.InputJsonValue,
    embedding: embed(description),
    embeddingModel: "offline-hashing-16",
    source,
    periodStart: plus(at, -30 * 24 * HOUR),
    periodEnd: at,
    createdAt: at,
  });
  await tx.learningInsight.createMany({
    data: [
      insight(
        "craft-stories",
        "CONTENT_PERFORMANCE",
        "Les récits de fabrication surperforment",
        "Les posts qui racontent la fabrication (durée, gestes, artisanes) obtiennent 2,6 fois plus d'engagement que les posts produits sur LinkedIn.",
        0.82,
        "Privilégier un angle « coulisses » pour les prochains contenus LinkedIn et Instagram.",
        { rateCraft: 10, rateOthers: 3.8, posts: 7 },
        "mkt-404-ai-learning-loop",
        clock.at(-1, 2),
      ),
      insight(
        "webinar-leads",
        "LEAD_QUALIFICATION",
        "Les leads du webinaire sont les plus chauds",
        "Les leads issus du webinaire ont un score moyen de 80 contre 47 pour les autres sources.",
        0.71,
        "Augmenter le poids de la source « webinar » et programmer un webinaire mensuel.",
        { webinarAvg: 80, othersAvg: 47, leads: 11 },
        "mkt-404-ai-learning-loop",
        clock.at(-1, 2),
      ),
      insight(
        "creative-b",
        "AD_OPTIMIZATION",
        "La création « pièce signée » convertit mieux",
        "La création B (« Chaque pièce est signée ») a un CTR de 2,77 % contre 1,33 % en moyenne.",
        0.68,
        "Budget +30 % appliqué ; tester une variante B2 avec le nom de l'artisane.",
        { ctrB: 2.77, avgCtr: 1.33 },
        "mkt-206-optimize-campaigns",
        clock.at(-1, 10, 5),
      ),
    ],
  });

  await tx.trendItem.createMany({
    data: [
      {
        id: id("trend:craft"),
        organizationId,
        source: "INTERNAL_ANALYTICS",
        title: "Vidéos « du tronc à la table »",
        note: "Nos contenus de fabrication font 3x la moyenne : décliner en série courte.",
        platform: "INSTAGRAM",
        score: 85,
        createdAt: clock.at(-1, 2, 5),
      },
      {
        id: id("trend:note"),
        organizationId,
        source: "TEAM_NOTE",
        title: "Rénovations d'hôtels avant la haute saison au Sénégal",
        note: "Plusieurs directeurs évoquent des travaux en octobre-novembre.",
        score: 70,
        createdById: ownerId,
        createdAt: clock.at(-2, 17),
      },
      {
        id: id("trend:cc"),
        organizationId,
        source: "CREATIVE_CENTER",
        title: "Format « avant/après » en 15 s",
        note: "Repéré manuellement dans TikTok Creative Center (catégorie Home & Garden).",
        platform: "TIKTOK",
        url: "https://ads.tiktok.com/business/creativecenter",
        score: 60,
        createdById: ownerId,
        expiresAt: clock.at(14, 0),
        createdAt: clock.at(-3, 11),
      },
    ],
  });

  // --- in-app notifications (userId null = every member) ---
  const slug = "demo";
  await tx.notification.createMany({
    data: [
      {
        id: id("n:approval"),
        organizationId,
        type: "approval.requested",
        severity: "WARNING",
        ...storedMessage({ key: "approvalRequested", values: { title: "Collection Kaïcedrat Bureau", excerpt: "Bureaux, tables de réunion et claustras en kaïcedrat massif, fabriqués à Thiès." } }),
        actionUrl: `/${slug}/approvals`,
        data: { approvalRequestId: deps.pendingContentRequestId },
        dedupeKey: `approval.requested:${deps.pendingContentRequestId}`,
        createdAt: clock.at(-2, 13, 16),
      },
      {
        id: id("n:spend"),
        organizationId,
        type: "approval.requested",
        severity: "WARNING",
        ...storedMessage({ key: "spendApprovalRequested", values: { platform: "TIKTOK_ADS", amount: "500 €", campaign: "Coulisses de l'atelier – Notoriété" } }),
        actionUrl: `/${slug}/approvals`,
        data: { approvalRequestId: deps.pendingSpendRequestId },
        dedupeKey: `approval.requested:${deps.pendingSpendRequestId}`,
        createdAt: clock.at(-1, 11, 6),
      },
      {
        id: id("n:failed"),
        organizationId,
        type: "publication.failed",
        severity: "CRITICAL",
        ...storedMessage({
          key: "publicationFailed",
          values: { platform: "INSTAGRAM", account: "@atelier.sahel", label: "3 erreurs à éviter", at: clock.at(-2, 12).toISOString(), attempts: 3, error: "Media upload failed: the video could not be processed" },
        }),
        actionUrl: `/${slug}/war-room`,
        data: { publicationId: content.failedPublicationId },
        dedupeKey: `publication.failed:${content.failedPublicationId}`,
        createdAt: clock.at(-2, 13, 5),
      },
      {
        id: id("n:signal"),
        organizationId,
        type: "signal.detected",
        severity: "SUCCESS",
        ...storedMessage({ key: "signalDetected", values: { title: "8 semaines pour une pièce unique", platform: "LINKEDIN", rate: 10, threshold: 6.4 } }),
        actionUrl: `/${slug}/content`,
        data: { signalId: content.signalId },
        dedupeKey: `signal.detected:${content.signalId}`,
        readAt: clock.at(-3, 8),
        createdAt: clock.at(-3, 6, 1),
      },
      {
        id: id("n:hot"),
        organizationId,
        userId: ownerId,
        type: "lead.hot",
        severity: "INFO",
        ...storedMessage({ key: "leadHot", values: { name: "Sophie Lefèvre", company: "Groupe hôtelier Azur", score: 82, summary: "Rénovation de 3 hôtels en 2027." } }),
        actionUrl: `/${slug}/leads`,
        data: { leadId: leads.ids.hot },
        dedupeKey: `lead.hot:${leads.ids.hot}`,
        createdAt: clock.at(-1, 15, 3),
      },
      {
        id: id("n:conversion"),
        organizationId,
        type: "conversion.recorded",
        severity: "SUCCESS",
        ...storedMessage({ key: "conversionRecorded", values: { lead: "Hôtel Lagune", amount: "12 400 €", model: "linear", touchpoints: 4 } }),
        actionUrl: `/${slug}/leads`,
        data: { conversionId: leads.conversionId },
        dedupeKey: `conversion.recorded:${leads.conversionId}`,
        readAt: clock.at(-1, 12),
        createdAt: clock.at(-1, 11, 2),
      },
    ],
  });

  // --- outbox: the approval email (links are placeholders, not live tokens) and the weekly report ---
  const from = "MarketingEngine <no-reply@marketingengine.app>";
  await tx.outboxEmail.createMany({
    data: [
      {
        id: id("mail:approval"),
        organizationId,
        category: "APPROVAL",
        status: "SENT",
        fromAddress: from,
        toAddresses: ["demo@marketingengine.app"],
        subject: "Approbation requise : Nouvelle collection Kaïcedrat Bureau",
        html: `<p>Bonjour,</p><p>Un contenu attend votre validation avant publication sur LinkedIn et Instagram :</p><blockquote>Bureaux, tables de réunion et claustras en kaïcedrat massif, fabriqués à Thiès…</blockquote><p><a href="/${slug}/approvals">Ouvrir la file d'approbation</a></p>`,
        text: "Un contenu attend votre validation : Nouvelle collection Kaïcedrat Bureau. Ouvrez la file d'approbation dans MarketingEngine.",
        idempotencyKey: `${organizationId}:approval-email:${deps.pendingContentRequestId}:1`,
        provider: "outbox",
        attempts: 1,
        sentAt: clock.at(-2, 13, 16),
        userId: ownerId,
        createdAt: clock.at(-2, 13, 16),
      },
      {
        id: id("mail:weekly"),
        organizationId,
        category: "REPORT",
        status: "SENT",
        fromAddress: from,
        toAddresses: ["demo@marketingengine.app"],
        subject: "Votre rapport marketing hebdomadaire – Atelier Sahel",
        html: "<h2>Résumé</h2><p>Semaine portée par le contenu « coulisses » : le post LinkedIn sur le bogolan a atteint 10 % d'engagement, trois fois la moyenne.</p><h2>Recommandations</h2><ul><li>Amplifier le post bogolan en publicité Meta.</li><li>Relancer les architectes d'intérieur par WhatsApp (avec opt-in).</li><li>Tester un Reel avant/après restaurant.</li></ul>",
        text: "Résumé : semaine portée par le contenu « coulisses ». Recommandations : amplifier le post bogolan, relancer les architectes, tester un Reel avant/après.",
        idempotencyKey: `${organizationId}:weekly-report:${clock
          .at(monday - 7, 0)
          .toISOString()
          .slice(0, 10)}`,
        provider: "outbox",
        attempts: 1,
        sentAt: clock.at(monday, 8, 1),
        userId: ownerId,
        createdAt: clock.at(monday, 8, 1),
      },
    ],
  });

  // --- usage counters (month to date) ---
  const month = new Date(Date.UTC(clock.day(0).getUTCFullYear(), clock.day(0).getUTCMonth(), 1));
  await tx.usageCounter.createMany({
    data: [
      { id: id("usage:publications"), organizationId, metric: "publications", period: "MONTH", periodStart: month, count: content.posted.length },
      { id: id("usage:emails"), organizationId, metric: "emails", period: "MONTH", periodStart: month, count: 9 },
      {
        id: id("usage:ai-credits"),
        organizationId,
        metric: "ai_credits",
        period: "MONTH",
        periodStart: month,
        count: [...deps.aiCreditsByDay.values()].reduce((a, b) => a + b, 0),
      },
    ],
  });
}
