import type { Prisma } from "@/lib/db/client";
import type { Platform, PublicationStatus } from "@/lib/db/generated/enums";
import { composePostText } from "@/lib/content/platform-rules";
import { platformKeyOf } from "@/lib/connectors/types";
import { timelineRow, type TimelineEntry } from "@/lib/publishing/timeline";
import { HOUR, MINUTE, plus } from "./clock";
import { demoId, sha256, type DemoContext } from "./context";
import {
  contentInputRow,
  contentPieceRow,
  contentRevisionRow,
  contentSignalRow,
  mediaAssetRow,
  metricSnapshotRow,
  publicationAttemptRow,
  publicationRow,
} from "./factories";

/**
 * A week of content for Atelier Sahel: inputs (MKT-101/102) -> master pieces (MKT-103, approved via
 * MKT-104) -> per-platform variants (MKT-106) -> publications in several statuses with attempts and
 * timeline events (MKT-107) -> metric snapshots every few hours (MKT-108) where the LinkedIn post on
 * bogolan clearly outperforms -> one content signal (MKT-109, rate > mean + 1.5 sigma).
 */
export type ContentSeed = {
  masters: { bogolan: string; teranga: string; restaurant: string; kaicedrat: string; tip: string };
  winner: { publicationId: string; pieceId: string; masterId: string; postedAt: Date };
  signalId: string;
  /** Final metrics per posted publication, for daily analytics. */
  posted: {
    publicationId: string;
    platform: Platform;
    postedAt: Date;
    impressions: number;
    reach: number;
    engagements: number;
    clicks: number;
    rate: number;
  }[];
  failedPublicationId: string;
};

type Final = { impressions: number; likes: number; comments: number; shares: number; saves: number; clicks: number; videoViews: number };
type PubSpec = {
  key: string;
  master: keyof ContentSeed["masters"];
  platform: Platform;
  status: PublicationStatus;
  scheduledAt: Date;
  final?: Final;
  rrule?: string;
};

/** Fraction of the final figures reached at each capture (hours after posting). */
const CAPTURES: [number, number][] = [
  [2, 0.25],
  [4, 0.45],
  [8, 0.7],
  [24, 0.9],
  [48, 1],
];

function metricsAt(f: Final, share: number) {
  const r = (n: number) => Math.round(n * share);
  const m = {
    impressions: r(f.impressions),
    reach: r(f.impressions * 0.78),
    likes: r(f.likes),
    comments: r(f.comments),
    shares: r(f.shares),
    saves: r(f.saves),
    clicks: r(f.clicks),
    videoViews: r(f.videoViews),
  };
  const engagements = m.likes + m.comments + m.shares;
  const engagementRate = m.impressions > 0 ? Math.round((engagements / m.impressions) * 100 * 100) / 100 : 0;
  const engagementScore = m.likes * 1 + m.comments * 3 + m.shares * 5 + m.saves * 4 + m.clicks * 2;
  return { ...m, engagements, engagementRate, engagementScore };
}

