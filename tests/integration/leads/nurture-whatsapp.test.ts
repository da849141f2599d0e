import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedAccount, seedOrg } from "@/tests/integration/approvals/support";

/**
 * MKT-303 WhatsApp steps through the real send path and the sandbox WhatsApp network (its records are
 * the API calls): outside the 24-hour window (by one second) free text is refused before any call and
 * the approved template goes instead; inside it the text goes; no template outside the window, or no
 * opt-in, sends nothing.
 */
let t: TestDatabase;
let s: Awaited<ReturnType<typeof seedOrg>>;
let sequenceId: string;
let write: typeof import("@/lib/leads/nurture/write-step-message").writeStepMessage;
let send: typeof import("@/lib/leads/nurture/send-step-message").sendStepMessage;

beforeAll(async () => {
  t = await createTestDatabase();
  s = await seedOrg(t.db);
  await seedAccount(t.db, s, "WHATSAPP");
  write = (await import("@/lib/leads/nurture/write-step-message")).writeStepMessage;
  send = (await import("@/lib/leads/nurture/send-step-message")).sendStepMessage;
  const seq = await t.db.nurtureSequence.create({
    data: {
      organizationId: s.orgId,
      name: "WhatsApp",
      status: "ACTIVE",
      targetTier: "WARM",
      steps: {
        create: [
          { organizationId: s.orgId, position: 0, channel: "WHATSAPP", mode: "TEMPLATE", delayMinutes: 0, bodyPrompt: "Bonjour {{first_name}}, on en parle cette semaine ?", whatsappTemplateName: "relance_douce" },
          { organizationId: s.orgId, position: 1, channel: "WHATSAPP", mode: "TEMPLATE", delayMinutes: 60, bodyPrompt: "Toujours partant, {{first_name}} ?" },
        ],
      },
    },
  });
  sequenceId = seq.id;
}, 60_000);
afterAll(async () => {
  await t?.cleanup();
});

async function enrolled(over: { windowExpiresAt: Date | null; optIn?: boolean }) {
  const lead = await t.db.lead.create({
    data: { organizationId: s.orgId, firstName: "Awa", phone: "+221771234567", phoneE164: `+22177${Math.floor(1e6 + Math.random() * 8e6)}`, whatsappOptIn: over.optIn ?? true, whatsappWindowExpiresAt: over.windowExpiresAt, status: "NURTURING", tier: "WARM" },
  });
  const e = await t.db.sequenceEnrollment.create({ data: { organizationId: s.orgId, leadId: lead.id, sequenceId } });
  return { lead, enrollmentId: e.id };
}

const calls = (to: string) => t.db.sandboxRecord.findMany({ where: { organizationId: s.orgId, kind: "message" } }).then((rows) => rows.map((r) => r.data as { to: string; text: string | null; template: string | null }).filter((d) => d.to === to));

describe("MKT-303 WhatsApp steps", () => {
  it("window + 1 s: the free text is not sent, the approved template is (one call)", async () => {
    const now = new Date();
    const { lead, enrollmentId } = await enrolled({ windowExpiresAt: new Date(now.getTime() - 1_000) });
    const m = await write({ organizationId: s.orgId, enrollmentId, position: 0 });
    expect(m.needsApproval).toBe(false); // a person's template: nothing AI-written
    expect(await send({ organizationId: s.orgId, interactionId: m.interactionId, now })).toMatchObject({ outcome: "sent", channel: "WHATSAPP" });
    expect(await calls(lead.phoneE164!)).toEqual([{ to: lead.phoneE164, text: null, template: "relance_douce" }]);
    expect(await t.db.leadInteraction.findUniqueOrThrow({ where: { id: m.interactionId } })).toMatchObject({ status: "SENT", isTemplate: true, templateName: "relance_douce" });
  });

  it("inside the window the text itself goes", async () => {
    const now = new Date();
    const { lead, enrollmentId } = await enrolled({ windowExpiresAt: new Date(now.getTime() + 3600_000) });
    const m = await write({ organizationId: s.orgId, enrollmentId, position: 0 });
    expect((await send({ organizationId: s.orgId, interactionId: m.interactionId, now })).outcome).toBe("sent");
    expect(await calls(lead.phoneE164!)).toEqual([{ to: lead.phoneE164, text: "Bonjour Awa, on en parle cette semaine ?", template: null }]);
  });

  it("outside the window without a template, or without an opt-in: nothing is sent and no call is made", async () => {
    const now = new Date();
    const a = await enrolled({ windowExpiresAt: new Date(now.getTime() - 1_000) });
    const ma = await write({ organizationId: s.orgId, enrollmentId: a.enrollmentId, position: 1 });
    expect(await send({ organizationId: s.orgId, interactionId: ma.interactionId, now })).toEqual({ outcome: "blocked", reason: "template_required" });
    const b = await enrolled({ windowExpiresAt: new Date(now.getTime() + 3600_000), optIn: false });
    const mb = await write({ organizationId: s.orgId, enrollmentId: b.enrollmentId, position: 0 });
    expect(await send({ organizationId: s.orgId, interactionId: mb.interactionId, now })).toEqual({ outcome: "blocked", reason: "no_opt_in" });
    expect([...(await calls(a.lead.phoneE164!)), ...(await calls(b.lead.phoneE164!))]).toEqual([]);
  });
});
