import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { localDate, localDayKey } from "@/lib/leads/booking/slots";
import { resetClock } from "@/lib/runtime/clock";
import type { TestDatabase } from "@/tests/helpers/db";
import { createCalcomFake } from "@/tests/fakes/calcom";
import { seedOrg } from "@/tests/integration/approvals/support";
import { runsOf, until } from "@/tests/integration/runtime/harness";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";

/**
 * MKT-305 on the embedded executor with the real mkt-305 function and PostgreSQL: a hot lead
 * (lead/qualified, route booking) or a reply ready to buy (lead/booking.requested) gets a salesperson
 * and the 3 best slots (built-in working hours, or Cal.com through a local fake of API v2), the
 * salesperson's briefing, the invitation (a template: nothing AI-written) and a notification; the lead
 * picks a slot on the booking page (POST /api/book), the call is booked once, the sequences stop; the
 * Cal.com webhook (signed) moves and cancels it, once whatever the replays.
 */
let app: AppExecutor;
let t: TestDatabase;
let inngest: AppExecutor["inngest"];
let s: Awaited<ReturnType<typeof seedOrg>>;
let adminId: string;
let mod: {
  book: typeof import("@/app/api/book/route");
  cal: typeof import("@/app/api/webhooks/cal/route");
  sign: typeof import("@/lib/leads/booking/booking-token").signBookingToken;
  saveCal: typeof import("@/lib/leads/booking/settings").saveCalcomSettings;
  secret: typeof import("@/lib/leads/booking/settings").calWebhookSecretOf;
  propose: typeof import("@/lib/leads/booking/propose-booking").proposeBooking;
  openSealed: typeof import("@/lib/providers/email/sealed").openSealedEmail;
};
const calFake = createCalcomFake({
  apiKey: "cal_live_fakekey123456",
  eventTypeId: 4242,
  slots: [],
});

beforeAll(async () => {
  resetClock();
  app = await startAppExecutor({
    dataDirPrefix: "me-booking-",
    functions: async () => [(await import("@/inngest/functions/opportunity-hunter/mkt-305-book-call")).mkt305BookCall],
  });
  process.env.APP_URL = "https://app.example.test";
  process.env.CALCOM_BASE_URL = await calFake.server.start();
  resetEnvCache();
  ({ t, inngest } = app);
  mod = {
    book: await import("@/app/api/book/route"),
    cal: await import("@/app/api/webhooks/cal/route"),
    sign: (await import("@/lib/leads/booking/booking-token")).signBookingToken,
    saveCal: (await import("@/lib/leads/booking/settings")).saveCalcomSettings,
    secret: (await import("@/lib/leads/booking/settings")).calWebhookSecretOf,
    propose: (await import("@/lib/leads/booking/propose-booking")).proposeBooking,
    openSealed: (await import("@/lib/providers/email/sealed")).openSealedEmail,
  };
  s = await seedOrg(t.db);
  const admin = await t.db.user.create({ data: { email: `admin-${randomUUID().slice(0, 6)}@example.com`, name: "Ibrahima", locale: "en" } });
  await t.db.membership.create({ data: { organizationId: s.orgId, userId: admin.id, role: "ADMIN" } });
  adminId = admin.id;
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await calFake.server.stop();
  delete process.env.APP_URL;
  delete process.env.CALCOM_BASE_URL;
  resetEnvCache();
});

async function hotLead(over: { firstName: string; country?: string; email?: string | null; orgId?: string; assignedToId?: string; event?: "qualified" | "requested" }) {
  const orgId = over.orgId ?? s.orgId;
  const email = over.email === null ? null : (over.email ?? `${over.firstName.toLowerCase()}-${randomUUID().slice(0, 6)}@hotel.example`);
  const lead = await t.db.lead.create({
    data: {
      organizationId: orgId,
      firstName: over.firstName,
      lastName: "Ndiaye",
      email,
      emailNormalized: email,
      company: "Hôtel Lagune",
      jobTitle: "Directrice",
      country: over.country ?? "SN",
      painPoints: ["des délais fournisseurs trop longs"],
      status: "NURTURING",
      score: 82,
      tier: "HOT",
      assignedToId: over.assignedToId,
    },
  });
  const seq = await t.db.nurtureSequence.create({ data: { organizationId: orgId, name: `Relance ${randomUUID().slice(0, 4)}`, status: "ACTIVE", targetTier: "WARM" } });
  await t.db.sequenceEnrollment.create({ data: { organizationId: orgId, leadId: lead.id, sequenceId: seq.id, status: "ACTIVE" } });
  if (over.event === "requested") {
    const replyId = `reply-${randomUUID()}`;
    await inngest.send({ name: "lead/booking.requested", data: { organizationId: orgId, leadId: lead.id, reason: "ready_to_buy", replyId } });
  } else {
    const scoreId = `score-${randomUUID()}`;
    await inngest.send({ id: `lead-qualified:${scoreId}`, name: "lead/qualified", data: { organizationId: orgId, leadId: lead.id, scoreId, score: 82, tier: "HOT", previousTier: "WARM", route: "booking", suggestedSequenceId: null } });
  }
  return lead;
}

