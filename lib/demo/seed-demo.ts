import type { Db } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { hashPassword } from "@/lib/auth/password";
import { makeClock } from "./clock";
import { demoId, type DemoContext, type Tx } from "./context";
import { DEMO_EMAIL, DEMO_PASSWORD } from "./credentials";
import { brandRow, membershipRow, organizationRow, productRow, socialAccountRow, userRow } from "./factories";
import { seedAds } from "./seed-ads";
import { seedAgents } from "./seed-agents";
import { seedApprovals } from "./seed-approvals";
import { seedContent } from "./seed-content";
import { ensureDemoMediaFiles } from "./seed-media-files";
import { seedInbox } from "./seed-inbox";
import { seedCommentHistory, seedInboxTopics } from "./seed-inbox-insights";
import { seedInsights } from "./seed-insights";
import { seedLeads } from "./seed-leads";
import { seedScenarios } from "./seed-scenarios";

export const DEMO_ORG_SLUG = "demo";
export const DEMO_EDITOR_EMAIL = "moussa.ndiaye@demo.marketingengine.app";

export type SeedDemoOptions = { now?: Date };
export type SeedDemoResult = { created: boolean; organizationId: string };

const PLATFORMS: { platform: Platform; name: string; handle: string }[] = [
  { platform: "LINKEDIN", name: "Atelier Sahel (page LinkedIn)", handle: "atelier-sahel" },
  { platform: "FACEBOOK", name: "Atelier Sahel", handle: "ateliersahel" },
  { platform: "INSTAGRAM", name: "@atelier.sahel", handle: "atelier.sahel" },
  { platform: "TIKTOK", name: "@ateliersahel", handle: "ateliersahel" },
  { platform: "X", name: "@AtelierSahel", handle: "AtelierSahel" },
  { platform: "WHATSAPP", name: "Atelier Sahel – WhatsApp Business", handle: "+33639980000" },
  { platform: "META_ADS", name: "Atelier Sahel – Meta Ads", handle: "act_sandbox_001" },
  { platform: "GOOGLE_ADS", name: "Atelier Sahel – Google Ads", handle: "sandbox-123-456-7890" },
  { platform: "TIKTOK_ADS", name: "Atelier Sahel – TikTok Ads", handle: "sandbox-tt-adv-001" },
];

/**
 * The demo organisation "Atelier Sahel" (slug `demo`): a French small business making furniture and
 * bogolan textiles for hotels, restaurants and offices in France and West Africa, with a week of activity
 * across every agent. Idempotent: if the `demo` organisation exists, nothing is written. Everything is
 * written in one transaction (all or nothing) and every date is derived from `now`.
 */
export async function seedDemo(db: Db, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const existing = await db.organization.findUnique({ where: { slug: DEMO_ORG_SLUG }, select: { id: true } });
  if (existing) {
    await ensureDemoMediaFiles(db, existing.id); // a demo seeded before its media were files
    return { created: false, organizationId: existing.id };
  }
  const now = opts.now ?? new Date();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  try {
    const organizationId = await db.$transaction((tx) => seedAll(tx, now, passwordHash), { timeout: 120_000, maxWait: 20_000 });
    await ensureDemoMediaFiles(db, organizationId);
    return { created: true, organizationId };
  } catch (err) {
    // A concurrent seed won the race for the slug: that is the same outcome.
    const raced = await db.organization.findUnique({ where: { slug: DEMO_ORG_SLUG }, select: { id: true } });
    if (raced) return { created: false, organizationId: raced.id };
    throw err;
  }
}

