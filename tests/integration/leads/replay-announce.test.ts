import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import type { TestDatabase } from "@/tests/helpers/db";
import { eventsNamed, seedOrg } from "@/tests/integration/approvals/support";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";

/**
 * Steps are at-least-once: a lead step that committed its state and then failed before (or while)
 * announcing it (the event API or the notification insert failing here, as a crash at that point
 * would) is run again, and the replay must announce what the first run did not, once: MKT-304's
 * recorded reply and MKT-306's escalation send lead/enrollment.stopped (and lead/unsubscribed) under
 * their fixed ids; MKT-303's nurture draft and MKT-304's objection answer notify their approvers
 * (deduplicated). Real PostgreSQL, the embedded event API, the offline AI; failures injected with
 * triggers.
 */
let app: AppExecutor;
let t: TestDatabase;
let s: Awaited<ReturnType<typeof seedOrg>>;
let adminId: string;
let sequenceId: string;
let lib: {
  recordLeadReply: typeof import("@/lib/leads/nurture/record-reply").recordLeadReply;
  escalateLead: typeof import("@/lib/leads/escalation/escalate-lead").escalateLead;
  writeStepMessage: typeof import("@/lib/leads/nurture/write-step-message").writeStepMessage;
  draftObjectionAnswer: typeof import("@/lib/leads/replies/draft-objection-answer").draftObjectionAnswer;
};
const rnd = () => randomUUID().slice(0, 8);

beforeAll(async () => {
  app = await startAppExecutor({ dataDirPrefix: "me-replay-announce-", functions: async () => [] });
  process.env.APP_URL = "https://app.example.test";
  resetEnvCache();
  t = app.t;
  lib = {
    recordLeadReply: (await import("@/lib/leads/nurture/record-reply")).recordLeadReply,
    escalateLead: (await import("@/lib/leads/escalation/escalate-lead")).escalateLead,
    writeStepMessage: (await import("@/lib/leads/nurture/write-step-message")).writeStepMessage,
    draftObjectionAnswer: (await import("@/lib/leads/replies/draft-objection-answer")).draftObjectionAnswer,
  };
  s = await seedOrg(t.db);
  const admin = await t.db.user.create({ data: { email: `admin-${rnd()}@example.com`, name: "Ibrahima", locale: "en" } });
  await t.db.membership.create({ data: { organizationId: s.orgId, userId: admin.id, role: "ADMIN" } });
  adminId = admin.id;
  const seq = await t.db.nurtureSequence.create({
    data: {
      organizationId: s.orgId,
      name: "Relance des leads tièdes",
      status: "ACTIVE",
      targetTier: "WARM",
      steps: {
        create: [
          { organizationId: s.orgId, position: 0, channel: "EMAIL", mode: "TEMPLATE", delayMinutes: 0, bodyPrompt: "Bonjour {{first_name}}" },
          { organizationId: s.orgId, position: 1, channel: "EMAIL", mode: "AI", delayMinutes: 0, bodyPrompt: "Rappeler notre atelier sur mesure", subjectPrompt: "Votre décoration" },
        ],
      },
    },
  });
  sequenceId = seq.id;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  delete process.env.APP_URL;
  resetEnvCache();
});

/** A warm lead in the middle of its sequence (an active enrollment). */
async function makeLead(firstName: string) {
  const email = `${firstName.toLowerCase()}-${rnd()}@hotel.example`;
  const lead = await t.db.lead.create({
    data: { organizationId: s.orgId, brandId: s.brandId, firstName, lastName: "Ndiaye", email, emailNormalized: email, company: "Hôtel Teranga", language: "fr", status: "NURTURING", score: 55, tier: "WARM", painPoints: ["des délais fournisseurs trop longs"] },
  });
  const enrollment = await t.db.sequenceEnrollment.create({ data: { organizationId: s.orgId, leadId: lead.id, sequenceId, status: "ACTIVE", currentStep: 1 } });
  return { id: lead.id, email, enrollmentId: enrollment.id };
}

