import type { Prisma } from "@/lib/db/client";
import { composePostText } from "@/lib/content/platform-rules";
import { HOUR, plus } from "./clock";
import { demoId, sha256, type DemoContext } from "./context";
import type { AdsSeed } from "./seed-ads";
import type { ContentSeed } from "./seed-content";

/**
 * Approval queue demo: four approved content pieces (in-app, email link, after a change request), the new
 * collection still pending with one reminder sent (MKT-105), the Meta campaign's spend approved and the
 * TikTok campaign's spend pending (MKT-203, HIGH priority).
 */
export async function seedApprovals(
  ctx: DemoContext,
  content: ContentSeed,
  ads: AdsSeed,
): Promise<{ pendingContentRequestId: string; pendingSpendRequestId: string }> {
  const { tx, clock, organizationId, brandId, ownerId, editorId, currency } = ctx;
  const id = (k: string) => demoId(`${organizationId}:approvals:${k}`);
  const m = content.masters;

  const requests: Prisma.ApprovalRequestCreateManyInput[] = [
    {
      id: id("req:bogolan"),
      organizationId,
      brandId,
      entityType: "CONTENT_PIECE",
      contentPieceId: m.bogolan,
      status: "APPROVED",
      priority: "NORMAL",
      title: "LinkedIn + Instagram + Facebook : 8 semaines pour une pièce unique",
      preview: { platforms: ["LINKEDIN", "INSTAGRAM", "FACEBOOK"], excerpt: "Huit semaines. Trois bains d'argile…" },
      idempotencyKey: `content:${m.bogolan}:r2`,
      requestedBy: "mkt-104-approval-flow",
      decidedAt: clock.at(-7, 11),
      decidedById: ownerId,
      decisionNote: "Parfait, on publie.",
      createdAt: clock.at(-7, 9, 5),
    },
    {
      id: id("req:teranga"),
      organizationId,
      brandId,
      entityType: "CONTENT_PIECE",
      contentPieceId: m.teranga,
      status: "APPROVED",
      priority: "NORMAL",
      title: "Cas client Hôtel Teranga",
      preview: { platforms: ["LINKEDIN", "FACEBOOK", "X"] },
      idempotencyKey: `content:${m.teranga}:r1`,
      requestedBy: "mkt-104-approval-flow",
      decidedAt: clock.at(-6, 10),
      decidedById: editorId,
      createdAt: clock.at(-7, 15, 5),
    },
    {
      id: id("req:restaurant"),
      organizationId,
      brandId,
      entityType: "CONTENT_PIECE",
      contentPieceId: m.restaurant,
      status: "APPROVED",
      priority: "NORMAL",
      title: "Reel : 3 erreurs à éviter pour un restaurant",
      preview: { platforms: ["INSTAGRAM", "TIKTOK", "LINKEDIN", "FACEBOOK"] },
      idempotencyKey: `content:${m.restaurant}:r1`,
      requestedBy: "mkt-104-approval-flow",
      decidedAt: clock.at(-3, 9, 30),
      decidedById: ownerId,
      createdAt: clock.at(-4, 10, 15),
    },
    {
      id: id("req:tip"),
      organizationId,
      brandId,
      entityType: "CONTENT_PIECE",
      contentPieceId: m.tip,
      status: "APPROVED",
      priority: "LOW",
      title: "Le conseil du mardi (récurrent)",
      preview: { platforms: ["LINKEDIN"], rrule: "FREQ=WEEKLY;BYDAY=TU" },
      idempotencyKey: `content:${m.tip}:r1`,
      requestedBy: "app",
      decidedAt: clock.at(-2, 15),
      decidedById: ownerId,
      createdAt: clock.at(-2, 14, 5),
    },
    {
      id: id("req:kaicedrat"),
      organizationId,
      brandId,
      entityType: "CONTENT_PIECE",
      contentPieceId: m.kaicedrat,
      status: "PENDING",
      priority: "HIGH",
      title: "Lancement : collection Kaïcedrat Bureau",
      summary: "Publication souhaitée après-demain 9 h sur LinkedIn et Instagram.",
      preview: { platforms: ["LINKEDIN", "INSTAGRAM"], excerpt: "Bureaux, tables de réunion et claustras en kaïcedrat massif…" },
      idempotencyKey: `content:${m.kaicedrat}:r1`,
      requestedBy: "mkt-104-approval-flow",
      dueAt: clock.at(2, 8),
      reminderCount: 1,
      lastReminderAt: clock.at(-1, 13, 15),
      nextReminderAt: plus(clock.now, HOUR),
      createdAt: clock.at(-2, 13, 15),
    },
    {
      id: id("req:meta"),
      organizationId,
      brandId,
      entityType: "AD_CAMPAIGN",
      adCampaignId: ads.meta.campaignId,
      status: "APPROVED",
      priority: "HIGH",
      title: "Dépense Meta Ads : Bogolan sur mesure – Décideurs hôtellerie",
      summary: "50 €/jour, 1 500 € au total, 3 créations, FR + SN.",
      preview: { dailyBudgetMinor: 5000, creatives: 3 },
      spendAmountMinor: 150000,
      currency,
      idempotencyKey: `campaign:${ads.meta.campaignId}:r1`,
      requestedBy: "mkt-203-spend-approval-gate",
      decidedAt: clock.at(-3, 13, 40),
      decidedById: ownerId,
      decisionNote: "OK pour 30 jours, on réévalue après 2 semaines.",
      createdAt: clock.at(-3, 7, 5),
    },
    {
      id: id("req:tiktok"),
      organizationId,
      brandId,
      entityType: "AD_CAMPAIGN",
      adCampaignId: ads.tiktok.campaignId,
      status: "PENDING",
      priority: "HIGH",
      title: "Dépense TikTok Ads : Coulisses de l'atelier – Notoriété",
      summary: "25 €/jour, 500 € au total, FR + SN + CI.",
      // The exact revision under approval, as lib/ads/request-campaign-approval.ts stores it (the queue's ad card).
      preview: {
        revision: 1,
        platform: "TIKTOK_ADS",
        objective: "AWARENESS",
        currency,
        dailyBudgetMinor: 2500,
        totalBudgetMinor: 50000,
        targeting: { countries: ["FR", "SN", "CI"], ageMin: 25, ageMax: 45, interests: ["Décoration", "Artisanat", "Design"] },
        adSets: [{ id: "tiktok-adset", name: "Décoration & artisanat 25-45", dailyBudgetMinor: 2500 }],
        creatives: [{ id: "tiktok-creative", label: "A", adSet: "Décoration & artisanat 25-45", headline: "Votre restaurant est trop bruyant ?", primaryText: "3 erreurs d'aménagement, 3 solutions artisanales.", callToAction: "LEARN_MORE" }],
        expectedKpis: { cpcMinor: 30, ctr: 0.9, roas: 1.5, method: { source: "benchmark", platform: "TIKTOK_ADS", clicks: 0 } },
      },
      spendAmountMinor: 50000,
      currency,
      idempotencyKey: `campaign:${ads.tiktok.campaignId}:r1`,
      requestedBy: "mkt-203-spend-approval-gate",
      expiresAt: clock.at(6, 11),
      createdAt: clock.at(-1, 11, 5),
    },
  ];
  await tx.approvalRequest.createMany({ data: requests });

  // Issue 9: a pending content request carries the exact version of each network it covers (the tabs
  // of its card): MKT-106's adaptations, written by the model, not approved yet.
  const kaicedrat = "Bureaux, tables de réunion et claustras en kaïcedrat massif, fabriqués à Thiès. Une collection pensée pour les bureaux qui veulent du caractère et de la durabilité.";
  await tx.contentRevision.createMany({
    data: [
      {
        id: id("rev:kaicedrat:linkedin"),
        organizationId,
        contentPieceId: m.kaicedrat,
        sourcePieceId: m.kaicedrat,
        platform: "LINKEDIN",
        number: 1,
        text: composePostText({ body: `${kaicedrat}\n\nSix mois de séchage, des assemblages à tenons et mortaises, une finition à l'huile : chaque pièce est faite pour durer vingt ans.`, callToAction: "Recevoir le catalogue", hashtags: ["mobilierdebureau", "kaicedrat", "boismassif"] }),
        scheduledAt: clock.at(2, 9),
        approvalRequestId: id("req:kaicedrat"),
        createdAt: clock.at(-2, 13, 12),
      },
      {
        id: id("rev:kaicedrat:instagram"),
        organizationId,
        contentPieceId: m.kaicedrat,
        sourcePieceId: m.kaicedrat,
        platform: "INSTAGRAM",
        number: 1,
        text: composePostText({ body: "Du kaïcedrat massif, séché six mois, assemblé à Thiès. Notre nouvelle collection de bureau arrive après-demain.", callToAction: "Catalogue en lien dans la bio", hashtags: ["mobilierdebureau", "kaicedrat", "boismassif", "faitmain", "senegal"] }),
        firstComment: "Tables de réunion, bureaux et claustras : dites-nous ce qui manque à vos bureaux.",
        scheduledAt: clock.at(2, 9, 30),
        approvalRequestId: id("req:kaicedrat"),
        createdAt: clock.at(-2, 13, 12),
      },
    ],
  });

  // A decision taken through the single-use email link: the token row is marked used.
  const tokenId = id("token:teranga");
  await tx.approvalActionToken.create({
    data: {
      id: tokenId,
      organizationId,
      requestId: id("req:teranga"),
      action: "APPROVE",
      tokenHash: sha256(`demo-used-token:${organizationId}:teranga`),
      userId: editorId,
      expiresAt: plus(clock.at(-7, 15, 5), 72 * HOUR),
      usedAt: clock.at(-6, 10),
      createdAt: clock.at(-7, 15, 5),
    },
  });
  await tx.approvalDecision.createMany({
    data: [
      {
        id: id("dec:bogolan:1"),
        organizationId,
        requestId: id("req:bogolan"),
        decision: "REQUEST_CHANGES",
        channel: "IN_APP",
        note: "Ajouter le nombre d'artisanes et retirer le prix.",
        changes: { body: "ajout « six artisanes », suppression du prix" },
        decidedById: ownerId,
        createdAt: clock.at(-7, 10),
      },
      {
        id: id("dec:bogolan:2"),
        organizationId,
        requestId: id("req:bogolan"),
        decision: "APPROVE",
        channel: "IN_APP",
        note: "Parfait, on publie.",
        decidedById: ownerId,
        createdAt: clock.at(-7, 11),
      },
      {
        id: id("dec:teranga"),
        organizationId,
        requestId: id("req:teranga"),
        decision: "APPROVE",
        channel: "EMAIL",
        decidedById: editorId,
        actionTokenId: tokenId,
        createdAt: clock.at(-6, 10),
      },
      {
        id: id("dec:restaurant"),
        organizationId,
        requestId: id("req:restaurant"),
        decision: "APPROVE",
        channel: "SLACK",
        decidedById: ownerId,
        createdAt: clock.at(-3, 9, 30),
      },
      {
        id: id("dec:tip"),
        organizationId,
        requestId: id("req:tip"),
        decision: "APPROVE",
        channel: "IN_APP",
        decidedById: ownerId,
        createdAt: clock.at(-2, 15),
      },
      {
        id: id("dec:meta"),
        organizationId,
        requestId: id("req:meta"),
        decision: "APPROVE",
        channel: "IN_APP",
        note: "OK pour 30 jours, on réévalue après 2 semaines.",
        changes: { dailyBudgetMinor: { from: 7000, to: 5000 } },
        decidedById: ownerId,
        createdAt: clock.at(-3, 13, 40),
      },
    ],
  });
  await tx.approvalReminder.create({
    data: {
      id: id("rem:kaicedrat:1"),
      organizationId,
      requestId: id("req:kaicedrat"),
      reminderNumber: 1,
      channel: "EMAIL",
      recipientUserId: ownerId,
      sentAt: clock.at(-1, 13, 15),
    },
  });
  return { pendingContentRequestId: id("req:kaicedrat"), pendingSpendRequestId: id("req:tiktok") };
}
