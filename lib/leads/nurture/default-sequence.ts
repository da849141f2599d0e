import "server-only";
import type { Prisma } from "@/lib/db/client";
import type { LeadTier } from "@/lib/db/generated/enums";

type Tx = Prisma.TransactionClient;

/** The organisation's default warm sequence when it has none yet (seed 000 MKT-303: AI-personalised follow-ups). */
const DEFAULT_WARM: Record<"fr" | "en", { name: string; description: string; steps: { delayMinutes: number; bodyPrompt: string }[] }> = {
  fr: {
    name: "Relance des leads tièdes",
    description: "Trois emails personnalisés sur dix jours ; chaque message attend un oui humain avant l'envoi.",
    steps: [
      { delayMinutes: 0, bodyPrompt: "Premier contact après la demande : remercier, reprendre le besoin exprimé, présenter le produit suggéré et proposer un échange de 20 minutes." },
      { delayMinutes: 3 * 24 * 60, bodyPrompt: "Relance : apporter un élément concret (méthode, exemple d'entreprise comparable) lié aux problèmes cités, puis reproposer un échange." },
      { delayMinutes: 7 * 24 * 60, bodyPrompt: "Dernier message : court, respectueux, laisser la porte ouverte (répondre « plus tard ») et proposer deux créneaux." },
    ],
  },
  en: {
    name: "Warm lead follow-up",
    description: "Three personalised emails over ten days; each message waits for a human yes before it is sent.",
    steps: [
      { delayMinutes: 0, bodyPrompt: "First contact after the request: thank them, restate the need they expressed, present the suggested product and offer a 20-minute call." },
      { delayMinutes: 3 * 24 * 60, bodyPrompt: "Follow-up: bring something concrete (method, example of a comparable company) tied to the problems they mentioned, then offer a call again." },
      { delayMinutes: 7 * 24 * 60, bodyPrompt: "Last message: short and respectful, leave the door open (reply \"later\") and offer two time slots." },
    ],
  },
};

/**
 * The sequence a qualified lead joins: the one MKT-302 suggested when it is still active, else the
 * organisation's oldest active sequence for the tier. A warm lead in an organisation without any gets
 * the default warm sequence, created here (AI email steps, no auto-approve: every message waits for a
 * person). Cold leads join a long-term sequence only when the organisation made one.
 */
export async function resolveSequence(tx: Tx, opts: { organizationId: string; tier: LeadTier; suggestedSequenceId: string | null }): Promise<string | null> {
  if (opts.suggestedSequenceId) {
    const s = await tx.nurtureSequence.findFirst({ where: { id: opts.suggestedSequenceId, organizationId: opts.organizationId, status: "ACTIVE" }, select: { id: true } });
    if (s) return s.id;
  }
  const found = await tx.nurtureSequence.findFirst({ where: { organizationId: opts.organizationId, status: "ACTIVE", targetTier: opts.tier }, orderBy: { createdAt: "asc" }, select: { id: true } });
  if (found || opts.tier !== "WARM") return found?.id ?? null;
  // One default per organisation even when two leads qualify at once.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`default-sequence:${opts.organizationId}`}))`;
  const again = await tx.nurtureSequence.findFirst({ where: { organizationId: opts.organizationId, targetTier: "WARM" }, orderBy: { createdAt: "asc" }, select: { id: true, status: true } });
  if (again) return again.status === "ACTIVE" ? again.id : null;
  const org = await tx.organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { locale: true } });
  const d = DEFAULT_WARM[org.locale === "en" ? "en" : "fr"];
  const created = await tx.nurtureSequence.create({
    data: {
      organizationId: opts.organizationId,
      name: d.name,
      description: d.description,
      targetTier: "WARM",
      status: "ACTIVE",
      steps: { create: d.steps.map((s, position) => ({ organizationId: opts.organizationId, position, channel: "EMAIL" as const, mode: "AI" as const, delayMinutes: s.delayMinutes, bodyPrompt: s.bodyPrompt, templateLanguage: org.locale === "en" ? "en" : "fr" })) },
    },
    select: { id: true },
  });
  return created.id;
}