/** The lead's proposal once the MKT-305 run finished. */
const proposalOf = (leadId: string) =>
  until(`the MKT-305 run of ${leadId} completed`, async () => {
    const runs = (await runsOf(t.db, "marketing-engine-mkt-305-book-call")).filter((r) => r.event.data.leadId === leadId);
    if (!runs.some((r) => r.status === "COMPLETED")) return undefined;
    return (await t.db.booking.findFirst({ where: { leadId } })) ?? undefined;
  }, 60_000);

type Slot = { startAt: string; endAt: string };
const slotsOf = (b: { proposedSlots: unknown }) => b.proposedSlots as Slot[];

function pick(token: string, startAt: string) {
  return mod.book.POST(new Request("https://app.example.test/api/book", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, startAt }) }), { params: Promise.resolve({}) });
}

function calWebhook(orgId: string, raw: string | Buffer, signature?: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature) headers["x-cal-signature-256"] = signature;
  return mod.cal.POST(new Request(`https://app.example.test/api/webhooks/cal?org=${orgId}`, { method: "POST", headers, body: typeof raw === "string" ? raw : new Uint8Array(raw) }), { params: Promise.resolve({}) });
}
const hmac = (secret: string, raw: string | Uint8Array) => createHmac("sha256", secret).update(raw).digest("hex");

const notifications = (userId: string, key: string) => t.db.notification.findMany({ where: { organizationId: s.orgId, userId, messageKey: key } });

