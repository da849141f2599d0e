import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetClock, setClockTo } from "@/lib/runtime/clock";
import type { TestDatabase } from "@/tests/helpers/db";
import { runsOf, until } from "@/tests/integration/runtime/harness";
import { seedOrg } from "@/tests/integration/approvals/support";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";

/**
 * MKT-303 quiet hours in the lead's time zone, on the embedded executor with the real mkt-303: a
 * message due between 20:00 and 08:00 local (or on a Sunday) is not refused but waits on a durable
 * timer until 08:00 local on the next open day (the timer's due time is asserted), is still unsent
 * just before, then goes out; the executor's clock is moved to cross it.
 */
let app: AppExecutor;
let t: TestDatabase;
let s: Awaited<ReturnType<typeof seedOrg>>;
let sequenceId: string;

beforeAll(async () => {
  resetClock();
  app = await startAppExecutor({
    dataDirPrefix: "me-quiet-hours-",
    functions: async () => [(await import("@/inngest/functions/opportunity-hunter/mkt-303-nurture-lead")).mkt303NurtureLead],
  });
  t = app.t;
  s = await seedOrg(t.db);
  // A person's template (no AI, nothing to approve), sent at once: only the quiet hours can hold it.
  const seq = await t.db.nurtureSequence.create({
    data: { organizationId: s.orgId, name: "Bienvenue", status: "ACTIVE", targetTier: "WARM", steps: { create: [{ organizationId: s.orgId, position: 0, channel: "EMAIL", mode: "TEMPLATE", delayMinutes: 0, subjectPrompt: "Bonjour {{first_name}}", bodyPrompt: "Bonjour {{first_name}}, merci pour votre intérêt." }] } },
  });
  sequenceId = seq.id;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  resetClock();
});

async function warmLead(country: string) {
  const email = `${country.toLowerCase()}-${randomUUID().slice(0, 6)}@example.test`;
  const lead = await t.db.lead.create({ data: { organizationId: s.orgId, firstName: "Awa", lastName: "Diop", email, emailNormalized: email, country, status: "SCORED", score: 55, tier: "WARM" } });
  const scoreId = `score-${randomUUID()}`;
  await app.inngest.send({ id: `lead-qualified:${scoreId}`, name: "lead/qualified", data: { organizationId: s.orgId, leadId: lead.id, scoreId, score: 55, tier: "WARM", previousTier: null, route: "nurture", suggestedSequenceId: sequenceId } });
  return lead;
}

/** The lead's run asleep on its quiet-hours timer: when the timer is due. */
const timerOf = (leadId: string) =>
  until(`the MKT-303 run of ${leadId} asleep`, async () => {
    const runs = (await runsOf(t.db, "marketing-engine-mkt-303-nurture-lead")).filter((r) => r.event.data.leadId === leadId);
    const timer = await t.db.runtimeQueueItem.findFirst({ where: { runId: { in: runs.map((r) => r.id) }, kind: "TIMER" } });
    return timer ?? undefined;
  }, 60_000);

const outbound = (leadId: string) => t.db.leadInteraction.findFirstOrThrow({ where: { leadId, direction: "OUTBOUND" } });
const sent = (leadId: string) =>
  until(`the message to ${leadId} sent`, async () => {
    const m = await t.db.leadInteraction.findFirst({ where: { leadId, direction: "OUTBOUND", status: "SENT" } });
    return m ?? undefined;
  }, 60_000);

describe("MKT-303 quiet hours (20:00-08:00 and Sundays, the lead's time zone)", () => {
  it("a send due at 22:30 in Dakar sleeps and goes out at 08:00 Dakar the next morning", { timeout: 120_000 }, async () => {
    // Monday 7 December 2026, 22:30 in Dakar (UTC+0 all year).
    setClockTo(new Date("2026-12-07T22:30:00Z"));
    const lead = await warmLead("SN");
    const timer = await timerOf(lead.id);
    expect(timer.availableAt.toISOString()).toBe("2026-12-08T08:00:00.000Z");
    expect((await outbound(lead.id)).status).toBe("QUEUED");
    expect(await t.db.outboxEmail.count({ where: { toAddresses: { has: lead.email! } } })).toBe(0);
    setClockTo(new Date("2026-12-08T08:00:01Z"));
    await sent(lead.id);
    expect(await t.db.outboxEmail.count({ where: { toAddresses: { has: lead.email! } } })).toBe(1);
  });

  it("Paris across the DST change: due Saturday 21:00 (CET) -> Sunday is closed -> Monday 08:00 CEST, 06:00 UTC", { timeout: 120_000 }, async () => {
    // Saturday 27 March 2027 21:00 in Paris (UTC+1); summer time starts on Sunday the 28th.
    setClockTo(new Date("2027-03-27T20:00:00Z"));
    const lead = await warmLead("FR");
    const timer = await timerOf(lead.id);
    expect(timer.availableAt.toISOString()).toBe("2027-03-29T06:00:00.000Z");
    // Sunday noon in Paris: still asleep.
    setClockTo(new Date("2027-03-28T10:00:00Z"));
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await outbound(lead.id)).status).toBe("QUEUED");
    setClockTo(new Date("2027-03-29T06:00:01Z"));
    await sent(lead.id);
  });

  it("inside the window nothing waits: Tuesday 10:00 in Abidjan goes out at once", { timeout: 120_000 }, async () => {
    setClockTo(new Date("2027-03-30T10:00:00Z"));
    const lead = await warmLead("CI");
    await sent(lead.id);
  });
});
