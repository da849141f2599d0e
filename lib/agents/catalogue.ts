import type { AgentGroup, AgentKind, AgentTrigger } from "@/lib/db/generated/enums";

/**
 * The agent templates: the 26 MKT workflows (grouped by the three agents and the utilities), inbox
 * triage and the assistant, with the configuration each one
 * exposes as a JSON Schema form. Numbers (schedules, thresholds, weights) are the seed's.
 * Slugs are the workflow ids of inngest/ ("mkt-101-ingest-input").
 */
export type CatalogueEntry = {
  code: string;
  slug: string;
  nameFr: string;
  nameEn: string;
  descriptionFr: string;
  descriptionEn: string;
  /** null for the agents outside the three MKT agents (inbox triage, the assistant). */
  group: AgentGroup | null;
  kind: AgentKind;
  trigger: AgentTrigger;
  /** Cron in Europe/Paris. */
  schedule?: string;
  /** JSON Schema properties (type object) of the configuration form. */
  config?: Record<string, Record<string, unknown>>;
  usesAi: boolean;
  /** Connections it needs to do anything (Settings -> Connections), shown on the template. */
  requiredConnections?: string[];
};

const int = (def: number, min: number, max: number, title: string, widget = "number") => ({
  type: "integer",
  default: def,
  minimum: min,
  maximum: max,
  "ui:title": title,
  "ui:widget": widget,
});
const num = (def: number, min: number, max: number, title: string) => ({ type: "number", default: def, minimum: min, maximum: max, "ui:title": title });
const bool = (def: boolean, title: string) => ({ type: "boolean", default: def, "ui:title": title, "ui:widget": "switch" });
const list = (values: string[], def: string[], title: string) => ({
  type: "array",
  items: { type: "string", enum: values },
  default: def,
  uniqueItems: true,
  "ui:title": title,
  "ui:widget": "checkboxes",
});
const PLATFORMS = ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"];