describe("MKT-305 booking", () => {
  let first: Awaited<ReturnType<typeof hotLead>>;
  let firstBooking: NonNullable<Awaited<ReturnType<typeof proposalOf>>>;

  it("a hot lead gets 3 slots and a booking: Dakar days, the owner's working hours, a briefing, a template invitation; 10 picks of one slot at once book it once, the sequences stop and the lead is BOOKED", { timeout: 120_000 }, async () => {
    first = await hotLead({ firstName: "Awa", country: "SN" });
    const b = await proposalOf(first.id);
    firstBooking = b;
    expect(b).toMatchObject({ status: "PROPOSED", provider: "BUILTIN", assignedToId: s.ownerId, leadTimezone: "Africa/Dakar", timezone: "Europe/Paris", reason: "hot" });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: first.id } })).assignedToId).toBe(s.ownerId);
    const slots = slotsOf(b);
    expect(slots).toHaveLength(3);
    // Spread across 3 days as the lead counts them, each the soonest of its day: 09:00 in Paris on a weekday (the owner's default hours), tomorrow or later.
    expect(new Set(slots.map((x) => localDayKey(new Date(x.startAt), "Africa/Dakar"))).size).toBe(3);
    for (const x of slots) {
      const p = localDate(new Date(x.startAt), "Europe/Paris");
      expect(p.isoWeekday).toBeLessThanOrEqual(5);
      expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(x.startAt))).toBe("09:00");
      expect(new Date(x.endAt).getTime() - new Date(x.startAt).getTime()).toBe(30 * 60_000);
      expect(localDayKey(new Date(x.startAt), "Europe/Paris") > localDayKey(new Date(), "Europe/Paris")).toBe(true);
    }
    expect((b.moreSlots as Slot[]).length).toBe(12);

    // The briefing, in the salesperson's language (the owner reads French), from the lead's data.
    const briefing = b.briefing as { summary: string; points: string[]; nextStep: string; language: string };
    expect(briefing.language).toBe("fr");
    expect(briefing.summary).toContain("Awa Ndiaye");
    expect(briefing.summary).toContain("Hôtel Lagune");
    expect(briefing.points.join(" ")).toContain("délais fournisseurs");
    expect(b.aiBriefing).toContain(briefing.summary);

    // The invitation: a template written by people (nothing AI-written), in French, with the 3 slots in Dakar time and the link.
    const mails = await t.db.outboxEmail.findMany({ where: { toAddresses: { has: first.email! } } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("Awa");
    const sent = mod.openSealed(mails[0]!);
    expect(sent.text).toMatch(/\(Africa\/Dakar\)/);
    const token = /\/book\/([^\s"<]+)/.exec(sent.text ?? "")?.[1] ?? "";
    expect(token).toBe(mod.sign({ organizationId: s.orgId, bookingId: b.id }));
    const invite = await t.db.leadInteraction.findFirstOrThrow({ where: { leadId: first.id, idempotencyKey: `booking-invite:${b.id}` } });
    expect(invite).toMatchObject({ aiWritten: false, approvedVia: "TEMPLATE", status: "SENT", channel: "EMAIL", direction: "OUTBOUND" });
    expect(await notifications(s.ownerId, "bookingProposed")).toHaveLength(1);

    // 10 picks of the same slot at once: one booking, every answer is that booking.
    const answers = await Promise.all(Array.from({ length: 10 }, () => pick(token, slots[1]!.startAt)));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    const booked = await t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    expect(booked).toMatchObject({ status: "CONFIRMED", slotKey: `${s.ownerId}:${slots[1]!.startAt}` });
    expect(booked.startAt!.toISOString()).toBe(slots[1]!.startAt);
    expect(await t.db.booking.count({ where: { leadId: first.id } })).toBe(1);
    // Another slot afterwards: the proposal is no longer open.
    expect((await pick(token, slots[2]!.startAt)).status).toBe(409);
    // A slot that was never offered, and a tampered link.
    expect((await pick(token, "2030-01-01T09:00:00.000Z")).status).toBe(409);
    expect((await pick(`${token.slice(0, -2)}xx`, slots[1]!.startAt)).status).toBe(400);

    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: first.id } });
    expect(lead.status).toBe("BOOKED");
    expect(await t.db.sequenceEnrollment.findFirstOrThrow({ where: { leadId: first.id } })).toMatchObject({ status: "CANCELLED", cancelReason: "booked" });
    expect(await t.db.runtimeEvent.count({ where: { name: "lead/booked", externalId: `lead-booked:${b.id}:${slots[1]!.startAt}` } })).toBe(1);
    expect(await t.db.outboxEmail.count({ where: { toAddresses: { has: first.email! } } })).toBe(2); // invitation + confirmation
    expect(await notifications(s.ownerId, "bookingConfirmed")).toHaveLength(1);
  });

  it("round robin and double booking: the next lead goes to the admin; two proposals of one salesperson racing for one slot give one call, and the next proposal no longer offers it", { timeout: 120_000 }, async () => {
    const second = await hotLead({ firstName: "Fatou", country: "CI" });
    const b2 = await proposalOf(second.id);
    expect(b2.assignedToId).toBe(adminId);
    expect(b2.leadTimezone).toBe("Africa/Abidjan");
    expect((b2.briefing as { language: string }).language).toBe("en");

    // Two leads of the owner, proposed the same morning: both are offered the same first slot.
    const mk = async (name: string) => {
      const l = await t.db.lead.create({ data: { organizationId: s.orgId, firstName: name, email: `${name.toLowerCase()}-${randomUUID().slice(0, 6)}@x.example`, country: "FR", assignedToId: s.ownerId, tier: "HOT", score: 75 } });
      const r = await mod.propose({ organizationId: s.orgId, leadId: l.id, reason: "hot", proposalKey: `test:${l.id}` });
      if (r.outcome !== "proposed") throw new Error(r.outcome);
      return t.db.booking.findUniqueOrThrow({ where: { id: r.bookingId } });
    };
    const [x, y] = [await mk("Mariama"), await mk("Kadi")];
    const slot = slotsOf(x)[0]!.startAt;
    expect(slotsOf(y)[0]!.startAt).toBe(slot);
    // The slot the first lead booked is busy: offered to nobody.
    for (const p of [x, y]) expect([...slotsOf(p), ...(p.moreSlots as Slot[])].map((z) => z.startAt)).not.toContain(firstBooking.startAt?.toISOString() ?? slotsOf(firstBooking)[1]!.startAt);
    const [rx, ry] = await Promise.all([pick(mod.sign({ organizationId: s.orgId, bookingId: x.id }), slot), pick(mod.sign({ organizationId: s.orgId, bookingId: y.id }), slot)]);
    expect([rx.status, ry.status].sort()).toEqual([200, 409]);
    expect(await t.db.booking.count({ where: { assignedToId: s.ownerId, startAt: new Date(slot), status: "CONFIRMED" } })).toBe(1);
    const loser = rx.status === 409 ? x : y;
    expect(await t.db.booking.findUniqueOrThrow({ where: { id: loser.id } })).toMatchObject({ status: "PROPOSED", slotKey: null });
    const z = await mk("Binta");
    expect([...slotsOf(z), ...(z.moreSlots as Slot[])].map((q) => q.startAt)).not.toContain(slot);
  });

  it("a reply ready to buy (lead/booking.requested) from a lead without email: a proposal, no invitation, the salesperson is asked to call", { timeout: 120_000 }, async () => {
    const lead = await hotLead({ firstName: "Oumar", email: null, assignedToId: s.ownerId, event: "requested" });
    const b = await proposalOf(lead.id);
    expect(b).toMatchObject({ reason: "ready_to_buy", status: "PROPOSED", invitedAt: null });
    expect(slotsOf(b)).toHaveLength(3);
    expect((await notifications(s.ownerId, "bookingToArrange")).length).toBe(1);
  });
});

