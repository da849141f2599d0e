import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { getCalendar } from "@/lib/publishing/get-calendar";
import { reschedulePublication } from "@/lib/publishing/reschedule-publication";
import { calendarQuerySchema, rescheduleSchema } from "@/lib/publishing/schemas";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedOrg, seedPiece, seedSandboxAccount } from "./support";

/**
 * Calendar (issue 9): recurring occurrences beyond the 30 materialised days are shown, filters by
 * network and account, and dates more than 2 years ahead are refused with a message.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.cleanup();
});

const DAY = 86_400_000;

describe("calendar", () => {
  it("shows every weekly occurrence of a series in a month 2 months ahead, as projected entries", async () => {
    const org = await seedOrg(t.db);
    const account = await seedSandboxAccount(t.db, org.orgId);
    const piece = await seedPiece(t.db, org.orgId);
    const start = new Date(Date.now() + DAY);
    const series = await t.db.publication.create({
      data: { organizationId: org.orgId, contentPieceId: piece.id, socialAccountId: account.id, platform: "LINKEDIN", scheduledAt: start, timezone: "Europe/Paris", rrule: "FREQ=WEEKLY", idempotencyKey: `series-${Math.random()}`, maxAttempts: 8 },
    });
    const from = new Date(start.getTime() + 60 * DAY - 3_600_000);
    const to = new Date(from.getTime() + 28 * DAY);
    const cal = await getCalendar({ organizationId: org.orgId, from, to });
    expect(cal.publications).toHaveLength(4);
    for (const p of cal.publications) expect(p).toMatchObject({ projected: true, recurring: true, status: "SCHEDULED", piece: { id: piece.id } });
    const times = cal.publications.map((p) => Date.parse(p.scheduledAt));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(7 * DAY - 3_600_000);
    expect(new Set(cal.publications.map((p) => p.id)).size).toBe(4);
    expect(cal.publications[0]!.id.startsWith(`${series.id}@`)).toBe(true);
    // The first week: the real row only (not projected twice).
    const first = await getCalendar({ organizationId: org.orgId, from: new Date(start.getTime() - DAY), to: new Date(start.getTime() + 6 * DAY) });
    expect(first.publications.map((p) => [p.id, p.projected])).toEqual([[series.id, false]]);
    // Another organisation sees none of it.
    const other = await seedOrg(t.db);
    expect((await getCalendar({ organizationId: other.orgId, from, to })).publications).toEqual([]);
  });

  it("filters by network and by account", async () => {
    const org = await seedOrg(t.db);
    const li = await seedSandboxAccount(t.db, org.orgId, "LINKEDIN");
    const fb = await seedSandboxAccount(t.db, org.orgId, "FACEBOOK");
    const piece = await seedPiece(t.db, org.orgId);
    const at = new Date(Date.now() + 2 * DAY);
    for (const [a, platform] of [[li, "LINKEDIN"], [fb, "FACEBOOK"]] as const) {
      await t.db.publication.create({ data: { organizationId: org.orgId, contentPieceId: piece.id, socialAccountId: a.id, platform, scheduledAt: at, idempotencyKey: `k-${Math.random()}`, maxAttempts: 8 } });
    }
    const range = { organizationId: org.orgId, from: new Date(Date.now()), to: new Date(Date.now() + 7 * DAY) };
    expect((await getCalendar(range)).publications).toHaveLength(2);
    expect((await getCalendar({ ...range, platform: "FACEBOOK" })).publications.map((p) => p.account.id)).toEqual([fb.id]);
    expect((await getCalendar({ ...range, accountId: li.id })).publications.map((p) => p.platform)).toEqual(["LINKEDIN"]);
  });

  it("refuses dates more than 2 years ahead, naming the field, and leaves the publication where it was", async () => {
    const far = new Date(Date.now() + 2 * 366 * DAY).toISOString();
    const bad = rescheduleSchema.safeParse({ scheduledAt: "9999-01-01T09:00:00Z" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ["scheduledAt"], message: "validation.tooFarAhead" });
    expect(rescheduleSchema.safeParse({ scheduledAt: far }).success).toBe(false);
    expect(rescheduleSchema.safeParse({ scheduledAt: new Date(Date.now() + 700 * DAY).toISOString() }).success).toBe(true);
    expect(calendarQuerySchema.safeParse({ from: "9999-01-01T00:00:00Z", to: "9999-01-08T00:00:00Z" }).success).toBe(false);

    const org = await seedOrg(t.db);
    const account = await seedSandboxAccount(t.db, org.orgId);
    const piece = await seedPiece(t.db, org.orgId);
    const at = new Date(Date.now() + DAY);
    const pub = await t.db.publication.create({ data: { organizationId: org.orgId, contentPieceId: piece.id, socialAccountId: account.id, platform: "LINKEDIN", scheduledAt: at, idempotencyKey: `k-${Math.random()}`, maxAttempts: 8 } });
    const err = await reschedulePublication({ organizationId: org.orgId, publicationId: pub.id, scheduledAt: new Date("9999-01-01T09:00:00Z") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "validation", key: "publishing.tooFarAhead", field: "scheduledAt" });
    expect((await t.db.publication.findUniqueOrThrow({ where: { id: pub.id } })).scheduledAt.getTime()).toBe(at.getTime());
  });
});