/** `fn` runs while every insert into `table` matching `when` fails (a database error at that point of the step); it must throw. */
async function failingInserts(table: string, when: string, fn: () => Promise<unknown>): Promise<void> {
  await t.db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
  await t.db.$executeRawUnsafe(`CREATE TRIGGER test_fail_insert BEFORE INSERT ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION test_fail_insert()`);
  try {
    await expect(fn()).rejects.toThrow();
  } finally {
    await t.db.$executeRawUnsafe(`DROP TRIGGER test_fail_insert ON ${table}`);
  }
}

const stoppedEvents = async (leadId: string) => (await eventsNamed(t.db, "lead/enrollment.stopped")).filter((e) => e.data.leadId === leadId);
const analysisFor = async (leadId: string) => {
  const reply = await t.db.leadReply.create({ data: { organizationId: s.orgId, channel: "EMAIL", provider: "test", dedupeKey: `test:${rnd()}`, payload: {}, leadId } });
  return { replyId: reply.id, sentiment: "NEUTRAL" as const, objections: [], recommendedAction: "BOOK_CALL" as const, classification: { test: true } };
};

describe("lead/enrollment.stopped on a replayed step", () => {
  it("MKT-304: a reply that stops the sequence, replayed after its commit, sends the stop once with its fixed id", async () => {
    const lead = await makeLead("Awa");
    const opts = { organizationId: s.orgId, leadId: lead.id, channel: "EMAIL" as const, body: "Je veux commander, appelez-moi.", intent: "READY_TO_BUY" as const, analysis: await analysisFor(lead.id) };
    await failingInserts("runtime_events", `NEW.name = 'lead/enrollment.stopped'`, () => lib.recordLeadReply(opts));
    expect(await t.db.sequenceEnrollment.findUniqueOrThrow({ where: { id: lead.enrollmentId } })).toMatchObject({ status: "CANCELLED", cancelReason: "reply" });
    expect(await stoppedEvents(lead.id)).toEqual([]);
    // The step's retry, then one more replay.
    const first = await lib.recordLeadReply(opts);
    expect(await lib.recordLeadReply(opts)).toEqual(first);
    expect(first.sequence).toBe("stopped");
    expect((await stoppedEvents(lead.id)).map((e) => [e.externalId, e.data.reason, e.data.enrollmentIds])).toEqual([[`lead-enrollment-stopped:${lead.enrollmentId}`, "reply", [lead.enrollmentId]]]);
  });

  it("MKT-304: a STOP replayed after its commit sends lead/enrollment.stopped and lead/unsubscribed once each", async () => {
    const lead = await makeLead("Fatou");
    const opts = { organizationId: s.orgId, leadId: lead.id, channel: "EMAIL" as const, body: "STOP", analysis: await analysisFor(lead.id) };
    await failingInserts("runtime_events", `NEW.name = 'lead/enrollment.stopped'`, () => lib.recordLeadReply(opts));
    expect(await t.db.suppression.count({ where: { organizationId: s.orgId, address: lead.email } })).toBe(1);
    for (let i = 0; i < 2; i++) await lib.recordLeadReply(opts);
    expect((await stoppedEvents(lead.id)).map((e) => [e.externalId, e.data.reason])).toEqual([[`lead-enrollment-stopped:${lead.enrollmentId}`, "unsubscribed"]]);
    const unsub = (await eventsNamed(t.db, "lead/unsubscribed")).filter((e) => e.data.leadId === lead.id);
    expect(unsub.map((e) => [e.externalId, e.data.source])).toEqual([[`lead-unsubscribed:${s.orgId}:EMAIL:${lead.id}`, "email:STOP"]]);
  });

  it("MKT-306: an escalation replayed after its commit sends the stop once with its fixed id", async () => {
    const lead = await makeLead("Moussa");
    const reply = await t.db.leadInteraction.create({ data: { organizationId: s.orgId, leadId: lead.id, channel: "EMAIL", direction: "INBOUND", status: "RECEIVED", body: "Je voudrais parler à quelqu'un.", aiIntent: "ESCALATE" } });
    const opts = { organizationId: s.orgId, leadId: lead.id, interactionId: reply.id, reason: "reply", brief: { summary: "Veut parler à un commercial.", recommendations: ["Appeler aujourd'hui"], history: [], model: "offline" } };
    await failingInserts("runtime_events", `NEW.name = 'lead/enrollment.stopped'`, () => lib.escalateLead(opts));
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ status: "OPPORTUNITY" });
    expect(await stoppedEvents(lead.id)).toEqual([]);
    const again = await lib.escalateLead(opts);
    expect(again.created).toBe(false);
    await lib.escalateLead(opts);
    expect((await stoppedEvents(lead.id)).map((e) => [e.externalId, e.data.reason])).toEqual([[`lead-enrollment-stopped:${lead.enrollmentId}`, "human_takeover"]]);
    expect(await t.db.leadEscalation.count({ where: { leadId: lead.id } })).toBe(1);
  });
});

