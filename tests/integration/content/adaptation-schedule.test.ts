import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAdaptationTargets } from "@/lib/content/adaptation/adapt-content-piece";
import { nextPublishingSlot, scheduleAdaptedPublications } from "@/lib/content/adaptation/schedule-adapted-publications";
import { requestApproval } from "@/lib/approvals/request-approval";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedAccount, seedOrg, seedPiece } from "@/tests/integration/approvals/support";

/**
 * MKT-106 "next slot": with no target time, publications go to the next full local hour of the 09:00-20:00
 * window in the organisation's time zone (wall clock, so the UTC instant moves with daylight saving).
 * Local hours are read back with Intl, independently of the implementation's time-zone library.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.cleanup();
});

const HOUR = 3600_000;

const formats = new Map<string, Intl.DateTimeFormat>();
function localTime(at: Date, timeZone: string): { hour: number; minute: number; date: string } {
  let f = formats.get(timeZone);
  if (!f)
    formats.set(
      timeZone,
      (f = new Intl.DateTimeFormat("en-GB", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      })),
    );
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { hour: Number(parts.hour), minute: Number(parts.minute), date: `${parts.year}-${parts.month}-${parts.day}` };
}

/**
 * The network versions (and so their times) are written when approval is requested (issue 9); these
 * brands auto-approve, so the request approves them at once and MKT-106 schedules them.
 */
async function approveAndSchedule(organizationId: string, contentPieceId: string, now: Date) {
  await requestApproval({ organizationId, contentPieceId, now });
  return scheduleAdaptedPublications({ organizationId, contentPieceId, now });
}

async function orgIn(timezone: string) {
  const o = await seedOrg(t.db, { requireContentApproval: false });
  await t.db.organization.update({ where: { id: o.orgId }, data: { timezone } });
  await seedAccount(t.db, o, "LINKEDIN");
  return o;
}

/** Schedules a fresh LinkedIn piece without a target time at `now`; returns the stored publication time. */
async function scheduleAt(o: Awaited<ReturnType<typeof orgIn>>, now: Date): Promise<Date> {
  const piece = await seedPiece(t.db, o, { platform: "LINKEDIN" });
  const out = await approveAndSchedule(o.orgId, piece.id, now);
  expect(out).toHaveLength(1);
  const row = await t.db.publication.findUniqueOrThrow({ where: { id: out[0]!.publicationId }, select: { scheduledAt: true, status: true } });
  expect(row.status).toBe("SCHEDULED");
  expect(row.scheduledAt.toISOString()).toBe(out[0]!.scheduledAt);
  expect(row.scheduledAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + HOUR);
  return row.scheduledAt;
}

