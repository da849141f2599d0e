import type { Prisma } from "@/lib/db/client";
import type { LeadSourceType, LeadStatus, LeadTier } from "@/lib/db/generated/enums";
import { scoreLead } from "@/lib/leads/scoring/rubric";
import { routeOf, type ScoreBreakdown } from "@/lib/leads/scoring/score-lead";
import { DAY, HOUR, MINUTE, plus } from "./clock";
import { demoId, type DemoContext } from "./context";
import type { AdsSeed } from "./seed-ads";
import type { ContentSeed } from "./seed-content";

/**
 * Opportunity Hunter demo: leads at every stage (new, scored hot/warm/cold, nurturing, replied, booked,
 * converted, lost), two nurture sequences with email + WhatsApp steps, interactions with AI
 * sentiment/intent on replies, one booking, one conversion credited linearly to its touches, one
 * suppression. Phone numbers are in the French range reserved for fiction (06 39 98 xx xx).
 */
export type LeadsSeed = {
  ids: Record<LeadKey, string>;
  /** The inbound WhatsApp reply of the "replied" lead; the inbox links its conversation message to it. */
  whatsappReplyInteractionId: string;
  bookingId: string;
  conversionId: string;
  newLeadsByDay: Map<number, number>;
};

type LeadKey = "new1" | "new2" | "hot" | "warm" | "cold" | "nurture1" | "nurture2" | "replied" | "booked" | "converted" | "lost";
type LeadSpec = {
  key: LeadKey;
  first: string;
  last: string;
  email: string;
  phone?: string;
  company: string;
  jobTitle: string;
  companySize: string;
  country: string;
  source: "form" | "meta" | "google" | "csv" | "webinar";
  status: LeadStatus;
  tier?: LeadTier;
  painPoints: string[];
  budgetMinor?: number;
  whatsappOptIn?: boolean;
  createdDay: number;
  createdHour: number;
};