export async function seedContent(ctx: DemoContext): Promise<ContentSeed> {
  const { tx, clock, organizationId, brandId, ownerId, editorId, accounts } = ctx;
  const now = clock.now;
  const id = (k: string) => demoId(`${organizationId}:content:${k}`);
  /** A timeline line as the live code writes it: a message key and values (translated by the UI), its English `message`. */
  const event = (k: string, e: TimelineEntry): Prisma.PublicationEventCreateManyInput => ({ id: id(k), ...timelineRow(e) });

  // --- media (stored by the storage provider under {orgId}/originals/...) ---
  const media: Prisma.MediaAssetCreateManyInput[] = [
    mediaAssetRow({
      id: id("media:bogolan"),
      organizationId,
      brandId,
      kind: "IMAGE",
      source: "AI_GENERATED",
      storageKey: `${organizationId}/originals/demo_bogolan-atelier.png`,
      fileName: "bogolan-atelier.png",
      mimeType: "image/png",
      sizeBytes: 1_482_113,
      checksumSha256: sha256("demo:bogolan-atelier.png"),
      width: 1024,
      height: 1024,
      altText: "Artisane teignant un tissu bogolan à l'argile dans l'atelier de Ségou",
      aiPrompt: "Atelier textile lumineux, artisane appliquant de l'argile sur un bogolan, tons ocre et indigo, photo réaliste",
      createdAt: clock.at(-8, 10),
    }),
    mediaAssetRow({
      id: id("media:teranga"),
      organizationId,
      brandId,
      kind: "IMAGE",
      source: "UPLOAD",
      storageKey: `${organizationId}/originals/demo_hotel-teranga-chambre.jpg`,
      fileName: "hotel-teranga-chambre.jpg",
      mimeType: "image/jpeg",
      sizeBytes: 2_304_551,
      checksumSha256: sha256("demo:hotel-teranga-chambre.jpg"),
      width: 2048,
      height: 1365,
      altText: "Chambre de l'Hôtel Teranga meublée par Atelier Sahel",
      uploadedById: editorId,
      createdAt: clock.at(-7, 15),
    }),
    mediaAssetRow({
      id: id("media:reel"),
      organizationId,
      brandId,
      kind: "VIDEO",
      source: "UPLOAD",
      storageKey: `${organizationId}/originals/demo_restaurant-reel.mp4`,
      fileName: "restaurant-reel.mp4",
      mimeType: "video/mp4",
      sizeBytes: 48_612_004,
      checksumSha256: sha256("demo:restaurant-reel.mp4"),
      durationMs: 42_000,
      width: 1080,
      height: 1920,
      codec: "h264",
      bitrateKbps: 6_000,
      frameRate: 30,
      altText: "Avant/après de la salle du restaurant Chez Fatou",
      uploadedById: editorId,
      createdAt: clock.at(-4, 11),
    }),
    mediaAssetRow({
      id: id("media:voice"),
      organizationId,
      brandId,
      kind: "AUDIO",
      source: "UPLOAD",
      storageKey: `${organizationId}/originals/demo_note-vocale-fondatrice.m4a`,
      fileName: "note-vocale-fondatrice.m4a",
      mimeType: "audio/mp4",
      sizeBytes: 1_520_330,
      checksumSha256: sha256("demo:note-vocale-fondatrice.m4a"),
      durationMs: 95_000,
      codec: "aac",
      bitrateKbps: 128,
      uploadedById: ownerId,
      createdAt: clock.at(-8, 8, 40),
    }),
  ];
  await tx.mediaAsset.createMany({ data: media });

  // --- inputs (MKT-101 summary + MKT-102 research) ---
  const research = (topic: string, angle: string, keyMessages: string[], platforms: Platform[], hashtags: string[]) => ({
    topic,
    angle,
    key_messages: keyMessages,
    platforms,
    format_suggestions: ["post", "carrousel"],
    hashtag_suggestions: hashtags,
  });
  await tx.contentInput.createMany({
    data: [
      contentInputRow({
        id: id("input:bogolan"),
        organizationId,
        brandId,
        type: "AUDIO",
        source: "MANUAL",
        status: "RESEARCHED",
        mediaAssetId: id("media:voice"),
        transcription:
          "Aujourd'hui on a terminé la grande tenture pour le lobby de l'hôtel à Saly. Huit semaines de travail, trois teintures à l'argile, et toute l'équipe de Ségou a signé la pièce. Je veux qu'on raconte ça : le temps long, le geste, et pourquoi un hôtel choisit ça plutôt qu'une déco industrielle.",
        aiSummary:
          "La fondatrice raconte la fabrication d'une tenture bogolan de 8 semaines pour un hôtel de Saly et veut valoriser le temps long de l'artisanat face à la décoration industrielle.",
        aiSuggestedTopics: ["8 semaines pour une pièce unique", "Pourquoi les hôtels choisissent l'artisanat", "Portrait de l'équipe de Ségou"],
        research: research(
          "Le temps long du bogolan",
          "Coulisses de fabrication pour décideurs hôteliers",
          ["Pièce unique signée", "Savoir-faire de Ségou", "Différenciation de l'expérience client"],
          ["LINKEDIN", "INSTAGRAM", "FACEBOOK"],
          ["#bogolan", "#artisanat", "#hotellerie"],
        ),
        createdById: ownerId,
        processedAt: clock.at(-8, 8, 45),
        createdAt: clock.at(-8, 8, 42),
      }),
      contentInputRow({
        id: id("input:teranga"),
        organizationId,
        brandId,
        type: "URL",
        source: "MANUAL",
        status: "RESEARCHED",
        url: "https://atelier-sahel.example/realisations/hotel-teranga-dakar",
        aiSummary:
          "Étude de cas : 42 chambres de l'Hôtel Teranga (Dakar) meublées en 10 semaines, mobilier en kaïcedrat et textiles bogolan, livraison et pose comprises.",
        aiSuggestedTopics: ["42 chambres en 10 semaines", "Logistique Paris-Dakar", "Le kaïcedrat, bois durable"],
        research: research(
          "Cas client Hôtel Teranga",
          "Preuve de capacité à livrer un projet hôtelier complet",
          ["Délais tenus", "Fabrication locale", "Pose incluse"],
          ["LINKEDIN", "FACEBOOK", "X"],
          ["#hotellerie", "#dakar", "#design"],
        ),
        createdById: editorId,
        processedAt: clock.at(-7, 14, 5),
        createdAt: clock.at(-7, 14),
      }),
      contentInputRow({
        id: id("input:restaurant"),
        organizationId,
        brandId,
        type: "TEXT",
        source: "MANUAL",
        status: "RESEARCHED",
        rawContent:
          "Idée : les 3 erreurs qu'on voit le plus quand un restaurant refait sa salle (acoustique oubliée, chaises inconfortables, déco sans histoire). Avec la vidéo avant/après de Chez Fatou.",
        aiSummary: "Conseils pratiques pour restaurateurs qui rénovent leur salle, illustrés par le projet Chez Fatou.",
        aiSuggestedTopics: ["Acoustique et textiles", "Confort d'assise", "Raconter une histoire"],
        research: research(
          "3 erreurs d'aménagement de restaurant",
          "Conseil d'expert, ton pédagogique",
          ["Acoustique", "Confort", "Identité"],
          ["INSTAGRAM", "TIKTOK", "LINKEDIN", "FACEBOOK"],
          ["#restaurant", "#amenagement", "#design"],
        ),
        createdById: editorId,
        processedAt: clock.at(-4, 10, 3),
        createdAt: clock.at(-4, 10),
      }),
      contentInputRow({
        id: id("input:kaicedrat"),
        organizationId,
        brandId,
        type: "TEXT",
        source: "WEBHOOK",
        status: "RESEARCHED",
        rawContent: "Lancement de la collection Kaïcedrat Bureau : bureaux, tables de réunion et claustras en bois massif, fabriqués à Thiès.",
        aiSummary: "Annonce de la nouvelle collection de mobilier de bureau en kaïcedrat massif.",
        aiSuggestedTopics: ["Nouvelle collection bureau", "Bois massif et durable", "Fabriqué à Thiès"],
        research: research(
          "Collection Kaïcedrat Bureau",
          "Lancement produit B2B",
          ["Bois massif", "Sur mesure", "Fabrication africaine"],
          ["LINKEDIN", "INSTAGRAM"],
          ["#mobilierdebureau", "#kaicedrat"],
        ),
        idempotencyKey: `${organizationId}:demo:kaicedrat-launch`,
        processedAt: clock.at(-2, 13, 2),
        createdAt: clock.at(-2, 13),
      }),
      contentInputRow({
        id: id("input:painpoints"),
        organizationId,
        brandId,
        type: "TEXT",
        source: "PAIN_POINTS",
        status: "PENDING",
        rawContent: "Objection récurrente dans les réponses des leads (MKT-304) : « délais de livraison vers Abidjan » (4 mentions cette semaine).",
        createdAt: plus(now, -90 * MINUTE),
      }),
    ],
  });

  // --- master pieces (approved except the new collection, still in review) ---
  const masters = {
    bogolan: id("piece:bogolan"),
    teranga: id("piece:teranga"),
    restaurant: id("piece:restaurant"),
    kaicedrat: id("piece:kaicedrat"),
    tip: id("piece:tip"),
  };
  const hashtags = {
    bogolan: ["#bogolan", "#artisanat", "#hotellerie", "#faitmain"],
    teranga: ["#hotellerie", "#dakar", "#amenagement"],
    restaurant: ["#restaurant", "#amenagement", "#design"],
    kaicedrat: ["#mobilierdebureau", "#kaicedrat", "#boismassif"],
    tip: ["#conseil", "#amenagement"],
  };
  await tx.contentPiece.createMany({
    data: [
      contentPieceRow({
        id: masters.bogolan,
        organizationId,
        brandId,
        inputId: id("input:bogolan"),
        status: "PUBLISHED",
        title: "8 semaines pour une pièce unique",
        body: "Huit semaines. Trois bains d'argile. Une équipe de six artisanes à Ségou.\n\nLa tenture bogolan qui accueille désormais les clients d'un hôtel de Saly n'a rien d'une décoration de catalogue : chaque motif raconte une histoire et chaque pièce est signée.\n\nPourquoi des hôteliers choisissent-ils le temps long ? Parce que leurs clients s'en souviennent.",
        hashtags: hashtags.bogolan,
        callToAction: "Découvrez nos réalisations hôtelières",
        linkUrl: "https://atelier-sahel.example/realisations",
        aiModel: "offline",
        approvedAt: clock.at(-7, 11),
        approvedById: ownerId,
        firstPublishedAt: clock.at(-6, 9),
        createdAt: clock.at(-7, 9),
      }),
      contentPieceRow({
        id: masters.teranga,
        organizationId,
        brandId,
        inputId: id("input:teranga"),
        status: "PUBLISHED",
        title: "Hôtel Teranga : 42 chambres en 10 semaines",
        body: "42 chambres, 10 semaines, zéro retard.\n\nPour l'Hôtel Teranga à Dakar, nous avons conçu, fabriqué et posé le mobilier en kaïcedrat et les textiles bogolan de chaque chambre. Fabrication locale, pose comprise, un seul interlocuteur.",
        hashtags: hashtags.teranga,
        callToAction: "Demandez l'étude de cas complète",
        linkUrl: "https://atelier-sahel.example/realisations/hotel-teranga-dakar",
        aiModel: "offline",
        approvedAt: clock.at(-6, 10),
        approvedById: editorId,
        firstPublishedAt: clock.at(-5, 17),
        createdAt: clock.at(-7, 15),
      }),
      contentPieceRow({
        id: masters.restaurant,
        organizationId,
        brandId,
        inputId: id("input:restaurant"),
        status: "APPROVED",
        format: "REEL",
        title: "3 erreurs à éviter quand on refait la salle de son restaurant",
        body: "1. Oublier l'acoustique : les textiles muraux absorbent le bruit.\n2. Choisir des chaises pour la photo, pas pour 2 heures de repas.\n3. Une déco sans histoire : vos clients veulent savoir d'où viennent les objets.\n\nAvant/après chez Chez Fatou 👇",
        hashtags: hashtags.restaurant,
        callToAction: "Parlons de votre projet",
        aiModel: "offline",
        approvedAt: clock.at(-3, 9, 30),
        approvedById: ownerId,
        firstPublishedAt: clock.at(-1, 9),
        createdAt: clock.at(-4, 10, 10),
      }),
      contentPieceRow({
        id: masters.kaicedrat,
        organizationId,
        brandId,
        inputId: id("input:kaicedrat"),
        status: "REVIEW",
        title: "Nouvelle collection Kaïcedrat Bureau",
        body: "Bureaux, tables de réunion et claustras en kaïcedrat massif, fabriqués à Thiès. Une collection pensée pour les bureaux qui veulent du caractère et de la durabilité.",
        hashtags: hashtags.kaicedrat,
        callToAction: "Recevoir le catalogue",
        aiModel: "offline",
        targetPublishAt: clock.at(2, 9),
        createdAt: clock.at(-2, 13, 10),
      }),
      contentPieceRow({
        id: masters.tip,
        organizationId,
        brandId,
        status: "APPROVED",
        aiGenerated: false,
        title: "Le conseil du mardi",
        body: "Le conseil du mardi : un tissu bogolan se nettoie à l'eau froide, sans savon, et se fait sécher à l'ombre. Ses couleurs naturelles tiendront des années.",
        hashtags: hashtags.tip,
        approvedAt: clock.at(-2, 15),
        approvedById: ownerId,
        createdById: editorId,
        createdAt: clock.at(-2, 14),
      }),
    ],
  });
  await tx.contentPieceMedia.createMany({
    data: [
      { id: id("pm:bogolan"), organizationId, pieceId: masters.bogolan, assetId: id("media:bogolan"), position: 0 },
      { id: id("pm:teranga"), organizationId, pieceId: masters.teranga, assetId: id("media:teranga"), position: 0 },
      { id: id("pm:restaurant"), organizationId, pieceId: masters.restaurant, assetId: id("media:reel"), position: 0 },
    ],
  });

  // --- publications (one variant per publication) ---
  const tipDay = clock.nextWeekday(2, 1); // next Tuesday, at least tomorrow
  const pubs: PubSpec[] = [
    {
      key: "bogolan-li",
      master: "bogolan",
      platform: "LINKEDIN",
      status: "POSTED",
      scheduledAt: clock.at(-6, 9),
      final: { impressions: 4200, likes: 300, comments: 70, shares: 50, saves: 14, clicks: 120, videoViews: 0 },
    },
    {
      key: "bogolan-ig",
      master: "bogolan",
      platform: "INSTAGRAM",
      status: "POSTED",
      scheduledAt: clock.at(-6, 12, 30),
      final: { impressions: 3100, likes: 88, comments: 9, shares: 6, saves: 21, clicks: 14, videoViews: 0 },
    },
    {
      key: "bogolan-fb",
      master: "bogolan",
      platform: "FACEBOOK",
      status: "POSTED",
      scheduledAt: clock.at(-5, 10),
      final: { impressions: 1800, likes: 31, comments: 4, shares: 3, saves: 0, clicks: 22, videoViews: 0 },
    },
    {
      key: "teranga-li",
      master: "teranga",
      platform: "LINKEDIN",
      status: "POSTED",
      scheduledAt: clock.at(-5, 17),
      final: { impressions: 2600, likes: 58, comments: 11, shares: 7, saves: 3, clicks: 64, videoViews: 0 },
    },
    {
      key: "teranga-fb",
      master: "teranga",
      platform: "FACEBOOK",
      status: "POSTED",
      scheduledAt: clock.at(-4, 12),
      final: { impressions: 1500, likes: 25, comments: 3, shares: 2, saves: 0, clicks: 18, videoViews: 0 },
    },
    {
      key: "teranga-x",
      master: "teranga",
      platform: "X",
      status: "POSTED",
      scheduledAt: clock.at(-4, 17),
      final: { impressions: 2200, likes: 40, comments: 5, shares: 9, saves: 2, clicks: 31, videoViews: 0 },
    },
    { key: "restaurant-ig", master: "restaurant", platform: "INSTAGRAM", status: "FAILED", scheduledAt: clock.at(-2, 12) },
    {
      key: "restaurant-li",
      master: "restaurant",
      platform: "LINKEDIN",
      status: "POSTED",
      scheduledAt: clock.at(-1, 9),
      final: { impressions: 2400, likes: 45, comments: 9, shares: 6, saves: 4, clicks: 40, videoViews: 0 },
    },
    { key: "restaurant-tt", master: "restaurant", platform: "TIKTOK", status: "SCHEDULED", scheduledAt: clock.at(1, 18, 30) },
    { key: "restaurant-fb", master: "restaurant", platform: "FACEBOOK", status: "SCHEDULED", scheduledAt: clock.at(2, 12) },
    {
      key: "tip-li",
      master: "tip",
      platform: "LINKEDIN",
      status: "SCHEDULED",
      scheduledAt: clock.at(tipDay, 9),
      rrule: "FREQ=WEEKLY;BYDAY=TU;BYHOUR=9;BYMINUTE=0",
    },
    { key: "teranga-x-repost", master: "teranga", platform: "X", status: "CANCELLED", scheduledAt: clock.at(3, 17) },
  ];

  const variantText: Record<string, string> = {
    "bogolan-li":
      "Huit semaines. Trois bains d'argile. Six artisanes à Ségou.\n\nLa tenture bogolan du lobby d'un hôtel de Saly n'a rien d'une décoration de catalogue : elle est signée, unique, et ses clients la photographient tous les jours.\n\nHôteliers : et si votre décoration racontait une histoire ?",
    "bogolan-ig": "8 semaines ⏳ 3 bains d'argile 🎨 6 artisanes ✋\nUne tenture bogolan unique pour un hôtel de Saly.\nLe temps long, c'est notre luxe.",
    "bogolan-fb": "Une pièce unique, huit semaines de travail : découvrez la tenture bogolan créée pour un hôtel de Saly.",
    "teranga-li":
      "42 chambres, 10 semaines, zéro retard. Retour sur l'aménagement complet de l'Hôtel Teranga à Dakar : conception, fabrication locale en kaïcedrat, textiles bogolan et pose.",
    "teranga-fb": "Projet livré ✅ 42 chambres de l'Hôtel Teranga meublées par notre atelier en 10 semaines.",
    "teranga-x": "42 chambres meublées en 10 semaines pour l'Hôtel Teranga à Dakar. Fabrication locale, pose comprise.",
    "teranga-x-repost": "Retour sur l'Hôtel Teranga : 42 chambres en 10 semaines.",
    "restaurant-ig": "3 erreurs à éviter quand on refait la salle de son restaurant 👇 (avant/après chez Chez Fatou)",
    "restaurant-li": "Restaurateurs : les 3 erreurs d'aménagement que nous voyons le plus souvent, et comment les éviter (acoustique, confort, identité).",
    "restaurant-tt": "[Hook 0-3 s] « Votre restaurant est trop bruyant ? » [3-40 s] avant/après Chez Fatou, 3 erreurs, 3 solutions. [CTA] Lien en bio.",
    "restaurant-fb": "Vous refaites votre salle ? Voici les 3 erreurs à éviter (et l'avant/après de Chez Fatou).",
    "tip-li": "Le conseil du mardi : un tissu bogolan se nettoie à l'eau froide, sans savon, et sèche à l'ombre.",
  };

  const variantStatus = (p: PubSpec) =>
    p.status === "POSTED" ? "PUBLISHED" : p.status === "FAILED" ? "FAILED" : p.status === "CANCELLED" ? "ARCHIVED" : "SCHEDULED";
  const approvedAtOf: Record<string, Date> = { bogolan: clock.at(-7, 11), teranga: clock.at(-6, 10), restaurant: clock.at(-3, 9, 30), tip: clock.at(-2, 15) };
  await tx.contentPiece.createMany({
    data: pubs.map((p) =>
      contentPieceRow({
        id: id(`variant:${p.key}`),
        organizationId,
        brandId,
        parentId: masters[p.master],
        platform: p.platform,
        format:
          p.platform === "TIKTOK" ? ("VIDEO_SCRIPT" as const) : p.master === "restaurant" && p.platform === "INSTAGRAM" ? ("REEL" as const) : ("POST" as const),
        status: variantStatus(p),
        title: null,
        body: variantText[p.key] ?? "",
        hashtags: hashtags[p.master].slice(0, p.platform === "X" ? 2 : 5),
        aiGenerated: p.master !== "tip",
        aiModel: p.master !== "tip" ? "offline" : null,
        approvedAt: approvedAtOf[p.master],
        approvedById: ownerId,
        firstPublishedAt: p.status === "POSTED" ? plus(p.scheduledAt, 2 * MINUTE) : null,
        createdAt: plus(approvedAtOf[p.master], 5 * MINUTE),
      }),
    ),
  });

  const revisions: Prisma.ContentRevisionCreateManyInput[] = [];
  const pubRows: Prisma.PublicationCreateManyInput[] = [];
  const attempts: Prisma.PublicationAttemptCreateManyInput[] = [];
  const events: Prisma.PublicationEventCreateManyInput[] = [];
  const snapshots: Prisma.ContentMetricSnapshotCreateManyInput[] = [];
  const posted: ContentSeed["posted"] = [];
  const latestRate = new Map<string, { rate: number; score: number }>();

  for (const p of pubs) {
    const pubId = id(`pub:${p.key}`);
    const pieceId = id(`variant:${p.key}`);
    const createdAt = plus(approvedAtOf[p.master], 10 * MINUTE);
    const postedAt = plus(p.scheduledAt, 2 * MINUTE);
    const isPosted = p.status === "POSTED";
    const isFailed = p.status === "FAILED";
    const platform = platformKeyOf(p.platform);
    // The approved network version this publication sends (issue 9): the variant's text, the master's media.
    const revisionId = id(`rev:${p.key}`);
    const variantHashtags = hashtags[p.master].slice(0, p.platform === "X" ? 2 : 5);
    revisions.push(
      contentRevisionRow({
        id: revisionId,
        organizationId,
        contentPieceId: pieceId,
        sourcePieceId: pieceId,
        platform: p.platform,
        number: 1,
        text: composePostText({ body: variantText[p.key] ?? "", hashtags: variantHashtags }),
        mediaAssetIds:
          p.master === "bogolan" ? [id("media:bogolan")] : p.master === "teranga" ? [id("media:teranga")] : p.master === "restaurant" ? [id("media:reel")] : [],
        scheduledAt: p.scheduledAt,
        author: p.master === "tip" ? "user" : "ai",
        approvedAt: approvedAtOf[p.master],
        approvedById: ownerId,
        approvedVia: "IN_APP",
        createdAt: plus(approvedAtOf[p.master], 5 * MINUTE),
      }),
    );
    pubRows.push(
      publicationRow({
        id: pubId,
        revisionId,
        organizationId,
        brandId,
        contentPieceId: pieceId,
        socialAccountId: accounts[p.platform],
        platform: p.platform,
        status: p.status,
        scheduledAt: p.scheduledAt,
        rrule: p.rrule ?? null,
        idempotencyKey: `${organizationId}:publish:${pubId}`,
        attempts: isPosted ? 1 : isFailed ? 3 : 0,
        maxAttempts: 3,
        remoteContainerId: isPosted && p.platform === "INSTAGRAM" ? `sandbox-container-${p.key}` : null,
        platformPostId: isPosted ? `sandbox-${p.platform.toLowerCase()}-${p.key}` : null,
        platformPostUrl: isPosted ? `https://sandbox.marketingengine.app/${p.platform.toLowerCase()}/posts/${p.key}` : null,
        postedAt: isPosted ? postedAt : null,
        errorCode: isFailed ? "processing_timeout" : null,
        errorMessage: isFailed ? "Media container still IN_PROGRESS after 5 minutes" : null,
        cancelledAt: p.status === "CANCELLED" ? clock.at(-1, 18) : null,
        cancelledById: p.status === "CANCELLED" ? editorId : null,
        metricsCollectedAt: null,
        lastCommentCheckAt: isPosted ? plus(now, -10 * MINUTE) : null,
        nextCommentCheckAt: isPosted && postedAt.getTime() + 7 * 24 * HOUR > now.getTime() ? plus(now, -10 * MINUTE + 5 * MINUTE) : null,
        commentPollStopAt: isPosted ? plus(postedAt, 7 * 24 * HOUR) : null,
        createdById: p.master === "tip" ? editorId : null,
        createdAt,
      }),
    );
    events.push(
      event(`ev:${p.key}:scheduled`, {
        organizationId,
        publicationId: pubId,
        status: "SCHEDULED",
        key: p.rrule ? "scheduledRecurring" : "scheduled",
        values: { at: p.scheduledAt.toISOString() },
        payload: { scheduledAt: p.scheduledAt.toISOString() },
        at: createdAt,
      }),
    );

    if (isPosted) {
      const attemptId = id(`att:${p.key}:1`);
      attempts.push(
        publicationAttemptRow({
          id: attemptId,
          organizationId,
          publicationId: pubId,
          attemptNumber: 1,
          status: "SUCCEEDED",
          startedAt: p.scheduledAt,
          finishedAt: postedAt,
          httpStatus: 200,
        }),
      );
      events.push(
        event(`ev:${p.key}:uploading`, { organizationId, publicationId: pubId, attemptId, status: "UPLOADING", key: "uploading", values: { platform, attempt: 1, max: 3 }, payload: { attempt: 1 }, at: plus(p.scheduledAt, 10_000) }),
        event(`ev:${p.key}:processing`, { organizationId, publicationId: pubId, attemptId, status: "PROCESSING", key: "processing", values: { platform }, at: plus(p.scheduledAt, 40_000) }),
        event(`ev:${p.key}:posted`, { organizationId, publicationId: pubId, attemptId, status: "POSTED", key: "posted", values: { platform }, payload: { platformPostId: `sandbox-${p.platform.toLowerCase()}-${p.key}` }, at: postedAt }),
      );
      const final = p.final!;
      let last = metricsAt(final, 0);
      let lastAt = postedAt;
      for (const [hours, share] of CAPTURES) {
        const capturedAt = plus(postedAt, hours * HOUR);
        if (capturedAt.getTime() > now.getTime() - MINUTE) break;
        last = metricsAt(final, share);
        lastAt = capturedAt;
        const { engagementRate, engagementScore, ...counts } = last;
        snapshots.push(
          metricSnapshotRow({
            id: id(`snap:${p.key}:${hours}`),
            organizationId,
            publicationId: pubId,
            contentPieceId: pieceId,
            platform: p.platform,
            capturedAt,
            ...counts,
            engagementRate,
            engagementScore,
            raw: { source: "sandbox", hoursAfterPost: hours },
          }),
        );
      }
      if (lastAt > postedAt) latestRate.set(pieceId, { rate: last.engagementRate, score: last.engagementScore });
      pubRows[pubRows.length - 1].metricsCollectedAt = lastAt > postedAt ? lastAt : null;
      const full = metricsAt(final, 1);
      posted.push({
        publicationId: pubId,
        platform: p.platform,
        postedAt,
        impressions: full.impressions,
        reach: full.reach,
        engagements: full.engagements,
        clicks: full.clicks,
        rate: full.engagementRate,
      });
    }
    if (isFailed) {
      // The platform's own words (English, as the connectors report them); the timeline translates the rest.
      const errors = ["Media container still IN_PROGRESS after 5 minutes", "Media container still IN_PROGRESS after 5 minutes", "Media container still IN_PROGRESS after 5 minutes"];
      for (let n = 1; n <= 3; n++) {
        const start = plus(p.scheduledAt, (n - 1) * 30 * MINUTE);
        const attemptId = id(`att:${p.key}:${n}`);
        attempts.push(
          publicationAttemptRow({
            id: attemptId,
            organizationId,
            publicationId: pubId,
            attemptNumber: n,
            status: "FAILED",
            startedAt: start,
            finishedAt: plus(start, 5 * MINUTE),
            errorCode: "MEDIA_PROCESSING_TIMEOUT",
            errorMessage: errors[n - 1],
            retryable: n < 3,
          }),
        );
        events.push(
          event(`ev:${p.key}:${n}:uploading`, { organizationId, publicationId: pubId, attemptId, status: "UPLOADING", key: "uploading", values: { platform, attempt: n, max: 3 }, payload: { attempt: n }, at: plus(start, 5_000) }),
          event(`ev:${p.key}:${n}:processing`, { organizationId, publicationId: pubId, attemptId, status: "PROCESSING", key: "processing", values: { platform }, payload: { containerId: `sandbox-container-${p.key}-${n}` }, at: plus(start, 30_000) }),
          n < 3
            ? event(`ev:${p.key}:${n}:retry`, { organizationId, publicationId: pubId, attemptId, level: "WARN", key: "attemptFailed", values: { platform, attempt: n, message: errors[n - 1]!, retryAt: plus(start, 30 * MINUTE).toISOString() }, payload: { retryInMinutes: 30 }, at: plus(start, 5 * MINUTE) })
            : event(`ev:${p.key}:${n}:failed`, { organizationId, publicationId: pubId, attemptId, level: "ERROR", status: "FAILED", key: "processingTimeout", values: { platform, message: errors[n - 1]! }, at: plus(start, 5 * MINUTE) }),
        );
      }
    }
    if (p.status === "CANCELLED") {
      events.push(
        event(`ev:${p.key}:cancelled`, { organizationId, publicationId: pubId, status: "CANCELLED", key: "cancelled", values: {}, payload: { reason: "duplicate of the Teranga case study post" }, at: clock.at(-1, 18) }),
      );
    }
  }
  await tx.contentRevision.createMany({ data: revisions });
  await tx.publication.createMany({ data: pubRows });
  await tx.publicationAttempt.createMany({ data: attempts });
  await tx.publicationEvent.createMany({ data: events });
  await tx.contentMetricSnapshot.createMany({ data: snapshots });

  // Latest engagement on variants, and the best variant's on each master (MKT-108).
  const bestByMaster = new Map<string, { rate: number; score: number }>();
  for (const p of pubs) {
    const r = latestRate.get(id(`variant:${p.key}`));
    if (!r) continue;
    await tx.contentPiece.update({ where: { id: id(`variant:${p.key}`) }, data: { engagementRate: r.rate, engagementScore: r.score } });
    const best = bestByMaster.get(p.master);
    if (!best || r.rate > best.rate) bestByMaster.set(p.master, r);
  }
  for (const [master, r] of bestByMaster)
    await tx.contentPiece.update({ where: { id: masters[master as keyof typeof masters] }, data: { engagementRate: r.rate, engagementScore: r.score } });

  // --- MKT-109 signal: computed from the snapshots known at detection time, as the workflow does ---
  const detectedAt = clock.at(-3, 6);
  const latestAt = new Map<string, { pieceId: string; rate: number }>();
  for (const s of snapshots) if (s.capturedAt <= detectedAt) latestAt.set(s.publicationId, { pieceId: s.contentPieceId, rate: s.engagementRate ?? 0 });
  const rates = [...latestAt.values()].map((v) => v.rate);
  const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
  const sd = Math.sqrt(rates.reduce((a, b) => a + (b - mean) ** 2, 0) / rates.length);
  const threshold = mean + 1.5 * sd;
  const winnerPubId = id("pub:bogolan-li");
  const winnerRate = latestAt.get(winnerPubId)?.rate ?? 0;
  if (!(winnerRate > threshold)) throw new Error(`demo seed: the winning post (${winnerRate}%) should exceed mean + 1.5 sigma (${threshold.toFixed(2)}%)`);
  const round = (n: number) => Math.round(n * 100) / 100;
  const signalId = id("signal:bogolan-li");
  await tx.contentSignal.create({
    data: contentSignalRow({
      id: signalId,
      organizationId,
      brandId,
      contentPieceId: id("variant:bogolan-li"),
      publicationId: winnerPubId,
      type: "HIGH_ENGAGEMENT",
      status: "PROPOSED",
      strength: round((winnerRate - mean) / sd),
      engagementRate: winnerRate,
      meanRate: round(mean),
      stdDevRate: round(sd),
      threshold: round(threshold),
      sampleSize: rates.length,
      aiAnalysis:
        "Le récit du temps long (8 semaines, 3 bains d'argile, 6 artisanes) et la preuve sociale d'un hôtel client génèrent 3 fois plus de commentaires que nos posts produits. Les décideurs hôteliers commentent et partagent.",
      aiRecommendation:
        "Amplifier en publicité Meta auprès des décideurs hôtellerie-restauration en France et au Sénégal, objectif génération de leads, avec le visuel de l'atelier.",
      detectedAt,
      announcedAt: detectedAt, // sent and notified then (its campaign was proposed): MKT-109 does not hand it on again
      createdAt: detectedAt,
    }),
  });

  return {
    masters,
    winner: { publicationId: winnerPubId, pieceId: id("variant:bogolan-li"), masterId: masters.bogolan, postedAt: plus(clock.at(-6, 9), 2 * MINUTE) },
    signalId,
    posted,
    failedPublicationId: id("pub:restaurant-ig"),
  };
}