describe("scheduleAdaptedPublications: next slot in the organisation's time zone (MKT-106)", () => {
  it("Europe/Paris in winter (UTC+1): 09:00 local is 08:00 UTC", async () => {
    const o = await orgIn("Europe/Paris");
    const tz = "Europe/Paris";
    // 06:10 local: too early, moved to 09:00 the same day.
    const early = await scheduleAt(o, new Date("2026-01-14T05:10:00Z"));
    expect(early.toISOString()).toBe("2026-01-14T08:00:00.000Z");
    expect(localTime(early, tz)).toEqual({ date: "2026-01-14", hour: 9, minute: 0 });
    // 11:20 local: the next full hour at least one hour ahead, 13:00 local.
    const day = await scheduleAt(o, new Date("2026-01-14T10:20:00Z"));
    expect(day.toISOString()).toBe("2026-01-14T12:00:00.000Z");
    expect(localTime(day, tz)).toEqual({ date: "2026-01-14", hour: 13, minute: 0 });
    // 20:30 local: after the window, 09:00 local the next day.
    const late = await scheduleAt(o, new Date("2026-01-14T19:30:00Z"));
    expect(late.toISOString()).toBe("2026-01-15T08:00:00.000Z");
    expect(localTime(late, tz)).toEqual({ date: "2026-01-15", hour: 9, minute: 0 });
  });

  it("Europe/Paris in summer (UTC+2): 09:00 local is 07:00 UTC, also across the spring-forward night", async () => {
    const o = await orgIn("Europe/Paris");
    const tz = "Europe/Paris";
    const early = await scheduleAt(o, new Date("2026-07-14T03:00:00Z"));
    expect(early.toISOString()).toBe("2026-07-14T07:00:00.000Z");
    expect(localTime(early, tz)).toEqual({ date: "2026-07-14", hour: 9, minute: 0 });
    // 19:05 local -> 21:00 is outside the window -> 09:00 the next day.
    const late = await scheduleAt(o, new Date("2026-07-14T17:05:00Z"));
    expect(late.toISOString()).toBe("2026-07-15T07:00:00.000Z");
    expect(localTime(late, tz)).toEqual({ date: "2026-07-15", hour: 9, minute: 0 });
    // Saturday 21:00 CET, the night clocks go forward: Sunday 09:00 CEST.
    const overDst = await scheduleAt(o, new Date("2026-03-28T20:00:00Z"));
    expect(overDst.toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(localTime(overDst, tz)).toEqual({ date: "2026-03-29", hour: 9, minute: 0 });
  });

  it("Africa/Abidjan (UTC+0, no daylight saving): 09:00 local is 09:00 UTC", async () => {
    const o = await orgIn("Africa/Abidjan");
    const early = await scheduleAt(o, new Date("2026-01-14T06:00:00Z"));
    expect(early.toISOString()).toBe("2026-01-14T09:00:00.000Z");
    const day = await scheduleAt(o, new Date("2026-07-14T15:45:00Z"));
    expect(day.toISOString()).toBe("2026-07-14T17:00:00.000Z");
    const late = await scheduleAt(o, new Date("2026-07-14T19:10:00Z"));
    expect(late.toISOString()).toBe("2026-07-15T09:00:00.000Z");
  });

  it("keeps the master's target time when it is still ahead, whatever the zone", async () => {
    const o = await orgIn("Europe/Paris");
    const target = new Date("2026-01-14T21:30:00Z");
    const piece = await seedPiece(t.db, o, { platform: "LINKEDIN", targetPublishAt: target });
    const [pub] = await approveAndSchedule(o.orgId, piece.id, new Date("2026-01-14T05:00:00Z"));
    expect(pub!.scheduledAt).toBe(target.toISOString());
  });

  it("an organisation with an unknown zone stored is scheduled in UTC rather than failing", async () => {
    const o = await orgIn("Mars/Olympus");
    const at = await scheduleAt(o, new Date("2026-01-14T05:10:00Z"));
    expect(at.toISOString()).toBe("2026-01-14T09:00:00.000Z");
  });
});

describe("MKT-106 accounts: the brand's own, else the organisation's unassigned ones", () => {
  it("uses an account without a brand (what Connections creates) for a platform the brand has none of; never another brand's", async () => {
    const o = await seedOrg(t.db, { requireContentApproval: false });
    const other = await t.db.brand.create({
      data: {
        organizationId: o.orgId,
        name: "Autre marque",
        slug: `other-${o.slug}`,
        voice: "sobre",
        targetAudience: "boutiques",
        contentGuidelines: "concret",
      },
    });
    const own = await seedAccount(t.db, o, "FACEBOOK");
    const unassignedAccount = (platform: "LINKEDIN" | "FACEBOOK") =>
      t.db.socialAccount.create({
        data: { organizationId: o.orgId, platform, externalId: `sbx-${platform}-${o.slug}`, name: `Sandbox ${platform}`, isSandbox: true },
      });
    const unassigned = await unassignedAccount("LINKEDIN");
    // The brand has its own Facebook page: an unassigned one is not used for Facebook.
    await unassignedAccount("FACEBOOK");
    await seedAccount(t.db, { orgId: o.orgId, brandId: other.id }, "X");
    const master = await seedPiece(t.db, o, { platform: "FACEBOOK" });

    expect((await listAdaptationTargets({ organizationId: o.orgId, contentPieceId: master.id })).platforms).toEqual(["LINKEDIN"]);

    const variant = (platform: "LINKEDIN" | "X") =>
      t.db.contentPiece.create({
        data: {
          organizationId: o.orgId,
          brandId: o.brandId,
          parentId: master.id,
          platform,
          status: "APPROVED",
          title: master.title,
          body: master.body,
          hashtags: [],
        },
      });
    const li = await variant("LINKEDIN");
    await variant("X");
    const out = await approveAndSchedule(o.orgId, master.id, new Date("2026-01-14T10:20:00Z"));
    expect(out.map((p) => [p.contentPieceId, p.socialAccountId]).sort()).toEqual(
      [
        [master.id, own.id],
        [li.id, unassigned.id],
      ].sort(),
    );
  });
});

describe("nextPublishingSlot", () => {
  it("every 13 minutes across both daylight-saving weekends: a full local hour in 09:00-19:00, at least an hour ahead, never later than needed", () => {
    const zones = ["Europe/Paris", "Africa/Abidjan", "America/New_York", "Asia/Kolkata"];
    const ranges: [string, string][] = [
      ["2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z"],
      ["2026-10-23T00:00:00Z", "2026-10-27T00:00:00Z"],
      ["2026-03-06T00:00:00Z", "2026-03-10T00:00:00Z"],
      ["2026-10-30T00:00:00Z", "2026-11-03T00:00:00Z"],
    ];
    const wrong: string[] = [];
    for (const tz of zones) {
      for (const [from, to] of ranges) {
        for (let ms = Date.parse(from); ms < Date.parse(to); ms += 13 * 60_000) {
          const slot = nextPublishingSlot(new Date(ms), tz);
          const local = localTime(slot, tz);
          const nextHour = localTime(new Date(ms + HOUR), tz).hour;
          const ok =
            slot.getTime() >= ms + HOUR &&
            local.minute === 0 &&
            local.hour >= 9 &&
            local.hour < 20 &&
            // Inside the window, nothing later than the first full local hour an hour ahead.
            (nextHour < 9 || nextHour >= 19 || slot.getTime() <= ms + 2 * HOUR);
          if (!ok) wrong.push(`${tz} at ${new Date(ms).toISOString()} -> ${slot.toISOString()}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
