import type { Prisma } from "@/lib/db/client";
import { demoId, type DemoContext } from "./context";
import type { ContentSeed } from "./seed-content";

/**
 * Amplification Engine demo: the winning LinkedIn post became a Meta lead campaign (MKT-202 -> approved
 * MKT-203 -> launched MKT-204), a Google Search campaign runs since ten days, a TikTok campaign waits for
 * spend approval. Daily metrics (MKT-205), two optimisation decisions (MKT-206), competitor ads (MKT-201).
 */
export type AdsSeed = {
  meta: { campaignId: string; adSetId: string; creativeIds: string[] };
  google: { campaignId: string; adSetId: string; creativeId: string };
  tiktok: { campaignId: string };
  /** Per day offset: spend, impressions, clicks, conversions, revenue (all campaigns). */
  daily: Map<number, { spend: number; impressions: number; clicks: number; conversions: number; revenue: number }>;
};

type Day = { impressions: number; clicks: number; spend: number; leads: number; conversions?: number; value?: number };

export async function seedAds(ctx: DemoContext, content: ContentSeed): Promise<AdsSeed> {
  const { tx, clock, organizationId, brandId, ownerId, accounts, currency } = ctx;
  const id = (k: string) => demoId(`${organizationId}:ads:${k}`);
  const meta = { campaignId: id("c:meta"), adSetId: id("s:meta"), creativeIds: [id("cr:meta:a"), id("cr:meta:b"), id("cr:meta:c")] };
  const google = { campaignId: id("c:google"), adSetId: id("s:google"), creativeId: id("cr:google") };
  const tiktok = { campaignId: id("c:tiktok"), adSetId: id("s:tiktok"), creativeId: id("cr:tiktok") };
  const metaAccount = accounts.META_ADS;
  const googleAccount = accounts.GOOGLE_ADS;
  const tiktokAccount = accounts.TIKTOK_ADS;

  await tx.adCampaign.createMany({
    data: [
      {
        id: meta.campaignId,
        organizationId,
        brandId,
        adAccountId: metaAccount,
        platform: "META_ADS",
        contentSignalId: content.signalId,
        sourceContentPieceId: content.winner.masterId,
        name: "Bogolan sur mesure – Décideurs hôtellerie FR/SN",
        objective: "LEADS",
        status: "ACTIVE",
        currency,
        dailyBudgetMinor: 6500,
        totalBudgetMinor: 150000,
        startAt: clock.at(-3, 14),
        endAt: clock.at(27, 23, 59),
        targeting: {
          countries: ["FR", "SN"],
          ageMin: 28,
          ageMax: 60,
          interests: ["Hôtellerie", "Architecture d'intérieur", "Restauration"],
          jobTitles: ["Directeur d'hôtel", "Responsable achats"],
          lookalike: "1% clients",
        },
        proposal: {
          rationale: "Signal MKT-109 : taux d'engagement 10 % contre 3,8 % en moyenne sur LinkedIn.",
          copies: ["A – Le temps long", "B – Une pièce signée", "C – Déjà choisi par un hôtel de Saly"],
          visuals: ["Photo atelier (bogolan)", "Détail du motif", "Lobby de l'hôtel"],
          structure: { adSets: 1, creatives: 3 },
        },
        expectedKpis: { cpcMinor: 60, ctr: 1.2, costPerLeadMinor: 1500 },
        externalId: "sandbox-meta-campaign-001",
        launchKey: `${organizationId}:launch:${meta.campaignId}:r1`,
        launchedAt: clock.at(-3, 14),
        lastOptimizedAt: clock.at(-1, 10),
        createdAt: clock.at(-3, 7),
      },
      {
        id: google.campaignId,
        organizationId,
        brandId,
        adAccountId: googleAccount,
        platform: "GOOGLE_ADS",
        name: "Mobilier de bureau Kaïcedrat – Search FR",
        objective: "CONVERSIONS",
        status: "ACTIVE",
        currency,
        dailyBudgetMinor: 3000,
        totalBudgetMinor: 90000,
        startAt: clock.at(-10, 8),
        endAt: clock.at(20, 23, 59),
        targeting: { countries: ["FR"], keywords: ["mobilier bureau bois massif", "table de réunion bois", "claustra bois sur mesure"], languages: ["fr"] },
        expectedKpis: { cpcMinor: 35, ctr: 3.5, roas: 3 },
        externalId: "sandbox-google-campaign-001",
        launchKey: `${organizationId}:launch:${google.campaignId}:r1`,
        launchedAt: clock.at(-10, 8),
        lastOptimizedAt: clock.at(-1, 10),
        createdById: ownerId,
        createdAt: clock.at(-11, 16),
      },
      {
        id: tiktok.campaignId,
        organizationId,
        brandId,
        adAccountId: tiktokAccount,
        platform: "TIKTOK_ADS",
        sourceContentPieceId: content.masters.restaurant,
        name: "Coulisses de l'atelier – Notoriété TikTok",
        objective: "AWARENESS",
        status: "PENDING_APPROVAL",
        currency,
        dailyBudgetMinor: 2500,
        totalBudgetMinor: 50000,
        startAt: clock.at(2, 8),
        endAt: clock.at(22, 23, 59),
        targeting: { countries: ["FR", "SN", "CI"], ageMin: 25, ageMax: 45, interests: ["Décoration", "Artisanat", "Design"] },
        proposal: {
          rationale: "Vidéo avant/après Chez Fatou : format court adapté à TikTok.",
          copies: ["Votre restaurant est trop bruyant ?"],
          structure: { adSets: 1, creatives: 1 },
        },
        expectedKpis: { cpmMinor: 250, ctr: 0.9 },
        createdAt: clock.at(-1, 11),
      },
    ],
  });
  await tx.adSet.createMany({
    data: [
      {
        id: meta.adSetId,
        organizationId,
        campaignId: meta.campaignId,
        adAccountId: metaAccount,
        name: "Décideurs hôtellerie FR/SN",
        status: "ACTIVE",
        currency,
        dailyBudgetMinor: 6500,
        targeting: { countries: ["FR", "SN"] },
        optimizationGoal: "LEAD_GENERATION",
        billingEvent: "IMPRESSIONS",
        externalId: "sandbox-meta-adset-001",
        createdAt: clock.at(-3, 7),
      },
      {
        id: google.adSetId,
        organizationId,
        campaignId: google.campaignId,
        adAccountId: googleAccount,
        name: "Mobilier bureau – exact",
        status: "ACTIVE",
        currency,
        dailyBudgetMinor: 3000,
        targeting: { keywords: ["mobilier bureau bois massif"] },
        optimizationGoal: "CONVERSIONS",
        externalId: "sandbox-google-adgroup-001",
        createdAt: clock.at(-11, 16),
      },
      {
        id: tiktok.adSetId,
        organizationId,
        campaignId: tiktok.campaignId,
        adAccountId: tiktokAccount,
        name: "Décoration & artisanat 25-45",
        status: "DRAFT",
        currency,
        dailyBudgetMinor: 2500,
        targeting: { interests: ["Décoration"] },
        optimizationGoal: "REACH",
        createdAt: clock.at(-1, 11),
      },
    ],
  });
  await tx.adCreative.createMany({
    data: [
      {
        id: meta.creativeIds[0],
        organizationId,
        campaignId: meta.campaignId,
        adSetId: meta.adSetId,
        adAccountId: metaAccount,
        name: "A – Le temps long",
        variantLabel: "A",
        headline: "8 semaines pour une pièce unique",
        primaryText: "Offrez à vos clients une décoration qui raconte une histoire : textiles bogolan faits main à Ségou.",
        callToAction: "LEARN_MORE",
        linkUrl: "https://atelier-sahel.example/hotellerie",
        mediaAssetId: demoId(`${organizationId}:content:media:bogolan`),
        sourceContentPieceId: content.winner.masterId,
        status: "ACTIVE",
        externalId: "sandbox-meta-ad-001",
        createdAt: clock.at(-3, 7),
      },
      {
        id: meta.creativeIds[1],
        organizationId,
        campaignId: meta.campaignId,
        adSetId: meta.adSetId,
        adAccountId: metaAccount,
        name: "B – Une pièce signée",
        variantLabel: "B",
        headline: "Chaque pièce est signée",
        primaryText: "Six artisanes, trois bains d'argile : une tenture unique pour votre lobby. Demandez un devis.",
        callToAction: "GET_QUOTE",
        linkUrl: "https://atelier-sahel.example/devis",
        mediaAssetId: demoId(`${organizationId}:content:media:bogolan`),
        sourceContentPieceId: content.winner.masterId,
        status: "ACTIVE",
        externalId: "sandbox-meta-ad-002",
        createdAt: clock.at(-3, 7),
      },
      {
        id: meta.creativeIds[2],
        organizationId,
        campaignId: meta.campaignId,
        adSetId: meta.adSetId,
        adAccountId: metaAccount,
        name: "C – Un hôtel de Saly",
        variantLabel: "C",
        headline: "Déjà choisi par un hôtel de Saly",
        primaryText: "Découvrez comment un hôtel a transformé son lobby avec une tenture bogolan sur mesure.",
        callToAction: "LEARN_MORE",
        linkUrl: "https://atelier-sahel.example/realisations",
        sourceContentPieceId: content.winner.masterId,
        status: "ACTIVE",
        externalId: "sandbox-meta-ad-003",
        createdAt: clock.at(-3, 7),
      },
      {
        id: google.creativeId,
        organizationId,
        campaignId: google.campaignId,
        adSetId: google.adSetId,
        adAccountId: googleAccount,
        name: "RSA – Kaïcedrat",
        headline: "Mobilier de bureau en bois massif",
        primaryText: "Bureaux et tables de réunion en kaïcedrat, sur mesure, livrés et posés.",
        callToAction: "SHOP_NOW",
        linkUrl: "https://atelier-sahel.example/bureaux",
        status: "ACTIVE",
        externalId: "sandbox-google-ad-001",
        createdAt: clock.at(-11, 16),
      },
      {
        id: tiktok.creativeId,
        organizationId,
        campaignId: tiktok.campaignId,
        adSetId: tiktok.adSetId,
        adAccountId: tiktokAccount,
        name: "Avant/après Chez Fatou",
        headline: "Votre restaurant est trop bruyant ?",
        primaryText: "3 erreurs d'aménagement, 3 solutions artisanales.",
        callToAction: "LEARN_MORE",
        linkUrl: "https://atelier-sahel.example/restaurants",
        mediaAssetId: demoId(`${organizationId}:content:media:reel`),
        sourceContentPieceId: content.masters.restaurant,
        status: "DRAFT",
        createdAt: clock.at(-1, 11),
      },
    ],
  });

  // Daily figures (MKT-205). Creative B clearly leads on CTR (> 2x the campaign average).
  const metaDays: Record<number, Day[]> = {
    [-3]: [
      { impressions: 1800, clicks: 12, spend: 620, leads: 1 },
      { impressions: 1700, clicks: 45, spend: 600, leads: 2 },
      { impressions: 1650, clicks: 8, spend: 580, leads: 0 },
    ],
    [-2]: [
      { impressions: 4100, clicks: 30, spend: 1650, leads: 2 },
      { impressions: 3900, clicks: 110, spend: 1700, leads: 4 },
      { impressions: 3800, clicks: 20, spend: 1650, leads: 1 },
    ],
    [-1]: [
      { impressions: 4300, clicks: 38, spend: 1900, leads: 2 },
      { impressions: 5200, clicks: 150, spend: 2700, leads: 5 },
      { impressions: 3700, clicks: 19, spend: 1900, leads: 1 },
    ],
  };
  const googleDays: Record<number, Day> = {
    [-7]: { impressions: 2100, clicks: 64, spend: 2900, leads: 0, conversions: 0, value: 0 },
    [-6]: { impressions: 2350, clicks: 71, spend: 3000, leads: 1, conversions: 1, value: 180000 },
    [-5]: { impressions: 1980, clicks: 58, spend: 2750, leads: 0, conversions: 0, value: 0 },
    [-4]: { impressions: 2420, clicks: 77, spend: 3000, leads: 1, conversions: 0, value: 0 },
    [-3]: { impressions: 2280, clicks: 69, spend: 2950, leads: 0, conversions: 1, value: 95000 },
    [-2]: { impressions: 2510, clicks: 80, spend: 3000, leads: 1, conversions: 0, value: 0 },
    [-1]: { impressions: 2390, clicks: 70, spend: 2980, leads: 0, conversions: 1, value: 1240000 },
  };

  const rows: Prisma.AdMetricDailyCreateManyInput[] = [];
  const daily: AdsSeed["daily"] = new Map();
  const addDaily = (d: number, x: Day) => {
    const t = daily.get(d) ?? { spend: 0, impressions: 0, clicks: 0, conversions: 0, revenue: 0 };
    t.spend += x.spend;
    t.impressions += x.impressions;
    t.clicks += x.clicks;
    t.conversions += x.conversions ?? 0;
    t.revenue += x.value ?? 0;
    daily.set(d, t);
  };
  const derived = (x: Day) => ({
    ctr: x.impressions ? Math.round((x.clicks / x.impressions) * 10000) / 100 : null,
    cpcMinor: x.clicks ? Math.round(x.spend / x.clicks) : null,
    cpmMinor: x.impressions ? Math.round((x.spend / x.impressions) * 1000) : null,
    roas: x.value !== undefined && x.spend ? Math.round((x.value / x.spend) * 100) / 100 : null,
  });
  const base = (x: Day) => ({
    impressions: x.impressions,
    reach: Math.round(x.impressions * 0.72),
    clicks: x.clicks,
    spendMinor: x.spend,
    leads: x.leads,
    conversions: x.conversions ?? 0,
    conversionValueMinor: x.value ?? 0,
    currency,
    ...derived(x),
  });
  for (const [dStr, creatives] of Object.entries(metaDays)) {
    const d = Number(dStr);
    const sum = creatives.reduce<Day>(
      (a, c) => ({ impressions: a.impressions + c.impressions, clicks: a.clicks + c.clicks, spend: a.spend + c.spend, leads: a.leads + c.leads }),
      { impressions: 0, clicks: 0, spend: 0, leads: 0 },
    );
    addDaily(d, sum);
    const capturedAt = clock.at(d, 20); // last 4-hourly collection of that day
    rows.push({
      id: id(`m:meta:${d}`),
      organizationId,
      campaignId: meta.campaignId,
      level: "CAMPAIGN",
      entityId: meta.campaignId,
      day: clock.day(d),
      capturedAt,
      ...base(sum),
    });
    creatives.forEach((c, i) =>
      rows.push({
        id: id(`m:meta:${d}:${i}`),
        organizationId,
        campaignId: meta.campaignId,
        adSetId: meta.adSetId,
        creativeId: meta.creativeIds[i],
        level: "AD",
        entityId: meta.creativeIds[i],
        day: clock.day(d),
        capturedAt,
        ...base(c),
      }),
    );
  }
  for (const [dStr, x] of Object.entries(googleDays)) {
    const d = Number(dStr);
    addDaily(d, x);
    rows.push({
      id: id(`m:google:${d}`),
      organizationId,
      campaignId: google.campaignId,
      level: "CAMPAIGN",
      entityId: google.campaignId,
      day: clock.day(d),
      capturedAt: clock.at(d, 20),
      ...base(x),
    });
  }
  await tx.adMetricDaily.createMany({ data: rows });
  const spent = (xs: Day[]) => xs.reduce((a, x) => a + x.spend, 0);
  await tx.adCampaign.update({ where: { id: meta.campaignId }, data: { spentMinor: spent(Object.values(metaDays).flat()) } });
  await tx.adCampaign.update({
    where: { id: google.campaignId },
    data: { spentMinor: spent(Object.values(googleDays)), conversions: 3, conversionValueMinor: 180000 + 95000 + 1240000 },
  });

  // Spend caps sized for the demo's own campaigns (Meta 1 500 € in total, about 2 800 € of committed spend this
  // month): with the defaults (500 € a campaign, 1 000 € a month) approving any new proposal would be refused.
  await tx.adSettings.create({ data: { organizationId, monthlyCapMinor: 600_000, campaignCapMinor: 200_000, autoApply: false, changedById: ownerId, changedAt: clock.at(-10, 9), createdAt: clock.at(-10, 9), updatedAt: clock.at(-10, 9) } });

  // MKT-206 decisions (explicit rules).
  await tx.optimizationDecision.createMany({
    data: [
      {
        id: id("opt:meta:scale"),
        organizationId,
        campaignId: meta.campaignId,
        adSetId: meta.adSetId,
        action: "SCALE_BUDGET",
        rule: "CTR_ABOVE_2X_AVG",
        status: "APPLIED",
        reason: "CTR de la création B à 2,77 % contre 1,33 % en moyenne sur la campagne (x2,1) : budget +30 %.",
        details: { creative: "B", ctr: 2.77, avgCtr: 1.33, window: "J-3..J-2", validatedById: ownerId },
        currency,
        previousBudgetMinor: 5000,
        newBudgetMinor: 6500,
        idempotencyKey: `${meta.campaignId}:${meta.adSetId}:CTR_ABOVE_2X_AVG:${clock.day(-1).toISOString().slice(0, 10)}`,
        decidedAt: clock.at(-1, 10),
        appliedAt: clock.at(-1, 10, 40),
      },
      {
        id: id("opt:meta:concentrate"),
        organizationId,
        campaignId: meta.campaignId,
        creativeId: meta.creativeIds[1],
        action: "CONCENTRATE_CREATIVE",
        rule: "CREATIVE_OUTPERFORMS_50",
        status: "PROPOSED",
        reason: "La création B coûte 4,55 € par lead contre 8,34 € (A) et 20,65 € (C), soit plus de 50 % de mieux : concentrer le budget sur B.",
        details: { costPerLeadMinor: { A: 834, B: 455, C: 2065 } },
        idempotencyKey: `${meta.campaignId}:${meta.creativeIds[1]}:CREATIVE_OUTPERFORMS_50:${clock.day(-1).toISOString().slice(0, 10)}`,
        decidedAt: clock.at(-1, 10),
      },
    ],
  });

  // MKT-201 competitor watch.
  const comp = { wax: id("comp:wax"), factory: id("comp:factory") };
  await tx.competitor.createMany({
    data: [
      {
        id: comp.wax,
        organizationId,
        brandId,
        name: "Maison Wax & Bois",
        websiteUrl: "https://maison-wax-bois.example",
        pageUrls: ["https://maison-wax-bois.example", "https://www.facebook.com/100000000000001"],
        countries: ["SN", "CI"],
        facebookPageId: "100000000000001",
        searchTerms: ["Maison Wax & Bois", "mobilier wax"],
        lastCheckedAt: clock.at(-1, 6),
        createdAt: clock.at(-30, 10),
      },
      {
        id: comp.factory,
        organizationId,
        brandId,
        name: "Dakar Design Factory",
        websiteUrl: "https://dakar-design-factory.example",
        pageUrls: ["https://dakar-design-factory.example"],
        searchTerms: ["Dakar Design Factory"],
        lastCheckedAt: clock.at(-1, 6),
        createdAt: clock.at(-30, 10),
      },
    ],
  });
  await tx.competitorAd.createMany({
    data: [
      {
        id: id("cad:1"),
        organizationId,
        brandId,
        competitorId: comp.wax,
        externalId: "sandbox-adlib-778001",
        pageName: "Maison Wax & Bois",
        bodyText: "-20 % sur nos fauteuils en wax pour les professionnels de l'hôtellerie jusqu'à dimanche.",
        linkTitle: "Offre pro hôtellerie",
        countries: ["FR"],
        adStartedAt: clock.at(-9, 0),
        aiAnalysis: {
          angle: "Promotion prix",
          format: "Carrousel produits",
          hook: "Remise limitée",
          takeaway: "Ils jouent le prix ; nous jouons l'unicité et le délai tenu.",
        },
        firstSeenAt: clock.at(-8, 6),
        lastSeenAt: clock.at(-1, 6),
      },
      {
        id: id("cad:2"),
        organizationId,
        brandId,
        competitorId: comp.wax,
        externalId: "sandbox-adlib-778002",
        pageName: "Maison Wax & Bois",
        bodyText: "Découvrez notre showroom parisien : 300 m² de mobilier africain contemporain.",
        linkTitle: "Visitez le showroom",
        countries: ["FR"],
        isActive: false,
        adStartedAt: clock.at(-25, 0),
        adStoppedAt: clock.at(-5, 0),
        aiAnalysis: { angle: "Expérience showroom", format: "Vidéo 15 s" },
        firstSeenAt: clock.at(-24, 6),
        lastSeenAt: clock.at(-5, 6),
      },
      {
        id: id("cad:3"),
        organizationId,
        brandId,
        competitorId: comp.factory,
        externalId: "sandbox-adlib-991204",
        pageName: "Dakar Design Factory",
        bodyText: "Aménagement complet de restaurants à Dakar en 30 jours. Devis gratuit sur WhatsApp.",
        linkTitle: "Devis WhatsApp",
        countries: ["SN"],
        adStartedAt: clock.at(-4, 0),
        aiAnalysis: {
          angle: "Rapidité",
          format: "Image unique + click-to-WhatsApp",
          takeaway: "Le délai est un argument fort au Sénégal : mettre en avant nos 10 semaines pour 42 chambres.",
        },
        firstSeenAt: clock.at(-3, 6),
        lastSeenAt: clock.at(-1, 6),
      },
    ],
  });

  return { meta, google, tiktok: { campaignId: tiktok.campaignId }, daily };
}
