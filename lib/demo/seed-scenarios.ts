import type { Prisma } from "@/lib/db/client";
import type { ResourceType, TargetMaturity } from "@/lib/db/generated/enums";
import { DAY, MINUTE, plus } from "./clock";
import { demoId, type DemoContext } from "./context";

/**
 * Scenario assistant demo (five B2B scenarios with objectives, targets and
 * resources). Two are READY with a generated diffusion plan; one has a recent chat (7-day retention)
 * and a simulated research.
 */
export type ScenarioSpec = {
  key: string;
  name: string;
  theme: string;
  description: string;
  ready: boolean;
  objectives: { label: string; description: string; priority: number }[];
  targets: { label: string; persona: string; segment: string; maturity: TargetMaturity; insight?: string }[];
  resources: { type: ResourceType; title: string; url?: string; note?: string; usage?: string }[];
  plan?: { summary: string; rows: [format: string, message: string, channel: string, frequency: string, kpi: string][] };
};

/** Also the examples every organisation can copy (lib/scenarios/examples.ts). */
export const SCENARIOS: ScenarioSpec[] = [
  {
    key: "kaicedrat",
    name: "Lancement collection Kaïcedrat Bureau",
    theme: "Lancement produit",
    description: "Faire connaître la nouvelle gamme de mobilier de bureau en kaïcedrat massif auprès des entreprises et coworkings en France et au Sénégal.",
    ready: true,
    objectives: [
      { label: "Générer 40 demandes de catalogue", description: "En 6 semaines, via LinkedIn et la campagne Search.", priority: 1 },
      { label: "Signer 5 projets bureaux", description: "Avant la fin du trimestre.", priority: 2 },
    ],
    targets: [
      {
        label: "Office managers PME",
        persona: "Responsable des services généraux, 35-50 ans, cherche du mobilier durable et différenciant.",
        segment: "PME 50-200 salariés",
        maturity: "CONSIDERATION",
        insight: "Sensibles à la durabilité et à l'image employeur.",
      },
      {
        label: "Fondateurs de coworkings",
        persona: "Entrepreneur qui veut une ambiance chaleureuse et locale.",
        segment: "Coworkings Dakar / Paris",
        maturity: "AWARENESS",
      },
    ],
    resources: [
      { type: "ARTICLE", title: "Fiche collection Kaïcedrat Bureau", url: "https://atelier-sahel.example/bureaux", usage: "Lien des posts et de l'e-mail" },
      { type: "CASE_STUDY", title: "Cas client Sahel Hub Coworking", note: "Photos avant/après disponibles", usage: "Preuve sociale" },
    ],
    plan: {
      summary:
        "Six semaines en trois temps : teasing des coulisses (semaines 1-2), lancement avec cas client et offre catalogue (3-4), conversion par webinaire et relance commerciale (5-6).",
      rows: [
        ["Carrousel LinkedIn", "Du tronc à la table : 6 étapes de fabrication à Thiès", "LinkedIn", "1 par semaine", "Taux d'engagement > 4 %"],
        ["Vidéo courte", "Coulisses de l'atelier, le geste de l'artisan", "Instagram / TikTok", "2 par semaine", "Vues > 5 000"],
        ["Cas client", "Sahel Hub : 2 étages aménagés en 8 semaines", "LinkedIn + e-mail", "1 fois (semaine 3)", "Demandes de catalogue"],
        ["Campagne Search", "Mobilier de bureau en bois massif sur mesure", "Google Ads", "Continue", "Coût par demande < 25 €"],
        ["Webinaire", "Aménager des bureaux qui racontent une histoire", "E-mail + LinkedIn", "1 fois (semaine 5)", "60 inscrits"],
      ],
    },
  },
  {
    key: "hotellerie",
    name: "Conquête hôtellerie Dakar–Saly",
    theme: "Expansion géographique",
    description: "Devenir le partenaire aménagement des hôtels et résidences de la Petite-Côte avant la haute saison.",
    ready: true,
    objectives: [
      { label: "Obtenir 10 rendez-vous directeurs d'hôtel", description: "Sur la Petite-Côte, en 2 mois.", priority: 1 },
      { label: "Notoriété auprès des décideurs", description: "Être cité comme référence locale.", priority: 2 },
    ],
    targets: [
      {
        label: "Directeurs d'hôtels 3-4 étoiles",
        persona: "Directeur général, arbitre entre coût, délai et identité.",
        segment: "Hôtels 30-150 chambres",
        maturity: "DECISION",
        insight: "Le délai avant la haute saison est l'argument décisif.",
      },
    ],
    resources: [
      {
        type: "CASE_STUDY",
        title: "Hôtel Teranga : 42 chambres en 10 semaines",
        url: "https://atelier-sahel.example/realisations/hotel-teranga-dakar",
        usage: "Argument principal",
      },
      { type: "VIDEO", title: "Reportage tenture bogolan (8 semaines)", usage: "Publicité Meta" },
    ],
    plan: {
      summary: "Amplifier le post gagnant sur le bogolan en publicité Meta ciblée, puis convertir par WhatsApp et visites d'établissements de référence.",
      rows: [
        ["Publicité Meta", "8 semaines pour une pièce unique", "Facebook / Instagram", "Continue (30 jours)", "Coût par lead < 15 €"],
        ["Message WhatsApp (template)", "Invitation à visiter l'Hôtel Teranga", "WhatsApp", "1 fois après le lead", "Taux de réponse > 30 %"],
        ["Post LinkedIn", "Retour d'expérience d'un directeur d'hôtel", "LinkedIn", "Toutes les 2 semaines", "Commentaires de décideurs"],
        ["Rendez-vous", "Visite d'un établissement de référence", "Terrain", "2 par mois", "Rendez-vous obtenus"],
      ],
    },
  },
  {
    key: "webinaire",
    name: "Webinaire architectes d'intérieur",
    theme: "Génération de leads",
    description: "Un webinaire mensuel pour les architectes d'intérieur qui prescrivent du mobilier et des textiles artisanaux.",
    ready: false,
    objectives: [{ label: "80 inscrits par session", description: "Dont 30 % de nouveaux contacts.", priority: 1 }],
    targets: [
      {
        label: "Architectes d'intérieur indépendants",
        persona: "Prescripteur, cherche des artisans fiables et des délais tenus.",
        segment: "Indépendants et petites agences",
        maturity: "CONSIDERATION",
      },
    ],
    resources: [
      {
        type: "WEBINAR",
        title: "Replay : Aménager avec l'artisanat",
        url: "https://atelier-sahel.example/webinaires/artisanat",
        usage: "Extraits pour la promotion",
      },
    ],
  },
  {
    key: "restaurants",
    name: "Fidélisation clients restaurants",
    theme: "Fidélisation",
    description: "Faire revenir les restaurants déjà équipés pour les terrasses, l'acoustique et le renouvellement textile.",
    ready: false,
    objectives: [{ label: "20 % de clients récurrents", description: "Sur 12 mois.", priority: 1 }],
    targets: [
      {
        label: "Restaurateurs clients",
        persona: "Propriétaire satisfait, peu de temps, sensible aux conseils pratiques.",
        segment: "Restaurants équipés depuis plus d'un an",
        maturity: "DECISION",
      },
    ],
    resources: [
      { type: "VIDEO", title: "Avant/après Chez Fatou", usage: "Relance e-mail" },
      { type: "ARTICLE", title: "Guide : 3 erreurs à éviter en salle", usage: "Contenu de valeur" },
    ],
  },
  {
    key: "salon",
    name: "Salon Maison&Objet – avant, pendant, après",
    theme: "Événementiel",
    description: "Préparer, couvrir et exploiter la présence de l'atelier au salon Maison&Objet.",
    ready: false,
    objectives: [
      { label: "150 contacts qualifiés", description: "Scannés sur le stand.", priority: 1 },
      { label: "Transformer 10 % en rendez-vous", description: "Dans le mois qui suit.", priority: 2 },
    ],
    targets: [
      {
        label: "Acheteurs hôtellerie et retail",
        persona: "Acheteur en visite de salon, compare beaucoup de fournisseurs.",
        segment: "Hôtellerie, boutiques déco",
        maturity: "AWARENESS",
      },
    ],
    resources: [{ type: "OTHER", title: "Plan du stand et kit photo", note: "Disponible en interne" }],
  },
];