describe("approvers of an AI draft on a replayed step", () => {
  const approvers = () => [s.ownerId, s.editorId, adminId].sort();

  it("MKT-303: a nurture draft replayed after its commit notifies its approvers, once each", async () => {
    const lead = await makeLead("Khady");
    const opts = { organizationId: s.orgId, enrollmentId: lead.enrollmentId, position: 1, idempotencyKey: `run-${rnd()}:write-1` };
    await failingInserts("notifications", `NEW.type = 'lead.nurture_draft'`, () => lib.writeStepMessage(opts));
    const draft = await t.db.leadInteraction.findUniqueOrThrow({ where: { idempotencyKey: `${lead.enrollmentId}:1` } });
    expect(draft.status).toBe("DRAFT");
    for (let i = 0; i < 2; i++) expect(await lib.writeStepMessage(opts)).toEqual({ interactionId: draft.id, needsApproval: true, status: "DRAFT" });
    const rows = await t.db.notification.findMany({ where: { organizationId: s.orgId, type: "lead.nurture_draft", dedupeKey: { startsWith: `nurture-draft:${draft.id}:` } } });
    expect(rows.map((r) => r.userId!).sort()).toEqual(approvers());
    expect(rows[0]!.messageValues).toMatchObject({ name: "Khady Ndiaye", step: 2, sequence: "Relance des leads tièdes" });
    expect(rows[0]!.actionUrl).toBe(`/${s.slug}/leads/${lead.id}`);
  });

  it("MKT-304: an objection answer replayed after its commit notifies its approvers, once each", async () => {
    const lead = await makeLead("Ousmane");
    const reply = await t.db.leadInteraction.create({
      data: { organizationId: s.orgId, leadId: lead.id, channel: "EMAIL", direction: "INBOUND", status: "RECEIVED", subject: "Re: atelier", body: "C'est trop cher pour nous et les délais me font peur.", aiIntent: "OBJECTION", aiObjections: ["prix", "délais"] },
    });
    const opts = { organizationId: s.orgId, replyInteractionId: reply.id, idempotencyKey: `run-${rnd()}:answer` };
    await failingInserts("notifications", `NEW.type = 'lead.reply_answer_draft'`, () => lib.draftObjectionAnswer(opts));
    const draft = await t.db.leadInteraction.findUniqueOrThrow({ where: { idempotencyKey: `reply-answer:${reply.id}` } });
    expect(draft.status).toBe("DRAFT");
    for (let i = 0; i < 2; i++) expect(await lib.draftObjectionAnswer(opts)).toEqual({ interactionId: draft.id, needsApproval: true, status: "DRAFT" });
    const rows = await t.db.notification.findMany({ where: { organizationId: s.orgId, type: "lead.reply_answer_draft", dedupeKey: { startsWith: `reply-answer-draft:${draft.id}:` } } });
    expect(rows.map((r) => r.userId!).sort()).toEqual(approvers());
    expect(rows[0]!.messageValues).toMatchObject({ name: "Ousmane Ndiaye", objections: "prix · délais" });
  });
});