export const AGENT_CATALOGUE: CatalogueEntry[] = [
  {
    code: "MKT-101",
    slug: "mkt-101-ingest-input",
    nameFr: "Ingestion d'inputs",
    nameEn: "Input ingestion",
    descriptionFr: "Capte textes, audios, URL et images, les transcrit et les résume avec 3 sujets de contenu.",
    descriptionEn: "Captures text, audio, URLs and images, transcribes and summarises them with 3 content topics.",
    group: "CONTENT_FLYWHEEL",
    kind: "CONTENT",
    trigger: "WEBHOOK",
    schedule: "0 9 * * *",
    config: { transcriptionLanguage: { type: "string", enum: ["fr", "en"], default: "fr", "ui:title": "Langue de transcription", "ui:widget": "select" } },
    usesAi: true,
  },
  {
    code: "MKT-102",
    slug: "mkt-102-ai-research",
    nameFr: "Recherche AI",
    nameEn: "AI research",
    descriptionFr: "Analyse l'input dans le contexte de la marque et des 20 derniers contenus : sujet, angle, messages clés.",
    descriptionEn: "Analyses the input against the brand and its last 20 posts: topic, angle, key messages.",
    group: "CONTENT_FLYWHEEL",
    kind: "CONTENT",
    trigger: "EVENT",
    config: { recentContentCount: int(20, 5, 50, "Contenus récents pris en compte") },
    usesAi: true,
  },
  {
    code: "MKT-103",
    slug: "mkt-103-generate-content",
    nameFr: "Génération de contenu",
    nameEn: "Content generation",
    descriptionFr: "Rédige le texte (titre, corps, hashtags, CTA) et génère le visuel selon les contraintes de chaque plateforme.",
    descriptionEn: "Writes the copy (title, body, hashtags, CTA) and generates the visual within each platform's limits.",
    group: "CONTENT_FLYWHEEL",
    kind: "CONTENT",
    trigger: "EVENT",
    config: { generateImage: bool(true, "Générer un visuel"), platforms: list(PLATFORMS, ["LINKEDIN", "INSTAGRAM", "FACEBOOK"], "Plateformes cibles") },
    usesAi: true,
  },
  {
    code: "MKT-104",
    slug: "mkt-104-approval-flow",
    nameFr: "Circuit d'approbation",
    nameEn: "Approval flow",
    descriptionFr: "Soumet chaque contenu IA à validation humaine (app, Slack, e-mail) avant toute publication.",
    descriptionEn: "Sends every AI piece for human approval (app, Slack, email) before anything is published.",
    group: "CONTENT_FLYWHEEL",
    kind: "CONTENT",
    trigger: "EVENT",
    config: { channels: list(["IN_APP", "EMAIL", "SLACK"], ["IN_APP", "EMAIL"], "Canaux de notification") },
    usesAi: false,
  },
  {
    code: "MKT-105",
    slug: "mkt-105-approval-reminders",
    nameFr: "Relance approbation",
    nameEn: "Approval reminders",
    descriptionFr: "Relance les approbations en attente depuis plus de 24 h, toutes les 6 h.",
    descriptionEn: "Reminds approvers of requests pending for more than 24 h, every 6 h.",
    group: "CONTENT_FLYWHEEL",
    kind: "CONTENT",
    trigger: "CRON",
    schedule: "0 0-23/6 * * *",
    config: { pendingHours: int(24, 1, 168, "Délai avant relance (h)") },
    usesAi: false,
  },
  {
    code: "MKT-106",
    slug: "mkt-106-adapt-platforms",
    nameFr: "Adaptation multi-plateforme",
    nameEn: "Multi-platform adaptation",
    descriptionFr: "Décline un contenu approuvé pour chaque plateforme (longueur, ton, format, hashtags).",
    descriptionEn: "Adapts an approved piece to each platform (length, tone, format, hashtags).",
    group: "CONTENT_FLYWHEEL",
    kind: "CONTENT",
    trigger: "EVENT",
    usesAi: true,
  },
  {
    code: "MKT-107",
    slug: "mkt-107-publish-scheduled",
    nameFr: "Publication automatique",
    nameEn: "Automatic publishing",
    descriptionFr: "Publie à l'heure prévue via les API officielles, avec reprises (3 tentatives, 30 min d'écart).",
    descriptionEn: "Publishes on time through official APIs, with retries (3 attempts, 30 min apart).",
    group: "CONTENT_FLYWHEEL",
    kind: "CONTENT",
    trigger: "CRON",
    schedule: "0-59/15 * * * *",
    config: { maxAttempts: int(3, 1, 8, "Tentatives maximum"), retryDelayMinutes: int(30, 5, 240, "Délai entre tentatives (min)") },
    requiredConnections: ["LINKEDIN", "FACEBOOK", "INSTAGRAM"],
    usesAi: false,
  },
  {
    code: "MKT-108",
    slug: "mkt-108-collect-content-metrics",
    nameFr: "Collecte métriques contenu",
    nameEn: "Content metrics collection",
    descriptionFr: "Relève les métriques des publications des 30 derniers jours toutes les 2 h et calcule le score d'engagement.",
    descriptionEn: "Collects metrics of the last 30 days' posts every 2 h and computes the engagement score.",
    group: "CONTENT_FLYWHEEL",
    kind: "ANALYTICS",
    trigger: "CRON",
    schedule: "0 0-23/2 * * *",
    config: { lookbackDays: int(30, 1, 90, "Fenêtre (jours)") },
    requiredConnections: ["LINKEDIN", "FACEBOOK", "INSTAGRAM"],
    usesAi: false,
  },
  {
    code: "MKT-109",
    slug: "mkt-109-detect-winning-signals",
    nameFr: "Détection signaux gagnants",
    nameEn: "Winning signal detection",
    descriptionFr: "Repère les contenus dont le taux d'engagement dépasse la moyenne + 1,5 écart-type.",
    descriptionEn: "Flags posts whose engagement rate exceeds the mean + 1.5 standard deviations.",
    group: "CONTENT_FLYWHEEL",
    kind: "ANALYTICS",
    trigger: "CRON",
    schedule: "0 0-23/6 * * *",
    config: { sigmaMultiplier: num(1.5, 0.5, 4, "Seuil (écarts-types)") },
    usesAi: true,
  },
  {
    code: "MKT-201",
    slug: "mkt-201-competitor-research",
    nameFr: "Recherche concurrentielle",
    nameEn: "Competitor research",
    descriptionFr: "Analyse chaque jour les publicités des concurrents suivis (Meta Ad Library).",
    descriptionEn: "Reviews the watched competitors' ads daily (Meta Ad Library).",
    group: "AMPLIFICATION_ENGINE",
    kind: "ADS",
    trigger: "CRON",
    schedule: "0 6 * * *",
    config: { countries: list(["FR", "SN", "CI", "ML", "BE"], ["FR", "SN"], "Pays") },
    requiredConnections: ["META_ADS"],
    usesAi: true,
  },
  {
    code: "MKT-202",
    slug: "mkt-202-propose-campaign",
    nameFr: "Proposition campagne AI",
    nameEn: "AI campaign proposal",
    descriptionFr: "Transforme un signal gagnant en proposition de campagne complète (ciblage, budget, 3 textes, KPI).",
    descriptionEn: "Turns a winning signal into a full campaign proposal (targeting, budget, 3 copies, KPIs).",
    group: "AMPLIFICATION_ENGINE",
    kind: "ADS",
    trigger: "EVENT",
    config: { maxDailyBudgetMinor: int(5000, 500, 1000000, "Budget quotidien max (centimes)") },
    usesAi: true,
  },
  {
    code: "MKT-203",
    slug: "mkt-203-spend-approval-gate",
    nameFr: "Gate d'approbation pub",
    nameEn: "Ad spend approval gate",
    descriptionFr: "Aucune dépense publicitaire sans validation humaine explicite.",
    descriptionEn: "No ad spend without explicit human approval.",
    group: "AMPLIFICATION_ENGINE",
    kind: "ADS",
    trigger: "EVENT",
    usesAi: false,
  },
  {
    code: "MKT-204",
    slug: "mkt-204-launch-campaign",
    nameFr: "Lancement campagne",
    nameEn: "Campaign launch",
    descriptionFr: "Crée campagne, ensembles et annonces sur Meta, Google ou TikTok Ads après approbation.",
    descriptionEn: "Creates campaign, ad sets and ads on Meta, Google or TikTok Ads once approved.",
    group: "AMPLIFICATION_ENGINE",
    kind: "ADS",
    trigger: "EVENT",
    requiredConnections: ["META_ADS"],
    usesAi: false,
  },
  {
    code: "MKT-205",
    slug: "mkt-205-collect-ad-metrics",
    nameFr: "Collecte métriques pub",
    nameEn: "Ad metrics collection",
    descriptionFr: "Relève dépenses, clics, conversions et ROAS toutes les 4 h et signale les anomalies.",
    descriptionEn: "Collects spend, clicks, conversions and ROAS every 4 h and flags anomalies.",
    group: "AMPLIFICATION_ENGINE",
    kind: "ADS",
    trigger: "CRON",
    schedule: "0 0-23/4 * * *",
    requiredConnections: ["META_ADS"],
    usesAi: false,
  },
  {
    code: "MKT-206",
    slug: "mkt-206-optimize-campaigns",
    nameFr: "Optimisation AI campagnes",
    nameEn: "AI campaign optimisation",
    descriptionFr: "Règles explicites : pause si ROAS < 1 sur 3 jours, +30 % de budget si CTR > 2x la moyenne, ciblage si CPC > 2x.",
    descriptionEn: "Explicit rules: pause if ROAS < 1 for 3 days, +30% budget if CTR > 2x average, retarget if CPC > 2x.",
    group: "AMPLIFICATION_ENGINE",
    kind: "ADS",
    trigger: "CRON",
    schedule: "0 10 * * *",
    config: {
      roasPauseThreshold: num(1, 0, 10, "ROAS minimum"),
      roasPauseDays: int(3, 1, 14, "Jours sous le seuil avant pause"),
      scalePercent: int(30, 5, 100, "Hausse de budget (%)"),
      autoApply: bool(false, "Appliquer sans validation"),
    },
    requiredConnections: ["META_ADS"],
    usesAi: true,
  },
  {
    code: "MKT-301",
    slug: "mkt-301-ingest-lead",
    nameFr: "Ingestion leads",
    nameEn: "Lead ingestion",
    descriptionFr: "Reçoit les leads de toutes les sources, normalise e-mail et téléphone et dédoublonne.",
    descriptionEn: "Receives leads from every source, normalises email and phone and dedupes.",
    group: "OPPORTUNITY_HUNTER",
    kind: "LEADS",
    trigger: "WEBHOOK",
    usesAi: false,
  },
  {
    code: "MKT-302",
    slug: "mkt-302-score-lead",
    nameFr: "Qualification scoring AI",
    nameEn: "AI lead scoring",
    descriptionFr: "Note chaque lead de 0 à 100 : chaud ≥ 70, tiède ≥ 40, froid en dessous.",
    descriptionEn: "Scores each lead 0-100: hot >= 70, warm >= 40, cold below.",
    group: "OPPORTUNITY_HUNTER",
    kind: "LEADS",
    trigger: "EVENT",
    config: { hotThreshold: int(70, 1, 100, "Seuil chaud"), warmThreshold: int(40, 1, 100, "Seuil tiède") },
    usesAi: true,
  },
  {
    code: "MKT-303",
    slug: "mkt-303-nurture-follow-up",
    nameFr: "Follow-up personnalisé",
    nameEn: "Personalised follow-up",
    descriptionFr: "Envoie les étapes des séquences par e-mail et WhatsApp (templates hors fenêtre 24 h, opt-in requis).",
    descriptionEn: "Sends sequence steps by email and WhatsApp (templates outside the 24 h window, opt-in required).",
    group: "OPPORTUNITY_HUNTER",
    kind: "LEADS",
    trigger: "CRON",
    schedule: "0 * * * *",
    config: { maxWords: int(200, 50, 400, "Longueur max (mots)") },
    requiredConnections: ["EMAIL"],
    usesAi: true,
  },
  {
    code: "MKT-304",
    slug: "mkt-304-analyze-reply",
    nameFr: "Analyse de réponses",
    nameEn: "Reply analysis",
    descriptionFr: "Lit le sentiment et l'intention des réponses et décide de la suite (séquence, appel, humain, pause).",
    descriptionEn: "Reads reply sentiment and intent and decides what next (sequence, call, human, pause).",
    group: "OPPORTUNITY_HUNTER",
    kind: "LEADS",
    trigger: "WEBHOOK",
    usesAi: true,
  },
  {
    code: "MKT-305",
    slug: "mkt-305-book-call",
    nameFr: "Booking d'appels",
    nameEn: "Call booking",
    descriptionFr: "Propose les 3 meilleurs créneaux des 7 prochains jours et prépare un briefing pour le commercial.",
    descriptionEn: "Offers the 3 best slots in the next 7 days and prepares a briefing for the salesperson.",
    group: "OPPORTUNITY_HUNTER",
    kind: "LEADS",
    trigger: "EVENT",
    config: { slotsOffered: int(3, 1, 5, "Créneaux proposés"), horizonDays: int(7, 1, 21, "Horizon (jours)") },
    requiredConnections: ["CALCOM"],
    usesAi: true,
  },
  {
    code: "MKT-306",
    slug: "mkt-306-escalate-human",
    nameFr: "Escalade humaine",
    nameEn: "Human escalation",
    descriptionFr: "Passe la main à un commercial avec un résumé, l'historique et des recommandations.",
    descriptionEn: "Hands over to a salesperson with a summary, the history and recommendations.",
    group: "OPPORTUNITY_HUNTER",
    kind: "LEADS",
    trigger: "EVENT",
    usesAi: true,
  },
  {
    code: "MKT-307",
    slug: "mkt-307-track-conversion",
    nameFr: "Tracking conversion",
    nameEn: "Conversion tracking",
    descriptionFr: "Enregistre les conversions et répartit leur valeur entre les points de contact (attribution linéaire).",
    descriptionEn: "Records conversions and splits their value across touchpoints (linear attribution).",
    group: "OPPORTUNITY_HUNTER",
    kind: "LEADS",
    trigger: "WEBHOOK",
    schedule: "0 7 * * *",
    usesAi: false,
  },
  {
    code: "MKT-401",
    slug: "mkt-401-refresh-oauth-tokens",
    nameFr: "Rafraîchissement tokens OAuth",
    nameEn: "OAuth token refresh",
    descriptionFr: "Renouvelle toutes les 12 h les jetons qui expirent dans les 24 h ; alerte si reconnexion requise.",
    descriptionEn: "Every 12 h renews tokens expiring within 24 h; alerts when a reconnection is needed.",
    group: "UTILITIES",
    kind: "OPERATIONS",
    trigger: "CRON",
    schedule: "0 0-23/12 * * *",
    usesAi: false,
  },
  {
    code: "MKT-402",
    slug: "mkt-402-aggregate-daily-analytics",
    nameFr: "Agrégation analytics quotidienne",
    nameEn: "Daily analytics aggregation",
    descriptionFr: "Consolide chaque soir à 23 h 59 contenus, publicités et leads de la journée.",
    descriptionEn: "Consolidates the day's content, ads and leads every night at 23:59.",
    group: "UTILITIES",
    kind: "ANALYTICS",
    trigger: "CRON",
    schedule: "59 23 * * *",
    usesAi: false,
  },
  {
    code: "MKT-403",
    slug: "mkt-403-weekly-ai-report",
    nameFr: "Rapport hebdomadaire AI",
    nameEn: "Weekly AI report",
    descriptionFr: "Chaque lundi à 8 h : résumé, top contenus, ROAS, pipeline et recommandations de la semaine.",
    descriptionEn: "Every Monday 8:00: summary, top posts, ROAS, pipeline and the week's recommendations.",
    group: "UTILITIES",
    kind: "ANALYTICS",
    trigger: "CRON",
    schedule: "0 8 * * 1",
    usesAi: true,
  },
  {
    code: "MKT-404",
    slug: "mkt-404-ai-learning-loop",
    nameFr: "Boucle d'apprentissage AI",
    nameEn: "AI learning loop",
    descriptionFr: "Chaque nuit, tire des enseignements des 30 derniers jours et les réinjecte dans les prompts des agents.",
    descriptionEn: "Every night, learns from the last 30 days and feeds it back into the agents' prompts.",
    group: "UTILITIES",
    kind: "ANALYTICS",
    trigger: "CRON",
    schedule: "0 2 * * *",
    config: { lookbackDays: int(30, 7, 90, "Fenêtre (jours)"), minConfidence: num(0.6, 0, 1, "Confiance minimum") },
    usesAi: true,
  },
];

