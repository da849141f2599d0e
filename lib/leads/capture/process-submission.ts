import "server-only";
import { Prisma, db } from "@/lib/db/client";
import type { LeadSourceType } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { publishLiveEvent } from "@/lib/live/publish";
import { defaultCountryOf } from "./default-country";
import { normaliseLead, type NormalisedLead } from "./normalise";
import { recordOf } from "./source-records";

type Tx = Prisma.TransactionClient;
export type ProcessSubmissionResult = { leadId: string; created: boolean; warnings: string[] };

const MERGED_COLUMNS = [
  "firstName",
  "lastName",
  "email",
  "company",
  "jobTitle",
  "companySize",
  "budgetMinor",
  "sourceDetail",
  "utmSource",
  "utmMedium",
  "utmCampaign",
  "utmContent",
  "utmTerm",
  "country",
  "consentText",
] as const;

/** Fields to write on an existing lead: only where it has nothing yet (every non-empty value is kept). */
function fillEmpty(existing: Record<string, unknown>, n: NormalisedLead): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const k of MERGED_COLUMNS) {
    const v = n[k];
    if (v !== null && v !== undefined && (existing[k] === null || existing[k] === undefined || existing[k] === "")) data[k] = v;
  }
  return data;
}

async function findExisting(tx: Tx, organizationId: string, n: NormalisedLead) {
  if (n.emailNormalized) {
    const byEmail = await tx.lead.findUnique({ where: { organizationId_emailNormalized: { organizationId, emailNormalized: n.emailNormalized } } });
    if (byEmail) return byEmail;
  }
  if (n.phoneE164) return tx.lead.findUnique({ where: { organizationId_phoneE164: { organizationId, phoneE164: n.phoneE164 } } });
  return null;
}