const LEADS: LeadSpec[] = [
  {
    key: "new1",
    first: "Claire",
    last: "Martin",
    email: " Claire.Martin@Hotel-Les-Dunes.example ",
    company: "Hôtel Les Dunes",
    jobTitle: "Gérante",
    companySize: "11-50",
    country: "FR",
    source: "form",
    status: "NEW",
    painPoints: [],
    createdDay: -1,
    createdHour: 23,
    phone: "06 39 98 00 01",
  },
  {
    key: "new2",
    first: "Ibrahima",
    last: "Sow",
    email: "ibrahima.sow@lebaobab.example",
    company: "Restaurant Le Baobab",
    jobTitle: "Propriétaire",
    companySize: "11-50",
    country: "SN",
    source: "meta",
    status: "NEW",
    painPoints: ["Salle bruyante"],
    createdDay: -1,
    createdHour: 21,
    phone: "+33 6 39 98 00 02",
  },
  {
    key: "hot",
    first: "Sophie",
    last: "Lefèvre",
    email: "sophie.lefevre@groupe-azur.example",
    company: "Groupe hôtelier Azur",
    jobTitle: "Directrice des achats",
    companySize: "200+",
    country: "FR",
    source: "webinar",
    status: "SCORED",
    tier: "HOT",
    painPoints: ["Rénovation de 3 hôtels en 2027", "Délais fournisseurs", "Identité locale des établissements"],
    budgetMinor: 4_500_000,
    createdDay: -1,
    createdHour: 15,
    phone: "06 39 98 00 03",
  },
  {
    key: "warm",
    first: "Mamadou",
    last: "Diallo",
    email: "m.diallo@studio-diallo.example",
    company: "Studio Diallo Architecture",
    jobTitle: "Architecte d'intérieur",
    companySize: "1-10",
    country: "CI",
    source: "form",
    status: "SCORED",
    tier: "WARM",
    painPoints: ["Trouver des artisans fiables", "Délais de livraison vers Abidjan"],
    budgetMinor: 800_000,
    createdDay: -1,
    createdHour: 10,
  },
  {
    key: "cold",
    first: "Julien",
    last: "Bernard",
    email: "julien.bernard@freelance.example",
    company: "Indépendant",
    jobTitle: "Décorateur",
    companySize: "1-10",
    country: "FR",
    source: "csv",
    status: "SCORED",
    tier: "COLD",
    painPoints: [],
    createdDay: -2,
    createdHour: 11,
  },
  {
    key: "nurture1",
    first: "Aïssatou",
    last: "Ba",
    email: "aissatou.ba@sahelhub.example",
    company: "Sahel Hub Coworking",
    jobTitle: "Co-fondatrice",
    companySize: "11-50",
    country: "SN",
    source: "form",
    status: "NURTURING",
    tier: "WARM",
    painPoints: ["Aménager 2 nouveaux étages", "Budget maîtrisé"],
    whatsappOptIn: true,
    createdDay: -4,
    createdHour: 9,
    phone: "06 39 98 00 06",
  },
  {
    key: "nurture2",
    first: "Thomas",
    last: "Girard",
    email: "thomas.girard@cafe-des-arts.example",
    company: "Café des Arts",
    jobTitle: "Gérant",
    companySize: "1-10",
    country: "FR",
    source: "csv",
    status: "NURTURING",
    tier: "COLD",
    painPoints: ["Renouveler la terrasse"],
    createdDay: -3,
    createdHour: 14,
  },
  {
    key: "replied",
    first: "Fatou",
    last: "Ndiaye",
    email: "fatou.ndiaye@residence-saly.example",
    company: "Résidence hôtelière Saly",
    jobTitle: "Directrice",
    companySize: "51-200",
    country: "SN",
    source: "meta",
    status: "REPLIED",
    tier: "WARM",
    painPoints: ["Rafraîchir 20 suites avant la haute saison"],
    whatsappOptIn: true,
    createdDay: -3,
    createdHour: 16,
    phone: "06 39 98 00 08",
  },
  {
    key: "booked",
    first: "Nicolas",
    last: "Moreau",
    email: "nicolas.moreau@brasseries-rhone.example",
    company: "Brasseries du Rhône",
    jobTitle: "Directeur des opérations",
    companySize: "51-200",
    country: "FR",
    source: "webinar",
    status: "BOOKED",
    tier: "HOT",
    painPoints: ["Ouvrir 2 brasseries à Lyon", "Acoustique des salles"],
    budgetMinor: 3_000_000,
    createdDay: -6,
    createdHour: 11,
    phone: "06 39 98 00 09",
  },
  {
    key: "converted",
    first: "Kofi",
    last: "Mensah",
    email: "kofi.mensah@hotel-lagune.example",
    company: "Hôtel Lagune",
    jobTitle: "Directeur général",
    companySize: "51-200",
    country: "CI",
    source: "google",
    status: "CONVERTED",
    tier: "HOT",
    painPoints: ["Refaire le lobby et le restaurant", "Mobilier durable"],
    budgetMinor: 1_500_000,
    whatsappOptIn: true,
    createdDay: -9,
    createdHour: 10,
    phone: "06 39 98 00 10",
  },
  {
    key: "lost",
    first: "Pierre",
    last: "Dubois",
    email: "pierre.dubois@boutique-dubois.example",
    company: "Boutique Dubois",
    jobTitle: "Gérant",
    companySize: "1-10",
    country: "FR",
    source: "csv",
    status: "LOST",
    tier: "COLD",
    painPoints: [],
    createdDay: -8,
    createdHour: 9,
  },
];

const SOURCE_TYPE: Record<LeadSpec["source"], LeadSourceType> = {
  form: "FORM",
  meta: "META_LEAD_ADS",
  google: "GOOGLE_LEAD_ADS",
  csv: "CSV",
  webinar: "WEBINAR",
};

/** E.164 for French numbers written nationally or internationally (enough for the demo's fiction range). */
function toE164(raw: string): string {
  const digits = raw.replace(/[^\d+]/g, "");
  if (digits.startsWith("+")) return digits;
  return "+33" + digits.replace(/^0/, "");
}