export async function seedScenarios(ctx: DemoContext): Promise<void> {
  const { tx, clock, organizationId, ownerId } = ctx;
  const id = (k: string) => demoId(`${organizationId}:scenarios:${k}`);
  const scenarios: Prisma.ScenarioCreateManyInput[] = [];
  const objectives: Prisma.MarketingObjectiveCreateManyInput[] = [];
  const targets: Prisma.MarketingTargetCreateManyInput[] = [];
  const resources: Prisma.MarketingResourceCreateManyInput[] = [];
  const scObjectives: Prisma.ScenarioObjectiveCreateManyInput[] = [];
  const scTargets: Prisma.ScenarioTargetCreateManyInput[] = [];
  const scResources: Prisma.ScenarioResourceCreateManyInput[] = [];
  const plans: Prisma.ScenarioPlanCreateManyInput[] = [];
  const rows: Prisma.ScenarioPlanRowCreateManyInput[] = [];

  SCENARIOS.forEach((s, i) => {
    const scenarioId = id(`sc:${s.key}`);
    const createdAt = clock.at(-14 + i, 10);
    scenarios.push({
      id: scenarioId,
      organizationId,
      name: s.name,
      theme: s.theme,
      description: s.description,
      status: s.ready ? "READY" : "DRAFT",
      createdById: ownerId,
      createdAt,
      updatedAt: clock.at(-5 + i, 16),
    });
    s.objectives.forEach((o, j) => {
      const oid = id(`obj:${s.key}:${j}`);
      objectives.push({ id: oid, organizationId, label: o.label, description: o.description, createdAt });
      scObjectives.push({ organizationId, scenarioId, objectiveId: oid, priority: o.priority, createdAt });
    });
    s.targets.forEach((t, j) => {
      const tid = id(`tgt:${s.key}:${j}`);
      targets.push({ id: tid, organizationId, label: t.label, persona: t.persona, segment: t.segment, insight: t.insight ?? null, createdAt });
      scTargets.push({ organizationId, scenarioId, targetId: tid, maturity: t.maturity, createdAt });
    });
    s.resources.forEach((r, j) => {
      const rid = id(`res:${s.key}:${j}`);
      resources.push({ id: rid, organizationId, type: r.type, title: r.title, url: r.url ?? null, note: r.note ?? null, createdAt });
      scResources.push({ organizationId, scenarioId, resourceId: rid, usage: r.usage ?? null, createdAt });
    });
    if (s.plan) {
      const planId = id(`plan:${s.key}`);
      plans.push({ id: planId, organizationId, scenarioId, version: 1, summary: s.plan.summary, model: "offline", generatedAt: clock.at(-5 + i, 16) });
      s.plan.rows.forEach(([format, message, channel, frequency, kpi], position) =>
        rows.push({ id: id(`row:${s.key}:${position}`), organizationId, planId, position, format, message, channel, frequency, kpi }),
      );
    }
  });
  await tx.scenario.createMany({ data: scenarios });
  await tx.marketingObjective.createMany({ data: objectives });
  await tx.marketingTarget.createMany({ data: targets });
  await tx.marketingResource.createMany({ data: resources });
  await tx.scenarioObjective.createMany({ data: scObjectives });
  await tx.scenarioTarget.createMany({ data: scTargets });
  await tx.scenarioResource.createMany({ data: scResources });
  await tx.scenarioPlan.createMany({ data: plans });
  await tx.scenarioPlanRow.createMany({ data: rows });

  // A recent chat on the webinar scenario (messages expire 7 days after they were written).
  const scenarioId = id("sc:webinaire");
  const chatId = id("chat:webinaire");
  const t0 = clock.at(-1, 14);
  const say = (
    k: number,
    author: "USER" | "ASSISTANT",
    content: string,
    action: string | null,
    actions: { id: string; label: string; intent: string }[] = [],
  ): Prisma.AssistantMessageCreateManyInput => ({
    id: id(`chatmsg:${k}`),
    organizationId,
    chatId,
    scenarioId,
    author,
    content,
    action,
    actions,
    expiresAt: plus(plus(t0, k * 2 * MINUTE), 7 * DAY),
    createdAt: plus(t0, k * 2 * MINUTE),
  });
  const messages = [
    say(0, "ASSISTANT", "Bonjour ! Voulez-vous **créer un scénario**, **travailler sur un scénario existant** ou **voir vos scénarios** ?", null, [
      { id: "create", label: "Créer un scénario", intent: "scenario.create" },
      { id: "open", label: "Travailler sur un scénario existant", intent: "scenario.open" },
      { id: "list", label: "Voir mes scénarios", intent: "scenario.list" },
    ]),
    say(1, "USER", "Travailler sur « Webinaire architectes d'intérieur »", "scenario.open"),
    say(
      2,
      "ASSISTANT",
      "Le scénario a **1 objectif**, **1 cible** et **1 ressource**. Il manque une cible secondaire et un plan. Que souhaitez-vous faire ?",
      null,
      [
        { id: "targets", label: "Proposer des cibles", intent: "targets.suggest" },
        { id: "search", label: "Rechercher des inspirations", intent: "search.run" },
        { id: "plan", label: "Générer le plan marketing", intent: "plan.generate" },
      ],
    ),
    say(3, "USER", "Proposer des cibles", "targets.suggest"),
    say(
      4,
      "ASSISTANT",
      "Trois cibles possibles :\n1. **Bureaux d'études hôteliers** – prescrivent pour des chaînes.\n2. **Écoles d'architecture intérieure** – futurs prescripteurs.\n3. **Décorateurs retail** – boutiques et showrooms.",
      null,
      [
        { id: "add-1", label: "Ajouter « Bureaux d'études hôteliers »", intent: "targets.add" },
        { id: "add-2", label: "Ajouter « Écoles d'architecture intérieure »", intent: "targets.add" },
        { id: "add-3", label: "Ajouter « Décorateurs retail »", intent: "targets.add" },
      ],
    ),
  ];
  await tx.assistantChat.create({
    data: {
      id: chatId,
      organizationId,
      userId: ownerId,
      scenarioId,
      title: "Webinaire architectes",
      lastMessageAt: messages[messages.length - 1].createdAt as Date,
      expiresAt: plus(messages[messages.length - 1].createdAt as Date, 7 * DAY),
      createdAt: t0,
    },
  });
  await tx.assistantMessage.createMany({ data: messages });
  await tx.scenarioSearch.create({
    data: {
      id: id("search:webinaire"),
      organizationId,
      scenarioId,
      query: "webinaire prescripteurs architectes d'intérieur artisanat",
      results: [
        {
          titre: "Format « atelier en direct »",
          extrait: "Montrer une fabrication en direct augmente la présence jusqu'à la fin.",
          recommandation_action: "Ajouter une ressource vidéo en direct de l'atelier",
          source: "Suggestion de l'assistant (simulation)",
        },
        {
          titre: "Partenariat avec une école",
          extrait: "Co-organiser avec une école d'architecture intérieure élargit l'audience.",
          recommandation_action: "Ajouter la cible « Écoles d'architecture intérieure »",
          source: "Suggestion de l'assistant (simulation)",
        },
        {
          titre: "Replay découpé",
          extrait: "Des extraits de 60 s du replay nourrissent LinkedIn pendant un mois.",
          recommandation_action: "Ajouter un objectif de réutilisation du replay",
          source: "Suggestion de l'assistant (simulation)",
        },
      ],
      createdAt: plus(t0, 12 * MINUTE),
    },
  });
}