/** Inbox triage (003) and the chat assistant (002): agents of every organisation beside the 26 workflows. */
export const OTHER_AGENTS: CatalogueEntry[] = [
  {
    code: "INB-001",
    slug: "inbox-triage",
    nameFr: "Tri de la boîte de réception",
    nameEn: "Inbox triage",
    descriptionFr: "Trie messages privés et commentaires : vos règles d'abord, puis l'IA ; ignorer, escalader à l'équipe ou répondre seule, seulement si le contrôle IA est activé (Messagerie › Règles et IA).",
    descriptionEn: "Sorts direct messages and comments: your rules first, then the AI; ignore, escalate to the team or answer on its own, only while the AI control is on (Inbox › Rules and AI).",
    group: null,
    kind: "INBOX",
    trigger: "EVENT",
    config: { autoReplyEnabled: bool(false, "Réponses automatiques"), escalateNegative: bool(true, "Escalader les messages négatifs") },
    usesAi: true,
    requiredConnections: ["FACEBOOK", "INSTAGRAM"],
  },
  {
    code: "AST-001",
    slug: "assistant",
    nameFr: "Assistant marketing",
    nameEn: "Marketing assistant",
    descriptionFr: "L'assistant conversationnel qui construit des scénarios marketing avec vous.",
    descriptionEn: "The chat assistant that builds marketing scenarios with you.",
    group: null,
    kind: "CUSTOM",
    trigger: "MANUAL",
    config: { language: { type: "string", enum: ["fr", "en"], default: "fr", "ui:title": "Langue", "ui:widget": "select" } },
    usesAi: true,
  },
];

