import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceClock, resetClock } from "@/lib/runtime/clock";
import { resetEnvCache } from "@/lib/env";
import { countWords } from "@/lib/providers/ai/text-tools";
import type { TestDatabase } from "@/tests/helpers/db";
import { setClockToSendingHours } from "./sending-hours";
import { runsOf, until } from "@/tests/integration/runtime/harness";
import { seedOrg } from "@/tests/integration/approvals/support";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";

/**
 * MKT-303 on the embedded executor with the real mkt-303 function, PostgreSQL and the offline AI: a
 * warm lead (lead/qualified, route nurture) joins the organisation's default sequence; each AI message
 * waits for a person's yes on its exact version (or the owner-set auto-approve rule) and goes out
 * through the email provider (outbox) with RFC 8058 headers; durable sleeps are crossed by moving the
 * executor's clock. Replies, STOP, the suppression list read at send time, and the signed unsubscribe
 * link (tampered -> 400, one-click replayed -> one suppression).
 */
let app: AppExecutor;
let t: TestDatabase;
let inngest: AppExecutor["inngest"];
let s: Awaited<ReturnType<typeof seedOrg>>;
let nurture: {
  decide: typeof import("@/lib/leads/nurture/decide-message").decideNurtureMessage;
  reply: typeof import("@/lib/leads/nurture/record-reply").recordLeadReply;
  send: typeof import("@/lib/leads/nurture/send-step-message").sendStepMessage;
  approved: typeof import("@/lib/leads/nurture/send-step-message").sendApproved;
  hash: typeof import("@/lib/leads/nurture/message-hash").messageHash;
  route: typeof import("@/app/api/unsubscribe/[token]/route");
};
const DAY = 24 * 3600_000;

beforeAll(async () => {
  resetClock();
  setClockToSendingHours(); // nurture sends wait out the quiet hours: run these at a weekday 09:00
  app = await startAppExecutor({
    dataDirPrefix: "me-nurture-",
    functions: async () => [(await import("@/inngest/functions/opportunity-hunter/mkt-303-nurture-lead")).mkt303NurtureLead],
  });
  // The public address of the app as production has it (the event server took APP_URL for the client, read at import).
  process.env.APP_URL = "https://app.example.test";
  process.env.EMAIL_FROM = "Atelier Bogolan <hello@bogolan.example>";
  resetEnvCache();
  ({ t, inngest } = app);
  nurture = {
    decide: (await import("@/lib/leads/nurture/decide-message")).decideNurtureMessage,
    reply: (await import("@/lib/leads/nurture/record-reply")).recordLeadReply,
    send: (await import("@/lib/leads/nurture/send-step-message")).sendStepMessage,
    approved: (await import("@/lib/leads/nurture/send-step-message")).sendApproved,
    hash: (await import("@/lib/leads/nurture/message-hash")).messageHash,
    route: await import("@/app/api/unsubscribe/[token]/route"),
  };
  s = await seedOrg(t.db);
  const product = await t.db.product.create({ data: { organizationId: s.orgId, brandId: s.brandId, name: "Atelier sur mesure", description: "Des pièces tissées à la main pour les hôtels et les boutiques, livrées en six semaines. Suivi par une seule personne.", painPointsSolved: ["délais fournisseurs"] } });
  productId = product.id;
}, 120_000);
afterAll(async () => {
  await app?.stop();
  resetClock();
  delete process.env.APP_URL;
  delete process.env.EMAIL_FROM;
  resetEnvCache();
});

let productId: string;

async function warmLead(over: { firstName: string; language?: string; painPoints?: string[] }) {
  const lead = await t.db.lead.create({
    data: {
      organizationId: s.orgId,
      brandId: s.brandId,
      firstName: over.firstName,
      lastName: "Diallo",
      email: `${over.firstName.toLowerCase()}-${randomUUID().slice(0, 6)}@hotel.example`,
      emailNormalized: undefined,
      company: "Hôtel Teranga",
      language: over.language ?? "fr",
      painPoints: over.painPoints ?? ["des délais fournisseurs trop longs", "une décoration qui manque d'identité locale"],
      suggestedProductId: productId,
      status: "SCORED",
      score: 55,
      tier: "WARM",
    },
  });
  await t.db.lead.update({ where: { id: lead.id }, data: { emailNormalized: lead.email!.toLowerCase() } });
  const scoreId = `score-${randomUUID()}`;
  await inngest.send({ id: `lead-qualified:${scoreId}`, name: "lead/qualified", data: { organizationId: s.orgId, leadId: lead.id, scoreId, score: 55, tier: "WARM", previousTier: null, route: "nurture", suggestedSequenceId: null } });
  return { ...lead, emailNormalized: lead.email!.toLowerCase() };
}