async function seedAll(tx: Tx, now: Date, passwordHash: string): Promise<string> {
  const clock = makeClock(now, "Europe/Paris");
  const owner = await tx.user.upsert({
    where: { email: DEMO_EMAIL },
    update: {},
    create: userRow({
      id: demoId("user:owner"),
      email: DEMO_EMAIL,
      name: "Aminata Koné",
      passwordHash,
      emailVerified: clock.at(-60, 9),
      locale: "fr",
      createdAt: clock.at(-60, 9),
    }),
    select: { id: true, passwordHash: true },
  });
  if (!owner.passwordHash) await tx.user.update({ where: { id: owner.id }, data: { passwordHash } });
  const editor = await tx.user.upsert({
    where: { email: DEMO_EDITOR_EMAIL },
    update: {},
    create: userRow({
      id: demoId("user:editor"),
      email: DEMO_EDITOR_EMAIL,
      name: "Moussa Ndiaye",
      emailVerified: clock.at(-45, 9),
      locale: "fr",
      createdAt: clock.at(-45, 9),
    }),
    select: { id: true },
  });

  const organizationId = demoId("org:demo");
  await tx.organization.create({
    data: organizationRow({
      id: organizationId,
      slug: DEMO_ORG_SLUG,
      name: "Atelier Sahel",
      plan: "PRO",
      locale: "fr",
      timezone: "Europe/Paris",
      currency: "EUR",
      isDemo: true,
      createdAt: clock.at(-60, 9),
    }),
  });
  await tx.membership.createMany({
    data: [
      membershipRow({ id: demoId(`${organizationId}:member:owner`), organizationId, userId: owner.id, role: "OWNER", createdAt: clock.at(-60, 9) }),
      membershipRow({ id: demoId(`${organizationId}:member:editor`), organizationId, userId: editor.id, role: "EDITOR", createdAt: clock.at(-45, 9) }),
    ],
  });

  const brandId = demoId(`${organizationId}:brand`);
  await tx.brand.create({
    data: brandRow({
      id: brandId,
      organizationId,
      name: "Atelier Sahel",
      slug: "atelier-sahel",
      description:
        "Atelier de mobilier et de textiles artisanaux (bogolan, kaïcedrat) fondé à Paris et Dakar, qui aménage hôtels, restaurants et bureaux en France et en Afrique de l'Ouest.",
      websiteUrl: "https://atelier-sahel.example",
      voice:
        "Chaleureuse, précise et fière du geste artisanal. On vouvoie, on raconte des histoires vraies (des personnes, des lieux, des délais), sans superlatifs creux ni jargon. Phrases courtes, concrètes, une touche de poésie sur la matière.",
      targetAudience:
        "Décideurs B2B en France et en Afrique de l'Ouest (Sénégal, Côte d'Ivoire) : directeurs d'hôtels et de résidences, restaurateurs, office managers et fondateurs de coworkings, architectes d'intérieur prescripteurs. Ils cherchent une identité forte, des délais tenus et un interlocuteur unique.",
      contentGuidelines:
        "Toujours citer une réalisation ou un chiffre vérifiable (semaines, nombre de pièces). Mettre en avant les artisanes et artisans par leur prénom avec leur accord. Pas de prix publics. Un seul appel à l'action par contenu (devis, catalogue, visite). Hashtags en français, 3 à 5 sur LinkedIn. Ne jamais promettre un délai sans validation de l'atelier.",
      visualGuidelines:
        "Lumière naturelle, tons ocre, indigo et bois clair ; mains au travail et matières en gros plan ; pas de mannequins ni de décors artificiels.",
      language: "fr",
      defaultHashtags: ["#ateliersahel", "#artisanat", "#faitmain"],
      countries: ["FR", "SN", "CI"],
      // What the inbox triage (INB-001) answers from, with the products (Settings > Brands).
      faq: [
        { question: "Quels sont vos délais ?", answer: "Comptez 6 à 10 semaines de la validation du devis à la pose selon le projet ; 3 à 4 semaines pour des textiles seuls." },
        { question: "Comment obtenir un devis ?", answer: "Le devis est gratuit : atelier-sahel.example/devis ou hello@atelier-sahel.example, réponse sous 48 h ouvrées." },
        { question: "Livrez-vous hors de France ?", answer: "Oui : au Sénégal et en Côte d'Ivoire depuis notre atelier de Dakar, et dans toute l'Union européenne depuis Paris." },
        { question: "Peut-on visiter l'atelier ?", answer: "Oui, sur rendez-vous à Paris (11e) et à Dakar (Médina), du mardi au samedi." },
      ],
      isDefault: true,
      createdAt: clock.at(-60, 9, 5),
    }),
  });
  const products = {
    bespoke: demoId(`${organizationId}:product:bespoke`),
    textiles: demoId(`${organizationId}:product:textiles`),
    office: demoId(`${organizationId}:product:office`),
    workshops: demoId(`${organizationId}:product:workshops`),
  };
  await tx.product.createMany({
    data: [
      productRow({
        id: products.bespoke,
        organizationId,
        brandId,
        name: "Aménagement sur mesure hôtels & restaurants",
        description: "Conception, fabrication et pose du mobilier et des textiles d'un établissement, avec un interlocuteur unique.",
        pricingModel: "quote",
        targetSegment: "Hôtels, résidences, restaurants",
        painPointsSolved: ["Délais fournisseurs", "Identité locale", "Coordination de plusieurs artisans"],
        createdAt: clock.at(-60, 9),
      }),
      productRow({
        id: products.textiles,
        organizationId,
        brandId,
        name: "Collection Bogolan – textiles d'ameublement",
        description: "Tentures, coussins, rideaux et jetés en bogolan teint à l'argile à Ségou.",
        priceMinor: 18_000,
        currency: "EUR",
        pricingModel: "one_off",
        targetSegment: "Hôtellerie, boutiques déco",
        painPointsSolved: ["Décoration impersonnelle", "Acoustique"],
        createdAt: clock.at(-60, 9),
      }),
      productRow({
        id: products.office,
        organizationId,
        brandId,
        name: "Mobilier de bureau Kaïcedrat",
        description: "Bureaux, tables de réunion et claustras en kaïcedrat massif fabriqués à Thiès.",
        priceMinor: 145_000,
        currency: "EUR",
        pricingModel: "one_off",
        targetSegment: "PME, coworkings",
        painPointsSolved: ["Mobilier jetable", "Image employeur"],
        createdAt: clock.at(-60, 9),
      }),
      productRow({
        id: products.workshops,
        organizationId,
        brandId,
        name: "Ateliers team-building artisanat",
        description: "Demi-journée d'initiation à la teinture bogolan pour les équipes (Paris ou Dakar).",
        priceMinor: 1_250_000,
        currency: "XOF",
        pricingModel: "one_off",
        targetSegment: "Entreprises, comités d'entreprise",
        painPointsSolved: ["Cohésion d'équipe"],
        createdAt: clock.at(-60, 9),
      }),
    ],
  });

  const accounts = {} as Record<Platform, string>;
  for (const p of PLATFORMS) accounts[p.platform] = demoId(`${organizationId}:account:${p.platform}`);
  await tx.socialAccount.createMany({
    data: PLATFORMS.map((p) =>
      socialAccountRow({
        id: accounts[p.platform],
        organizationId,
        brandId,
        platform: p.platform,
        externalId: `sandbox-${p.platform.toLowerCase()}-demo`,
        name: p.name,
        handle: p.handle,
        isSandbox: true,
        status: "ACTIVE" as const,
        scopes: [],
        metadata: { sandbox: true },
        connectedById: owner.id,
        createdAt: clock.at(-59, 10),
      }),
    ),
  });

  const ctx: DemoContext = { tx, clock, organizationId, brandId, ownerId: owner.id, editorId: editor.id, currency: "EUR", accounts, products };
  const content = await seedContent(ctx);
  const ads = await seedAds(ctx, content);
  const approvals = await seedApprovals(ctx, content, ads);
  const leads = await seedLeads(ctx, content, ads);
  await seedInbox(ctx, content, leads);
  await seedCommentHistory(ctx);
  const { aiCreditsByDay } = await seedAgents(ctx, content, leads);
  await seedScenarios(ctx);
  await seedInsights(ctx, { content, ads, leads, aiCreditsByDay, ...approvals });
  await seedInboxTopics(ctx);
  return organizationId;
}