async function mergeOnce(opts: { organizationId: string; submissionId: string; defaultCountry: string; now: Date }): Promise<ProcessSubmissionResult> {
  const { organizationId, submissionId } = opts;
  return db().$transaction(async (tx) => {
    const sub = await tx.leadSubmission.findFirst({ where: { id: submissionId, organizationId } });
    if (!sub) throw notFound("leadSubmission");
    if (sub.status === "PROCESSED" && sub.leadId) return { leadId: sub.leadId, created: false, warnings: [] };
    const n = normaliseLead(recordOf(sub.sourceType, sub.payload), { defaultCountry: opts.defaultCountry });
    if (!n.emailNormalized && !n.phoneE164) {
      throw new AppError("validation", "leads.noContact", { values: { detail: n.warnings.join("; ") || "none" } });
    }
    const sourceType: LeadSourceType = sub.sourceType === "API" || sub.sourceType === "FORM" ? (n.sourceType ?? sub.sourceType) : sub.sourceType;
    const consentAt = n.gdprConsent ? (n.consentAt ?? sub.receivedAt) : null;
    const existing = await findExisting(tx, organizationId, n);
    let leadId: string;
    let created = false;
    if (existing) {
      const data: Prisma.LeadUncheckedUpdateInput = fillEmpty(existing as unknown as Record<string, unknown>, n);
      if (n.emailNormalized && !existing.emailNormalized) data.emailNormalized = n.emailNormalized;
      if (n.phoneE164 && !existing.phoneE164) {
        const taken = await tx.lead.findUnique({ where: { organizationId_phoneE164: { organizationId, phoneE164: n.phoneE164 } }, select: { id: true } });
        if (!taken) Object.assign(data, { phone: n.phone, phoneE164: n.phoneE164 });
      }
      if (n.gdprConsent && !existing.gdprConsent) Object.assign(data, { gdprConsent: true, consentAt, consentSource: `${sub.sourceType}${sub.sourceDetail ? `:${sub.sourceDetail}` : ""}` });
      if (n.whatsappOptIn && !existing.whatsappOptIn) Object.assign(data, { whatsappOptIn: true, whatsappOptInAt: sub.receivedAt });
      const custom = { ...n.customFields, ...((existing.customFields as Record<string, unknown>) ?? {}) };
      if (Object.keys(custom).length !== Object.keys((existing.customFields as object) ?? {}).length) data.customFields = custom as Prisma.InputJsonValue;
      if (existing.isTest && !sub.isTest) data.isTest = false;
      if (Object.keys(data).length > 0) await tx.lead.update({ where: { id: existing.id }, data });
      leadId = existing.id;
    } else {
      const lead = await tx.lead.create({
        data: {
          organizationId,
          sourceId: sub.sourceId,
          sourceType,
          sourceDetail: n.sourceDetail ?? sub.sourceDetail,
          externalLeadId: null,
          firstName: n.firstName,
          lastName: n.lastName,
          email: n.email,
          emailNormalized: n.emailNormalized,
          phone: n.phoneE164 ? n.phone : null,
          phoneE164: n.phoneE164,
          company: n.company,
          jobTitle: n.jobTitle,
          companySize: n.companySize,
          budgetMinor: n.budgetMinor,
          country: n.country,
          language: n.language ?? "fr",
          utmSource: n.utmSource,
          utmMedium: n.utmMedium,
          utmCampaign: n.utmCampaign,
          utmContent: n.utmContent,
          utmTerm: n.utmTerm,
          gdprConsent: n.gdprConsent,
          consentAt,
          consentSource: n.gdprConsent ? `${sub.sourceType}${sub.sourceDetail ? `:${sub.sourceDetail}` : ""}` : null,
          consentText: n.consentText,
          whatsappOptIn: n.whatsappOptIn,
          whatsappOptInAt: n.whatsappOptIn ? sub.receivedAt : null,
          customFields: n.customFields as Prisma.InputJsonValue,
          isTest: sub.isTest,
        },
        select: { id: true },
      });
      leadId = lead.id;
      created = true;
    }
    // The touchpoint: one inbound FORM interaction per submission (timeline, attribution).
    await tx.leadInteraction.upsert({
      where: { idempotencyKey: `submission:${sub.id}` },
      create: {
        organizationId,
        leadId,
        channel: "FORM",
        direction: "INBOUND",
        status: "RECEIVED",
        subject: [sub.sourceType, n.sourceDetail ?? sub.sourceDetail].filter(Boolean).join(" · "),
        body: n.message ?? "",
        idempotencyKey: `submission:${sub.id}`,
        occurredAt: sub.receivedAt,
      },
      update: {},
    });
    await tx.leadSubmission.update({
      where: { id: sub.id },
      data: { status: "PROCESSED", leadId, createdLead: created, processedAt: opts.now, attempts: { increment: 1 }, errorMessage: n.warnings.length ? n.warnings.join("; ") : null },
    });
    // Last in the transaction (it holds the organisation's live-event lock until commit): open pages see the lead.
    await publishLiveEvent(tx, { organizationId, type: "lead.received", payload: { submissionId: sub.id, leadId, created, sourceType: sub.sourceType, isTest: sub.isTest } });
    return { leadId, created, warnings: n.warnings };
  });
}

/**
 * MKT-301 processing of one stored submission: the source's record -> normalised fields -> the
 * organisation's lead with that email, else that phone, else a new lead; an existing lead only gains
 * what it lacked (every non-empty field kept) and the submission becomes one of its touchpoints.
 * Idempotent (a processed submission returns its lead). Two submissions of one person processed at
 * once: the loser of the unique (org, email) / (org, phone) race merges on its next attempt.
 */
export async function processSubmission(opts: { organizationId: string; submissionId: string; now?: Date }): Promise<ProcessSubmissionResult> {
  const defaultCountry = await defaultCountryOf(opts.organizationId);
  for (let attempt = 1; ; attempt++) {
    try {
      return await mergeOnce({ ...opts, defaultCountry, now: opts.now ?? new Date() });
    } catch (err) {
      if (attempt < 4 && err instanceof Prisma.PrismaClientKnownRequestError && (err.code === "P2002" || err.code === "P2034")) continue;
      throw err;
    }
  }
}

/** The last error of a submission whose processing failed for good: visible and re-processable. */
export async function markSubmissionFailed(opts: { organizationId: string; submissionId: string; message: string }): Promise<void> {
  await db().leadSubmission.updateMany({
    where: { id: opts.submissionId, organizationId: opts.organizationId, status: { not: "PROCESSED" } },
    data: { status: "FAILED", errorMessage: opts.message.slice(0, 2000), attempts: { increment: 1 } },
  });
}