/** The lead's message of step `position` once the run has written it. */
const message = (leadId: string, position: number, status?: string) =>
  until(`step ${position + 1} of ${leadId}${status ? ` ${status}` : ""}`, async () => {
    const m = await t.db.leadInteraction.findFirst({ where: { leadId, direction: "OUTBOUND", step: { position } } });
    return m && (!status || m.status === status) ? m : undefined;
  }, 60_000);

const emailsTo = (address: string) => t.db.outboxEmail.findMany({ where: { toAddresses: { has: address } }, orderBy: { createdAt: "asc" } });

/** A person's yes on the exact version, given as a person would: after the run shows the draft and waits for a decision. */
async function approve(m: { id: string; subject: string | null; body: string }, opts: { runWaiting?: boolean } = {}) {
  if (opts.runWaiting !== false) await until(`the run waiting for a decision on ${m.id}`, async () => (await t.db.runtimeWait.count({ where: { eventName: "lead/message.decided", expression: { contains: m.id } } })) > 0 || undefined, 60_000);
  return nurture.decide({ organizationId: s.orgId, interactionId: m.id, userId: s.ownerId, decision: "APPROVE", hash: nurture.hash(m) });
}

const tokenOf = (headers: unknown) => /\/api\/unsubscribe\/([^>]+)>/.exec((headers as Record<string, string>)["List-Unsubscribe"] ?? "")?.[1] ?? "";