describe("MKT-305 with Cal.com (API v2 through a local fake) and its webhook", () => {
  let org: Awaited<ReturnType<typeof seedOrg>>;
  let booking: { id: string; externalId: string | null; startAt: Date | null };
  let secret: string;

  it("Cal.com slots for the lead's zone, the 3 best across days; the pick books it in Cal.com with our booking id", { timeout: 120_000 }, async () => {
    org = await seedOrg(t.db);
    // Free slots in Cal.com over the next days (09:00 and 09:30 UTC = Dakar time), one day with two.
    const day = (n: number, hh: string) => {
      const d = new Date();
      d.setUTCDate(d.getUTCDate() + n);
      return `${d.toISOString().slice(0, 10)}T${hh}:00.000Z`;
    };
    const end = (iso: string) => new Date(new Date(iso).getTime() + 30 * 60_000).toISOString();
    for (const [n, hh] of [[2, "09:00"], [2, "09:30"], [3, "14:00"], [4, "10:00"], [5, "11:00"]] as const) calFake.slots.push({ start: day(n, hh), end: end(day(n, hh)) });
    await mod.saveCal({ organizationId: org.orgId, input: { apiKey: "cal_live_fakekey123456", eventTypeId: 4242 } });
    const stored = await t.db.calendarSettings.findUniqueOrThrow({ where: { organizationId: org.orgId } });
    expect(stored.calApiKeyEnc).not.toContain("cal_live_fakekey123456");
    secret = (await mod.secret(org.orgId))!;

    const lead = await hotLead({ firstName: "Aïssatou", country: "SN", orgId: org.orgId });
    const b = await proposalOf(lead.id);
    expect(b.provider).toBe("CALCOM");
    expect(slotsOf(b).map((x) => x.startAt)).toEqual([day(2, "09:00"), day(3, "14:00"), day(4, "10:00")]);
    const slotCall = calFake.server.callsTo(/^\/v2\/slots/)[0]!;
    expect(slotCall.headers["cal-api-version"]).toBe("2024-09-04");
    expect(slotCall.path).toMatch(/^\/v2\/slots\?eventTypeId=4242&start=\d{4}-\d\d-\d\d&end=\d{4}-\d\d-\d\d&timeZone=Africa%2FDakar&format=range$/);

    const token = mod.sign({ organizationId: org.orgId, bookingId: b.id });
    expect((await pick(token, day(3, "14:00"))).status).toBe(200);
    expect(calFake.bookings).toHaveLength(1);
    expect(calFake.bookings[0]!.body).toMatchObject({ eventTypeId: 4242, metadata: { bookingId: b.id, leadId: lead.id }, attendee: { timeZone: "Africa/Dakar", language: "fr" } });
    booking = await t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    expect(booking).toMatchObject({ externalId: calFake.bookings[0]!.uid, status: "CONFIRMED" });
  });

  it("webhook: missing, tampered or foreign signature -> 401 and nothing stored; BOOKING_RESCHEDULED replayed 1,000 times (50 at once) moves the call once; BOOKING_CANCELLED frees the slot; a booking made on Cal.com's own page by one of our leads is recorded for them", { timeout: 300_000 }, async () => {
    const newStart = new Date(booking.startAt!.getTime() + 24 * 3600_000);
    const body = JSON.stringify({
      triggerEvent: "BOOKING_RESCHEDULED",
      createdAt: new Date().toISOString(),
      payload: { type: "discovery", title: "Discovery call", uid: "resched-uid-1", rescheduleUid: booking.externalId, startTime: newStart.toISOString(), endTime: new Date(newStart.getTime() + 30 * 60_000).toISOString(), status: "ACCEPTED", metadata: { videoCallUrl: "https://app.cal.com/video/resched-uid-1" }, attendees: [{ email: "x@y.example", timeZone: "Africa/Dakar" }] },
    });
    const deliveries = () => t.db.calWebhookDelivery.count({ where: { organizationId: org.orgId } });

    expect((await calWebhook(org.orgId, body)).status).toBe(401);
    const tampered = Buffer.from(body);
    tampered[20] = tampered[20]! ^ 1;
    expect((await calWebhook(org.orgId, tampered, hmac(secret, body))).status).toBe(401);
    expect((await calWebhook(org.orgId, body, hmac("another-secret", body))).status).toBe(401);
    expect((await calWebhook(s.orgId, body, hmac(secret, body))).status).toBe(401); // an organisation without this secret
    expect(await deliveries()).toBe(0);

    const sig = hmac(secret, body);
    const statuses: number[] = [];
    for (let i = 0; i < 1000; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => calWebhook(org.orgId, body, sig)));
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.every((x) => x === 200)).toBe(true);
    expect(await deliveries()).toBe(1);
    const moved = await t.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(moved).toMatchObject({ status: "RESCHEDULED", externalId: "resched-uid-1", meetingUrl: "https://app.cal.com/video/resched-uid-1" });
    expect(moved.startAt!.toISOString()).toBe(newStart.toISOString());
    expect(moved.previousStartAt!.toISOString()).toBe(booking.startAt!.toISOString());
    expect(await t.db.notification.count({ where: { organizationId: org.orgId, messageKey: "bookingMoved" } })).toBe(1);
    expect(await t.db.runtimeEvent.count({ where: { name: "lead/booked", externalId: `lead-booked:${booking.id}:${newStart.toISOString()}` } })).toBe(1);

    const cancel = JSON.stringify({ triggerEvent: "BOOKING_CANCELLED", createdAt: new Date().toISOString(), payload: { uid: "resched-uid-1", startTime: newStart.toISOString(), endTime: new Date(newStart.getTime() + 30 * 60_000).toISOString(), status: "CANCELLED", cancellationReason: "Empêchement" } });
    const res = await calWebhook(org.orgId, cancel, hmac(secret, cancel));
    expect(await res.json()).toEqual({ stored: true, outcome: "cancelled" });
    expect(await t.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({ status: "CANCELLED", slotKey: null, cancelReason: "Empêchement" });
    expect(await t.db.notification.count({ where: { organizationId: org.orgId, messageKey: "bookingCancelled" } })).toBe(1);
    expect(await deliveries()).toBe(2);

    // Booked on Cal.com's own page by a lead of ours (no metadata of ours): recorded for that lead, who becomes BOOKED.
    const walkIn = await t.db.lead.create({ data: { organizationId: org.orgId, firstName: "Mame", email: "mame@teranga.example", emailNormalized: "mame@teranga.example", assignedToId: org.ownerId, tier: "HOT", score: 90 } });
    const at = new Date(newStart.getTime() + 2 * 3600_000);
    const created = JSON.stringify({ triggerEvent: "BOOKING_CREATED", createdAt: new Date().toISOString(), payload: { uid: "walk-in-uid", startTime: at.toISOString(), endTime: new Date(at.getTime() + 30 * 60_000).toISOString(), status: "ACCEPTED", attendees: [{ name: "Mame", email: "Mame@Teranga.example", timeZone: "Africa/Dakar" }], metadata: {} } });
    expect(await (await calWebhook(org.orgId, created, hmac(secret, created))).json()).toEqual({ stored: true, outcome: "created" });
    expect(await t.db.booking.findFirstOrThrow({ where: { leadId: walkIn.id } })).toMatchObject({ provider: "CALCOM", externalId: "walk-in-uid", status: "CONFIRMED", reason: "calcom", leadTimezone: "Africa/Dakar" });
    expect((await t.db.lead.findUniqueOrThrow({ where: { id: walkIn.id } })).status).toBe("BOOKED");
    // Someone we do not know: stored, nothing else.
    const stranger = created.replace(/mame@teranga/gi, "nobody@else").replace("walk-in-uid", "stranger-uid");
    expect(await (await calWebhook(org.orgId, stranger, hmac(secret, stranger))).json()).toEqual({ stored: true, outcome: "unmatched" });
    expect(await t.db.booking.count({ where: { organizationId: org.orgId, externalId: "stranger-uid" } })).toBe(0);
  });
});