/** Every template: what each organisation gets installed. */
export const AGENT_TEMPLATES: CatalogueEntry[] = [...AGENT_CATALOGUE, ...OTHER_AGENTS];

/**
 * The template of a workflow function id ("mkt-107-sweep" -> MKT-107, "inb-001-triage-comment" ->
 * INB-001), or undefined. The inbox triage is an agent like the workflows: switched off in Agents, its
 * runs are skipped (messages and comments stay stored, untriaged, for the team) and its runs are logged.
 */
export function workflowCodeOfFunction(functionId: string): string | undefined {
  // "<id>-failure" is the onFailure handler Inngest registers beside a function: not a run of the agent.
  if (functionId.endsWith("-failure")) return undefined;
  const m = /(?:^|-)(mkt|inb)-(\d{3})(?:-|$)/.exec(functionId);
  if (!m) return undefined;
  const code = `${m[1]!.toUpperCase()}-${m[2]}`;
  return AGENT_TEMPLATES.some((e) => e.code === code) ? code : undefined;
}

/** The JSON Schema of an entry's configuration form. */
export function configSchemaOf(entry: CatalogueEntry): Record<string, unknown> {
  return { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", additionalProperties: false, properties: entry.config ?? {} };
}

/** Defaults taken from the schema. */
export function defaultConfigOf(entry: CatalogueEntry): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry.config ?? {}).map(([k, v]) => [k, v.default]));
}