export async function seedLeads(ctx: DemoContext, content: ContentSeed, ads: AdsSeed): Promise<LeadsSeed> {
  const { tx, clock, organizationId, brandId, ownerId, editorId, accounts, currency, products } = ctx;
  const id = (k: string) => demoId(`${organizationId}:leads:${k}`);
  const ids = Object.fromEntries(LEADS.map((l) => [l.key, id(`lead:${l.key}`)])) as Record<LeadKey, string>;

  const sources = { form: id("src:form"), meta: id("src:meta"), google: id("src:google"), csv: id("src:csv"), webinar: id("src:webinar") };
  await tx.leadSource.createMany({
    data: [
      {
        id: sources.form,
        organizationId,
        type: "FORM",
        name: "Site web – Demande de devis",
        externalId: "site-devis",
        config: { fields: ["nom", "email", "téléphone", "entreprise", "budget"] },
        createdAt: clock.at(-60, 10),
      },
      {
        id: sources.meta,
        organizationId,
        type: "META_LEAD_ADS",
        name: "Meta Lead Ads – Bogolan hôtellerie",
        externalId: "sandbox-leadgen-form-001",
        socialAccountId: accounts.META_ADS,
        createdAt: clock.at(-3, 7),
      },
      {
        id: sources.google,
        organizationId,
        type: "GOOGLE_LEAD_ADS",
        name: "Google – Formulaire mobilier de bureau",
        externalId: "sandbox-google-leadform-001",
        socialAccountId: accounts.GOOGLE_ADS,
        createdAt: clock.at(-11, 16),
      },
      { id: sources.csv, organizationId, type: "CSV", name: "Import salon Maison&Objet", externalId: "import-maison-objet", createdAt: clock.at(-10, 9) },
      {
        id: sources.webinar,
        organizationId,
        type: "WEBINAR",
        name: "Webinaire « Aménager avec l'artisanat »",
        externalId: "webinaire-artisanat",
        createdAt: clock.at(-20, 9),
      },
    ],
  });

  // --- nurture sequences (MKT-303) ---
  const warmSeq = id("seq:warm");
  const coldSeq = id("seq:cold");
  await tx.nurtureSequence.createMany({
    data: [
      {
        id: warmSeq,
        organizationId,
        brandId,
        name: "Tièdes – Aménagement professionnel",
        description: "4 étapes sur 10 jours pour les leads tièdes : cas client, WhatsApp de suivi, guide, proposition d'appel.",
        targetTier: "WARM",
        status: "ACTIVE",
        createdById: ownerId,
        createdAt: clock.at(-30, 10),
      },
      {
        id: coldSeq,
        organizationId,
        brandId,
        name: "Froids – Inspiration long terme",
        description: "Un e-mail d'inspiration toutes les deux semaines.",
        targetTier: "COLD",
        status: "ACTIVE",
        createdById: editorId,
        createdAt: clock.at(-30, 11),
      },
    ],
  });
  const step = (seq: string, n: number) => id(`step:${seq === warmSeq ? "warm" : "cold"}:${n}`);
  await tx.nurtureStep.createMany({
    data: [
      {
        id: step(warmSeq, 0),
        organizationId,
        sequenceId: warmSeq,
        position: 0,
        channel: "EMAIL",
        delayMinutes: 0,
        subjectPrompt: "Objet court qui évoque le projet du lead",
        bodyPrompt: "Remercie {{first_name}} pour sa demande, présente le cas Hôtel Teranga (42 chambres en 10 semaines) et relie-le à ses pain points.",
        createdAt: clock.at(-30, 10),
      },
      {
        id: step(warmSeq, 1),
        organizationId,
        sequenceId: warmSeq,
        position: 1,
        channel: "WHATSAPP",
        delayMinutes: 2 * 24 * 60,
        bodyPrompt: "Message bref de suivi : as-tu pu parcourir le cas Teranga ? Propose d'envoyer des échantillons de textiles.",
        whatsappTemplateName: "suivi_projet_fr",
        createdAt: clock.at(-30, 10),
      },
      {
        id: step(warmSeq, 2),
        organizationId,
        sequenceId: warmSeq,
        position: 2,
        channel: "EMAIL",
        delayMinutes: 3 * 24 * 60,
        subjectPrompt: "Guide pratique",
        bodyPrompt: "Partage le guide « 3 erreurs à éviter » adapté au secteur du lead.",
        createdAt: clock.at(-30, 10),
      },
      {
        id: step(warmSeq, 3),
        organizationId,
        sequenceId: warmSeq,
        position: 3,
        channel: "EMAIL",
        delayMinutes: 5 * 24 * 60,
        subjectPrompt: "Proposition d'échange",
        bodyPrompt: "Propose un appel de 20 minutes avec un lien de réservation.",
        createdAt: clock.at(-30, 10),
      },
      {
        id: step(coldSeq, 0),
        organizationId,
        sequenceId: coldSeq,
        position: 0,
        channel: "EMAIL",
        delayMinutes: 0,
        subjectPrompt: "Inspiration",
        bodyPrompt: "Partage trois réalisations récentes avec un ton inspirant, sans appel à l'action commercial.",
        createdAt: clock.at(-30, 10),
      },
      {
        id: step(coldSeq, 1),
        organizationId,
        sequenceId: coldSeq,
        position: 1,
        channel: "EMAIL",
        delayMinutes: 14 * 24 * 60,
        subjectPrompt: "Coulisses de l'atelier",
        bodyPrompt: "Raconte la fabrication d'une pièce bogolan (8 semaines) et invite à suivre l'atelier.",
        createdAt: clock.at(-30, 10),
      },
      {
        id: step(coldSeq, 2),
        organizationId,
        sequenceId: coldSeq,
        position: 2,
        channel: "EMAIL",
        delayMinutes: 14 * 24 * 60,
        subjectPrompt: "Un projet en 2027 ?",
        bodyPrompt: "Demande simplement si un projet d'aménagement est prévu cette année.",
        createdAt: clock.at(-30, 10),
      },
    ],
  });

  // --- leads ---
  const attribution = (l: LeadSpec) =>
    l.source === "meta"
      ? {
          campaignId: ads.meta.campaignId,
          adSetId: ads.meta.adSetId,
          creativeId: ads.meta.creativeIds[1],
          contentSignalId: content.signalId,
          utmSource: "facebook",
          utmMedium: "paid_social",
          utmCampaign: "bogolan-hotellerie",
        }
      : l.source === "google"
        ? {
            campaignId: ads.google.campaignId,
            adSetId: ads.google.adSetId,
            creativeId: ads.google.creativeId,
            utmSource: "google",
            utmMedium: "cpc",
            utmCampaign: "kaicedrat-bureau",
          }
        : l.source === "webinar"
          ? { utmSource: "webinar", utmMedium: "event", utmCampaign: "webinaire-artisanat" }
          : {};
  // A demo lead's score is what MKT-302's rubric gives for its profile (the page sums the lines it shows);
  // a spec whose narrative tier the rubric does not confirm is a seed bug, caught here.
  const urgencyOf = (tier: LeadTier) => (tier === "HOT" ? ("HIGH" as const) : ("LOW" as const));
  const rubricOf = (l: LeadSpec) => {
    const r = scoreLead({ email: l.email, phone: l.phone ? toE164(l.phone) : null, company: l.company, jobTitle: l.jobTitle, sourceType: SOURCE_TYPE[l.source], budget: l.budgetMinor ? l.budgetMinor / 100 : null, companySize: l.companySize, painPoints: l.painPoints, urgency: l.tier ? urgencyOf(l.tier) : null });
    if (l.tier && r.tier !== l.tier) throw new Error(`demo lead ${l.key}: the rubric gives ${r.score} (${r.tier}), the story says ${l.tier}`);
    return r;
  };
  const createdAtOf = (l: LeadSpec) => clock.at(l.createdDay, l.createdHour, l.key === "new1" ? 10 : 0);
  const leadRows: Prisma.LeadCreateManyInput[] = LEADS.map((l) => {
    const createdAt = createdAtOf(l);
    const scored = l.tier !== undefined;
    return {
      id: ids[l.key],
      organizationId,
      brandId,
      sourceId: sources[l.source],
      sourceType: SOURCE_TYPE[l.source],
      sourceDetail: l.source === "meta" ? "Formulaire instantané – Devis hôtellerie" : l.source === "csv" ? "Salon Maison&Objet" : null,
      externalLeadId: l.source === "meta" || l.source === "google" ? `sandbox-${l.source}-lead-${l.key}` : null,
      firstName: l.first,
      lastName: l.last,
      email: l.email,
      emailNormalized: l.email.trim().toLowerCase(),
      phone: l.phone ?? null,
      phoneE164: l.phone ? toE164(l.phone) : null,
      company: l.company,
      jobTitle: l.jobTitle,
      companySize: l.companySize,
      budgetMinor: l.budgetMinor ?? null,
      currency,
      painPoints: l.painPoints,
      urgency: l.tier ? urgencyOf(l.tier) : null,
      country: l.country,
      ...attribution(l),
      status: l.status,
      score: scored ? rubricOf(l).score : null,
      tier: l.tier ?? null,
      scoredAt: scored ? plus(createdAt, 2 * MINUTE) : null,
      suggestedProductId: !scored
        ? null
        : l.jobTitle.includes("Architecte") || l.company.includes("Coworking") || l.company.includes("Studio")
          ? products.office
          : l.company.includes("Hôtel") || l.company.includes("hôtel") || l.company.includes("Résidence")
            ? products.bespoke
            : products.textiles,
      assignedToId: l.tier === "HOT" ? ownerId : null,
      gdprConsent: l.source !== "csv",
      consentAt: l.source !== "csv" ? createdAt : null,
      consentSource:
        l.source === "form"
          ? "Case à cocher formulaire devis"
          : l.source === "meta"
            ? "Formulaire Meta Lead Ads"
            : l.source === "google"
              ? "Formulaire Google"
              : l.source === "webinar"
                ? "Inscription webinaire"
                : null,
      whatsappOptIn: l.whatsappOptIn ?? false,
      whatsappOptInAt: l.whatsappOptIn ? createdAt : null,
      createdAt,
    };
  });
  await tx.lead.createMany({ data: leadRows });

  // MKT-302 scoring history for every scored lead: the product's own rubric and breakdown format.
  await tx.leadScore.createMany({
    data: LEADS.filter((l) => l.tier !== undefined).map((l) => {
      const r = rubricOf(l);
      const reasoning =
        l.tier === "HOT"
          ? "Décideur identifié, budget supérieur à 10 k€, projet daté : appel à proposer rapidement."
          : l.tier === "WARM"
            ? "Projet réel mais horizon ou budget à préciser : séquence de nurturing."
            : "Profil incomplet, pas de projet identifié : séquence inspiration long terme.";
      const suggestedProductId = leadRows.find((row) => row.id === ids[l.key])?.suggestedProductId ?? null;
      const breakdown: ScoreBreakdown = {
        lines: r.lines,
        judgement: { painPoints: l.painPoints, urgency: urgencyOf(r.tier), fit: r.tier === "COLD" ? "PARTIAL" : "GOOD", reasoning, suggestedProductId },
        route: routeOf(r.tier),
      };
      return {
        id: id(`score:${l.key}`),
        organizationId,
        leadId: ids[l.key],
        score: r.score,
        tier: r.tier,
        reasoning,
        breakdown: breakdown as unknown as Prisma.InputJsonValue,
        suggestedProductId,
        suggestedSequenceId: l.tier === "WARM" ? warmSeq : l.tier === "COLD" ? coldSeq : null,
        model: "offline",
        scoredAt: plus(createdAtOf(l), 2 * MINUTE),
      };
    }),
  });

  // --- enrollments ---
  await tx.sequenceEnrollment.createMany({
    data: [
      {
        id: id("enr:nurture1"),
        organizationId,
        leadId: ids.nurture1,
        sequenceId: warmSeq,
        status: "ACTIVE",
        currentStep: 2,
        nextActionAt: clock.at(1, 10),
        startedAt: clock.at(-4, 9, 5),
      },
      {
        id: id("enr:nurture2"),
        organizationId,
        leadId: ids.nurture2,
        sequenceId: coldSeq,
        status: "ACTIVE",
        currentStep: 1,
        nextActionAt: clock.at(11, 10),
        startedAt: clock.at(-3, 14, 5),
      },
      {
        id: id("enr:replied"),
        organizationId,
        leadId: ids.replied,
        sequenceId: warmSeq,
        status: "CANCELLED",
        currentStep: 2,
        startedAt: clock.at(-3, 16, 5),
        cancelledAt: clock.at(-1, 19, 12),
        cancelReason: "reply",
      },
      {
        id: id("enr:booked"),
        organizationId,
        leadId: ids.booked,
        sequenceId: warmSeq,
        status: "CANCELLED",
        currentStep: 1,
        startedAt: clock.at(-6, 11, 5),
        cancelledAt: clock.at(-5, 8, 30),
        cancelReason: "booked",
      },
      {
        id: id("enr:converted"),
        organizationId,
        leadId: ids.converted,
        sequenceId: warmSeq,
        status: "COMPLETED",
        currentStep: 4,
        startedAt: clock.at(-9, 10, 5),
        completedAt: clock.at(-5, 10),
      },
      {
        id: id("enr:lost"),
        organizationId,
        leadId: ids.lost,
        sequenceId: coldSeq,
        status: "CANCELLED",
        currentStep: 1,
        startedAt: clock.at(-8, 9, 5),
        cancelledAt: clock.at(-6, 20),
        cancelReason: "unsubscribed",
      },
    ],
  });

  // --- interactions (outbound sends with idempotency keys, inbound replies with AI analysis) ---
  type I = Prisma.LeadInteractionCreateManyInput;
  const out = (
    k: string,
    lead: LeadKey,
    enr: string,
    seqStep: string,
    pos: number,
    channel: "EMAIL" | "WHATSAPP",
    at: Date,
    subject: string | null,
    body: string,
    status: I["status"] = "DELIVERED",
  ): I => ({
    id: id(`int:${k}`),
    organizationId,
    leadId: ids[lead],
    enrollmentId: id(`enr:${enr}`),
    stepId: seqStep,
    channel,
    direction: "OUTBOUND",
    status,
    subject,
    body,
    isTemplate: channel === "WHATSAPP",
    templateName: channel === "WHATSAPP" ? "suivi_projet_fr" : null,
    providerMessageId: channel === "EMAIL" ? `sandbox-email-${k}` : `wamid.sandbox-${k}`,
    idempotencyKey: `${id(`enr:${enr}`)}:${pos}`,
    occurredAt: at,
    sentAt: at,
    deliveredAt: status === "DELIVERED" || status === "READ" ? plus(at, MINUTE) : null,
    readAt: status === "READ" ? plus(at, 3 * HOUR) : null,
    createdAt: at,
  });
  const whatsappReplyId = id("int:replied-in");
  const interactions: I[] = [
    out(
      "nurture1-0",
      "nurture1",
      "nurture1",
      step(warmSeq, 0),
      0,
      "EMAIL",
      clock.at(-4, 9, 6),
      "Votre projet d'aménagement au Sahel Hub",
      "Bonjour Aïssatou, merci pour votre demande ! Pour aménager vos deux nouveaux étages, notre projet à l'Hôtel Teranga (42 chambres en 10 semaines) pourrait vous inspirer…",
      "READ",
    ),
    out(
      "nurture1-1",
      "nurture1",
      "nurture1",
      step(warmSeq, 1),
      1,
      "WHATSAPP",
      clock.at(-2, 10),
      null,
      "Bonjour Aïssatou, c'est l'équipe d'Atelier Sahel. Avez-vous pu parcourir le cas Teranga ? Nous pouvons vous envoyer des échantillons de textiles.",
      "READ",
    ),
    out(
      "nurture2-0",
      "nurture2",
      "nurture2",
      step(coldSeq, 0),
      0,
      "EMAIL",
      clock.at(-3, 14, 6),
      "Trois terrasses qui nous ont inspirés",
      "Bonjour Thomas, voici trois réalisations récentes pour des cafés et terrasses…",
      "SENT",
    ),
    out(
      "replied-0",
      "replied",
      "replied",
      step(warmSeq, 0),
      0,
      "EMAIL",
      clock.at(-3, 16, 6),
      "Vos suites à Saly",
      "Bonjour Fatou, merci pour votre intérêt ! Pour rafraîchir vos 20 suites avant la haute saison…",
      "READ",
    ),
    out(
      "replied-1",
      "replied",
      "replied",
      step(warmSeq, 1),
      1,
      "WHATSAPP",
      clock.at(-1, 16, 6),
      null,
      "Bonjour Fatou, c'est Atelier Sahel. Souhaitez-vous recevoir des échantillons de bogolan pour vos suites ?",
      "READ",
    ),
    {
      id: whatsappReplyId,
      organizationId,
      leadId: ids.replied,
      channel: "WHATSAPP",
      direction: "INBOUND",
      status: "RECEIVED",
      body: "Oui avec plaisir ! Pouvez-vous m'envoyer un devis pour 20 suites ? Nous voudrions que tout soit prêt pour décembre.",
      providerMessageId: "wamid.sandbox-replied-in",
      aiSentiment: "POSITIVE",
      aiIntent: "INTERESTED",
      aiObjections: ["Délai serré (décembre)"],
      aiRecommendedAction: "ESCALATE_HUMAN",
      occurredAt: clock.at(-1, 19, 10),
      createdAt: clock.at(-1, 19, 10),
    },
    out(
      "booked-0",
      "booked",
      "booked",
      step(warmSeq, 0),
      0,
      "EMAIL",
      clock.at(-6, 11, 6),
      "Vos brasseries à Lyon",
      "Bonjour Nicolas, ravi de vous avoir compté parmi les participants du webinaire…",
      "READ",
    ),
    {
      id: id("int:booked-in"),
      organizationId,
      leadId: ids.booked,
      channel: "EMAIL",
      direction: "INBOUND",
      status: "RECEIVED",
      subject: "Re: Vos brasseries à Lyon",
      body: "Bonjour, le timing est bon : nous ouvrons en mars. Pouvons-nous en parler la semaine prochaine ?",
      providerMessageId: "sandbox-email-booked-in",
      aiSentiment: "POSITIVE",
      aiIntent: "READY_TO_BUY",
      aiRecommendedAction: "BOOK_CALL",
      occurredAt: clock.at(-5, 8, 20),
      createdAt: clock.at(-5, 8, 20),
    },
    {
      id: id("int:booked-proposal"),
      organizationId,
      leadId: ids.booked,
      channel: "EMAIL",
      direction: "OUTBOUND",
      status: "READ",
      subject: "Trois créneaux pour échanger",
      body: "Bonjour Nicolas, voici trois créneaux cette semaine ou la suivante ; choisissez celui qui vous convient.",
      providerMessageId: "sandbox-email-booked-proposal",
      idempotencyKey: `${ids.booked}:booking-proposal`,
      occurredAt: clock.at(-5, 8, 30),
      sentAt: clock.at(-5, 8, 30),
      deliveredAt: clock.at(-5, 8, 31),
      readAt: clock.at(-5, 9),
      createdAt: clock.at(-5, 8, 30),
    },
    out(
      "converted-0",
      "converted",
      "converted",
      step(warmSeq, 0),
      0,
      "EMAIL",
      clock.at(-9, 10, 6),
      "Le lobby de l'Hôtel Lagune",
      "Bonjour Kofi, merci pour votre demande de catalogue…",
      "READ",
    ),
    out(
      "converted-1",
      "converted",
      "converted",
      step(warmSeq, 1),
      1,
      "WHATSAPP",
      clock.at(-7, 10),
      null,
      "Bonjour Kofi, c'est Atelier Sahel. Souhaitez-vous des échantillons de kaïcedrat ?",
      "READ",
    ),
    out(
      "converted-2",
      "converted",
      "converted",
      step(warmSeq, 2),
      2,
      "EMAIL",
      clock.at(-6, 10),
      "Le guide : 3 erreurs à éviter pour un lobby d'hôtel",
      "Bonjour Kofi, comme promis, notre guide…",
      "READ",
    ),
    {
      id: id("int:converted-call"),
      organizationId,
      leadId: ids.converted,
      channel: "CALL",
      direction: "OUTBOUND",
      status: "DELIVERED",
      body: "Appel de cadrage (35 min) : lobby + restaurant, devis validé oralement, bon de commande attendu.",
      occurredAt: clock.at(-3, 15),
      createdById: ownerId,
      createdAt: clock.at(-3, 15, 40),
    },
    out(
      "lost-0",
      "lost",
      "lost",
      step(coldSeq, 0),
      0,
      "EMAIL",
      clock.at(-8, 9, 6),
      "Trois boutiques qui nous ont inspirés",
      "Bonjour Pierre, voici trois réalisations…",
      "DELIVERED",
    ),
    {
      id: id("int:lost-unsub"),
      organizationId,
      leadId: ids.lost,
      channel: "EMAIL",
      direction: "INBOUND",
      status: "RECEIVED",
      body: "Désinscription en un clic (List-Unsubscribe-Post).",
      aiIntent: "UNSUBSCRIBE",
      aiRecommendedAction: "REMOVE",
      occurredAt: clock.at(-6, 20),
      createdAt: clock.at(-6, 20),
    },
  ];
  await tx.leadInteraction.createMany({ data: interactions });

  // Lead timestamps that follow from the interactions.
  const lastOut = new Map<string, Date>();
  const firstOut = new Map<string, Date>();
  const lastIn = new Map<string, Date>();
  for (const i of interactions) {
    const at = i.occurredAt as Date;
    if (i.direction === "OUTBOUND") {
      if (!firstOut.has(i.leadId) || at < firstOut.get(i.leadId)!) firstOut.set(i.leadId, at);
      if (!lastOut.has(i.leadId) || at > lastOut.get(i.leadId)!) lastOut.set(i.leadId, at);
    } else if (!lastIn.has(i.leadId) || at > lastIn.get(i.leadId)!) lastIn.set(i.leadId, at);
  }
  for (const leadId of new Set([...firstOut.keys(), ...lastIn.keys()])) {
    const inbound = lastIn.get(leadId) ?? null;
    await tx.lead.update({
      where: { id: leadId },
      data: {
        firstContactedAt: firstOut.get(leadId) ?? null,
        lastContactedAt: lastOut.get(leadId) ?? null,
        lastInboundAt: inbound,
        whatsappWindowExpiresAt: leadId === ids.replied && inbound ? plus(inbound, DAY) : null,
      },
    });
  }
  await tx.lead.update({ where: { id: ids.replied }, data: { escalatedAt: clock.at(-1, 19, 12), assignedToId: editorId } });
  await tx.lead.update({ where: { id: ids.lost }, data: { unsubscribedAt: clock.at(-6, 20) } });
  await tx.suppression.create({
    data: {
      id: id("supp:lost"),
      organizationId,
      channel: "EMAIL",
      address: "pierre.dubois@boutique-dubois.example",
      reason: "UNSUBSCRIBED",
      source: "list-unsubscribe-post",
      leadId: ids.lost,
      createdAt: clock.at(-6, 20),
    },
  });

  // --- MKT-305 booking ---
  const bookingId = id("booking:booked");
  await tx.booking.create({
    data: {
      id: bookingId,
      organizationId,
      leadId: ids.booked,
      assignedToId: ownerId,
      provider: "BUILTIN",
      status: "CONFIRMED",
      proposedSlots: [0, 1, 2].map((k) => ({
        startAt: clock.at(2 + k, 10 + k * 2).toISOString(),
        endAt: plus(clock.at(2 + k, 10 + k * 2), 30 * MINUTE).toISOString(),
      })),
      startAt: clock.at(2, 10),
      endAt: plus(clock.at(2, 10), 30 * MINUTE),
      timezone: "Europe/Paris",
      meetingUrl: "https://meet.marketingengine.app/demo-brasseries-rhone",
      aiBriefing:
        "Nicolas Moreau, directeur des opérations des Brasseries du Rhône (51-200 salariés). Score 78 (chaud). Projet : 2 brasseries à Lyon, ouverture en mars. Pain points : acoustique des salles, délais. Produit suggéré : Aménagement sur mesure. Pas d'objection à ce stade ; préparer le cas Chez Fatou (acoustique) et un planning de 10 semaines.",
      briefing: {
        language: "fr",
        model: "offline-text-v1",
        summary: "Nicolas Moreau, directeur des opérations des Brasseries du Rhône (51-200 salariés), est un lead chaud (score 78/100). Projet : 2 brasseries à Lyon, ouverture en mars.",
        points: ["Faire préciser : l'acoustique des salles", "Faire préciser : les délais avant l'ouverture de mars", "Préparer le cas Chez Fatou (acoustique)", "Pas d'objection à ce stade"],
        nextStep: "Proposer un planning de 10 semaines pour l'Aménagement sur mesure et convenir d'une date de décision.",
      },
      slotKey: `${ownerId}:${clock.at(2, 10).toISOString()}`,
      leadTimezone: "Europe/Paris",
      confirmedAt: clock.at(-4, 9),
      invitedAt: clock.at(-5, 8, 31),
      createdAt: clock.at(-5, 8, 30),
    },
  });

  // --- MKT-307 conversion + linear attribution over its touches ---
  const conversionId = id("conv:converted");
  const value = 1_240_000;
  await tx.conversion.create({
    data: {
      id: conversionId,
      organizationId,
      leadId: ids.converted,
      productId: products.bespoke,
      type: "CONTRACT",
      valueMinor: value,
      currency,
      externalId: "devis-2026-041",
      occurredAt: clock.at(-1, 11),
      createdAt: clock.at(-1, 11, 1),
    },
  });
  const touches = [
    { type: "AD" as const, campaignId: ads.google.campaignId, channel: "google_ads", occurredAt: clock.at(-9, 10) },
    { type: "INTERACTION" as const, interactionId: id("int:converted-0"), channel: "email", occurredAt: clock.at(-9, 10, 6) },
    { type: "INTERACTION" as const, interactionId: id("int:converted-1"), channel: "whatsapp", occurredAt: clock.at(-7, 10) },
    { type: "INTERACTION" as const, interactionId: id("int:converted-2"), channel: "email", occurredAt: clock.at(-6, 10) },
  ];
  const share = Math.floor(value / touches.length);
  await tx.attributionTouch.createMany({
    data: touches.map((t, i) => ({
      id: id(`touch:${i}`),
      organizationId,
      conversionId,
      leadId: ids.converted,
      position: i,
      ...t,
      weight: 1 / touches.length,
      // the last touch absorbs the rounding remainder so credited values add up to the conversion value
      creditedValueMinor: i === touches.length - 1 ? value - share * (touches.length - 1) : share,
      currency,
    })),
  });
  await tx.lead.update({ where: { id: ids.converted }, data: { convertedAt: clock.at(-1, 11), conversionValueMinor: value } });

  const newLeadsByDay = new Map<number, number>();
  for (const l of LEADS) newLeadsByDay.set(l.createdDay, (newLeadsByDay.get(l.createdDay) ?? 0) + 1);
  return { ids, whatsappReplyInteractionId: whatsappReplyId, bookingId, conversionId, newLeadsByDay };
}