function unsubscribe(token: string, body = "List-Unsubscribe=One-Click") {
  return nurture.route.POST(new Request(`https://app.example.test/api/unsubscribe/${token}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body }), { params: Promise.resolve({ token }) });
}

/** The lead's MKT-303 run, cancelled by lead/enrollment.stopped: no later step can run. */
const runCancelled = (leadId: string) =>
  until(`the MKT-303 run of ${leadId} cancelled`, async () => {
    const runs = (await runsOf(t.db, "marketing-engine-mkt-303-nurture-lead")).filter((r) => r.event.data.leadId === leadId);
    return runs.length > 0 && runs.every((r) => r.status === "CANCELLED") ? runs : undefined;
  }, 30_000);

/** The lead's MKT-303 run asleep on its durable timer: only then may the test move the clock (a sleep registered after the move would start from the moved clock and never end within the test). */
const asleep = (leadId: string) =>
  until(`the MKT-303 run of ${leadId} asleep`, async () => {
    const runs = (await runsOf(t.db, "marketing-engine-mkt-303-nurture-lead")).filter((r) => r.event.data.leadId === leadId);
    const timers = await t.db.runtimeQueueItem.count({ where: { runId: { in: runs.map((r) => r.id) }, kind: "TIMER" } });
    return timers > 0 || undefined;
  }, 60_000);

let leadA: Awaited<ReturnType<typeof warmLead>>;

describe("MKT-303 nurture sequence", () => {
  it("a warm lead is enrolled in the default sequence; step 1 is a 150-200-word French AI message that waits for a human yes on that exact version, then goes out with RFC 8058 headers", { timeout: 120_000 }, async () => {
    leadA = await warmLead({ firstName: "Aminata" });
    const draft = await message(leadA.id, 0, "DRAFT");
    const seq = await t.db.nurtureSequence.findFirstOrThrow({ where: { organizationId: s.orgId }, include: { steps: { orderBy: { position: "asc" } } } });
    expect(seq).toMatchObject({ status: "ACTIVE", targetTier: "WARM", autoApprove: false });
    expect(seq.steps.map((x) => [x.channel, x.mode, x.delayMinutes])).toEqual([["EMAIL", "AI", 0], ["EMAIL", "AI", 4320], ["EMAIL", "AI", 10080]]);
    expect(await t.db.sequenceEnrollment.findFirstOrThrow({ where: { leadId: leadA.id } })).toMatchObject({ status: "ACTIVE", currentStep: 0, sequenceId: seq.id });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: leadA.id } })).status).toBe("NURTURING");

    expect(draft).toMatchObject({ aiWritten: true, approvedVia: null, channel: "EMAIL" });
    const words = countWords(draft.body);
    expect(words).toBeGreaterThanOrEqual(150);
    expect(words).toBeLessThanOrEqual(200);
    expect(draft.body).toMatch(/^Bonjour Aminata,/);
    expect(draft.body).toContain("Hôtel Teranga");
    expect(draft.body).toContain("Atelier sur mesure");
    expect(draft.body).toMatch(/délais fournisseurs/);
    expect(draft.subject).toContain("Aminata");

    // Nothing the AI wrote goes out without a yes: the send itself refuses the draft.
    expect(await nurture.send({ organizationId: s.orgId, interactionId: draft.id })).toEqual({ outcome: "blocked", reason: "not_approved" });
    expect(await emailsTo(leadA.emailNormalized)).toHaveLength(0);
    // A yes on another version (what the approver saw changed) is refused, nothing changes.
    await expect(nurture.decide({ organizationId: s.orgId, interactionId: draft.id, userId: s.ownerId, decision: "APPROVE", hash: nurture.hash({ subject: draft.subject, body: `${draft.body} !` }) })).rejects.toMatchObject({ code: "conflict", field: "hash" });

    await approve(draft);
    const sent = await message(leadA.id, 0, "SENT");
    expect(sent).toMatchObject({ approvedVia: "HUMAN", approvedById: s.ownerId });
    const [mail] = await emailsTo(leadA.emailNormalized);
    expect(mail).toMatchObject({ subject: draft.subject, category: "MARKETING", status: "SENT" });
    const headers = mail!.headers as Record<string, string>;
    expect(headers["List-Unsubscribe"]).toMatch(/^<https:\/\/app\.example\.test\/api\/unsubscribe\/[\w-]+\.[\w-]+>, <mailto:hello@bogolan\.example\?subject=unsubscribe%20[\w.-]+>$/);
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail!.text).toContain(draft.body);
    expect(await t.db.sequenceEnrollment.findFirstOrThrow({ where: { leadId: leadA.id } })).toMatchObject({ status: "ACTIVE", currentStep: 1 });
  });

  it("a reply « intéressé » continues the sequence: after the 3-day durable wait step 2 goes out under the owner's auto-approve rule", { timeout: 120_000 }, async () => {
    const r = await nurture.reply({ organizationId: s.orgId, leadId: leadA.id, channel: "EMAIL", body: "Bonjour, intéressé ! Pouvez-vous m'en dire plus ?" });
    expect(r).toMatchObject({ intent: null, sequence: "continues" });
    expect(await t.db.sequenceEnrollment.findFirstOrThrow({ where: { leadId: leadA.id } })).toMatchObject({ status: "ACTIVE" });
    // The owner turns auto-approve on for this sequence: step 2 will not wait for a per-message yes.
    await t.db.nurtureSequence.updateMany({ where: { organizationId: s.orgId }, data: { autoApprove: true, autoApproveSetById: s.ownerId, autoApproveSetAt: new Date() } });
    // Not before the delay.
    expect(await t.db.leadInteraction.count({ where: { leadId: leadA.id, direction: "OUTBOUND", step: { position: 1 } } })).toBe(0);
    await asleep(leadA.id);
    advanceClock(3 * DAY + 1_000);
    const step2 = await message(leadA.id, 1, "SENT");
    expect(step2).toMatchObject({ aiWritten: true, approvedVia: "AUTO_RULE" });
    expect(step2.body).not.toBe((await message(leadA.id, 0)).body);
    expect(await emailsTo(leadA.emailNormalized)).toHaveLength(2);
  });

  it("another lead replies STOP: its address is suppressed, its sequence stops and it gets 0 later sends", { timeout: 120_000 }, async () => {
    await t.db.nurtureSequence.updateMany({ where: { organizationId: s.orgId }, data: { autoApprove: false } });
    const b = await warmLead({ firstName: "Moussa" });
    await approve(await message(b.id, 0, "DRAFT"));
    await message(b.id, 0, "SENT");
    const r = await nurture.reply({ organizationId: s.orgId, leadId: b.id, channel: "EMAIL", body: "STOP" });
    expect(r).toMatchObject({ intent: "UNSUBSCRIBE", sequence: "stopped" });
    expect(await t.db.suppression.findMany({ where: { organizationId: s.orgId, address: b.emailNormalized } })).toMatchObject([{ channel: "EMAIL", reason: "UNSUBSCRIBED", source: "email:STOP", leadId: b.id }]);
    expect(await t.db.sequenceEnrollment.findFirstOrThrow({ where: { leadId: b.id } })).toMatchObject({ status: "CANCELLED", cancelReason: "unsubscribed" });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: b.id } })).unsubscribedAt).not.toBeNull();
    // Its run is cancelled; ten days later nothing more was written or sent.
    await runCancelled(b.id);
    advanceClock(10 * DAY);
    expect(await emailsTo(b.emailNormalized)).toHaveLength(1);
    expect(await t.db.leadInteraction.count({ where: { leadId: b.id, direction: "OUTBOUND", status: "SENT" } })).toBe(1);
  });

  it("the suppression list is read at send time: an address suppressed after enrollment (a bounce) gets nothing, even once approved", { timeout: 120_000 }, async () => {
    const c = await warmLead({ firstName: "Fatou", language: "en", painPoints: ["slow suppliers"] });
    const draft = await message(c.id, 0, "DRAFT");
    expect(draft.body).toMatch(/^Hello Fatou,/);
    expect(countWords(draft.body)).toBeGreaterThanOrEqual(150);
    expect(countWords(draft.body)).toBeLessThanOrEqual(200);
    // A hard bounce handler writes only the suppression row: the enrollment is still ACTIVE.
    await t.db.suppression.create({ data: { organizationId: s.orgId, channel: "EMAIL", address: c.emailNormalized, reason: "HARD_BOUNCE", source: "resend:bounce" } });
    await approve(draft);
    await until("C's enrollment stopped at send time", async () => {
      const e = await t.db.sequenceEnrollment.findFirst({ where: { leadId: c.id } });
      return e?.status === "CANCELLED" ? e : undefined;
    }, 60_000);
    expect(await emailsTo(c.emailNormalized)).toHaveLength(0);
    expect((await message(c.id, 0)).status).toBe("BLOCKED");
  });

  it("a person taking the lead over stops its sequence: the waiting run is cancelled and its draft never goes out; approvers were notified of the draft", { timeout: 120_000 }, async () => {
    const d = await warmLead({ firstName: "Ousmane" });
    const draft = await message(d.id, 0, "DRAFT");
    await until("the approvers notified of D's draft", async () => (await t.db.notification.count({ where: { organizationId: s.orgId, messageKey: "nurtureDraft", dedupeKey: { startsWith: `nurture-draft:${draft.id}` } } })) > 0, 60_000);
    const { stopLeadSequences } = await import("@/lib/leads/nurture/stop-enrollments");
    expect(await stopLeadSequences({ organizationId: s.orgId, leadId: d.id, reason: "human_takeover", userId: s.editorId })).toEqual({ stopped: 1 });
    expect(await t.db.sequenceEnrollment.findFirstOrThrow({ where: { leadId: d.id } })).toMatchObject({ status: "CANCELLED", cancelReason: "human_takeover" });
    expect(await t.db.lead.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ assignedToId: s.editorId });
    await runCancelled(d.id);
    expect((await message(d.id, 0)).status).toBe("BLOCKED");
    await expect(approve(draft, { runWaiting: false })).rejects.toMatchObject({ code: "conflict" });
    expect(await emailsTo(d.emailNormalized)).toHaveLength(0);
  });

  it("a tampered unsubscribe token is a 400 and writes nothing; the confirm page asks in French or English and changes nothing", async () => {
    const [mail] = await emailsTo(leadA.emailNormalized);
    const token = tokenOf(mail!.headers);
    const [body, mac] = token.split(".") as [string, string];
    const before = await t.db.suppression.count();
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, "base64url").toString()), a: "someone-else@example.com" })).toString("base64url");
    for (const bad of [`${forged}.${mac}`, `${body}.${mac.slice(0, -2)}xx`, body, "x.y"]) {
      const res = await unsubscribe(bad);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { field?: string } }).error.field).toBe("token");
    }
    expect(await t.db.suppression.count()).toBe(before);
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: leadA.id } })).unsubscribedAt).toBeNull();

    const page = (lang: string) => nurture.route.GET(new Request(`https://app.example.test/api/unsubscribe/${token}`, { headers: { "accept-language": lang } }), { params: Promise.resolve({ token }) });
    const fr = await page("fr-FR");
    expect(fr.status).toBe(200);
    const frHtml = await fr.text();
    expect(frHtml).toContain("Ne plus recevoir nos messages à l&#39;adresse a***@hotel.example ?".replace("&#39;", "'"));
    expect(frHtml).toContain("Me désinscrire");
    const en = await (await page("en-GB")).text();
    expect(en).toContain("Unsubscribe me");
    expect(en).toContain('<form method="post">');
    const bad = await nurture.route.GET(new Request(`https://app.example.test/api/unsubscribe/x.y`), { params: Promise.resolve({ token: "x.y" }) });
    expect(bad.status).toBe(400);
    expect(await t.db.suppression.count()).toBe(before);
  });

  it("one-click POST replayed (20 times, 5 at once) -> 200 each, exactly one Suppression, the sequence stops and nothing more is sent", { timeout: 120_000 }, async () => {
    const [mail] = await emailsTo(leadA.emailNormalized);
    const token = tokenOf(mail!.headers);
    const statuses: number[] = [];
    for (let round = 0; round < 4; round++) {
      const batch = await Promise.all(Array.from({ length: 5 }, () => unsubscribe(token)));
      for (const res of batch) {
        statuses.push(res.status);
        expect(await res.text()).toBe("");
      }
    }
    expect(statuses).toEqual(Array(20).fill(200));
    expect(await t.db.suppression.findMany({ where: { organizationId: s.orgId, address: leadA.emailNormalized } })).toMatchObject([{ channel: "EMAIL", reason: "UNSUBSCRIBED", source: "list-unsubscribe-post", leadId: leadA.id }]);
    expect(await t.db.sequenceEnrollment.findFirstOrThrow({ where: { leadId: leadA.id } })).toMatchObject({ status: "CANCELLED", cancelReason: "unsubscribed" });
    // The confirm page's button: 303 to the page, which says it is done; still one row.
    const viaPage = await unsubscribe(token, "confirm=page");
    expect(viaPage.status).toBe(303);
    expect(viaPage.headers.get("location")).toMatch(/\?done=1$/);
    expect(await t.db.suppression.count({ where: { address: leadA.emailNormalized } })).toBe(1);
    await runCancelled(leadA.id);
    advanceClock(8 * DAY);
    expect(await emailsTo(leadA.emailNormalized)).toHaveLength(2);
  });

  it("the send compares the approved version: a text changed after approval, or an auto-approval whose rule was turned off, does not go out", () => {
    const m = { subject: "Bonjour", body: "Texte approuvé", aiWritten: true, approvedById: "u1" };
    expect(nurture.approved({ ...m, approvedVia: "HUMAN", approvedHash: nurture.hash(m) }, false)).toBe(true);
    expect(nurture.approved({ ...m, body: "Texte modifié", approvedVia: "HUMAN", approvedHash: nurture.hash(m) }, false)).toBe(false);
    expect(nurture.approved({ ...m, approvedVia: "HUMAN", approvedById: null, approvedHash: nurture.hash(m) }, false)).toBe(false);
    expect(nurture.approved({ ...m, approvedVia: "AUTO_RULE", approvedHash: nurture.hash(m) }, true)).toBe(true);
    expect(nurture.approved({ ...m, approvedVia: "AUTO_RULE", approvedHash: nurture.hash(m) }, false)).toBe(false);
    expect(nurture.approved({ ...m, approvedVia: "TEMPLATE", approvedHash: nurture.hash(m) }, false)).toBe(false); // AI text is never a "template"
    expect(nurture.approved({ ...m, aiWritten: false, approvedVia: "TEMPLATE", approvedHash: nurture.hash(m) }, false)).toBe(true);
    expect(nurture.approved({ ...m, approvedVia: null, approvedHash: null }, true)).toBe(false);
  });
});
