import { describe, expect, it } from "vitest";
import { bestSlots, defaultWorkingHours, freeSlots, localDayKey, spreadSlots, startOfTomorrow, type WorkingHoursSpec } from "@/lib/leads/booking/slots";

/** MKT-305 slot arithmetic: working-hours edges, weekends, DST in Paris, no DST in Dakar and Abidjan, the 3-best rule. */
const iso = (d: Date) => d.toISOString();
const H = (tz: string, over: Partial<WorkingHoursSpec> = {}): WorkingHoursSpec => ({ ...defaultWorkingHours(tz), ...over });
const week = (from: string, hours: WorkingHoursSpec, busy: { startAt: Date; endAt: Date }[] = []) => {
  const start = new Date(from);
  return freeSlots({ hours, from: start, to: new Date(start.getTime() + 7 * 86400_000), durationMinutes: 30, busy });
};

describe("free slots inside working hours", () => {
  it("Monday-Friday 09:00-18:00 Paris in winter: first 08:00Z, last 16:30Z (ends at 18:00 sharp), 18 a day, nothing on the weekend", () => {
    // Friday 2026-12-04 00:00 Paris -> the next 7 days: Fri, Mon-Thu (Sat/Sun skipped).
    const slots = week("2026-12-03T23:00:00Z", H("Europe/Paris"));
    const days = new Map<string, string[]>();
    for (const s of slots) days.set(localDayKey(s.startAt, "Europe/Paris"), [...(days.get(localDayKey(s.startAt, "Europe/Paris")) ?? []), iso(s.startAt)]);
    expect([...days.keys()]).toEqual(["2026-12-04", "2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10"]);
    for (const list of days.values()) expect(list).toHaveLength(18);
    expect(days.get("2026-12-04")![0]).toBe("2026-12-04T08:00:00.000Z");
    expect(days.get("2026-12-04")!.at(-1)).toBe("2026-12-04T16:30:00.000Z");
  });

  it("a slot must end by the end of the day: 09:00-10:15 gives 09:00 and 09:30 only; a slot starting before `from` is left out", () => {
    const slots = freeSlots({ hours: H("Europe/Paris", { startMinute: 540, endMinute: 615 }), from: new Date("2026-12-07T08:10:00Z"), to: new Date("2026-12-07T23:00:00Z"), durationMinutes: 30 });
    expect(slots.map((s) => iso(s.startAt))).toEqual(["2026-12-07T08:30:00.000Z"]);
    const full = freeSlots({ hours: H("Europe/Paris", { startMinute: 540, endMinute: 615 }), from: new Date("2026-12-06T23:00:00Z"), to: new Date("2026-12-07T23:00:00Z"), durationMinutes: 30 });
    expect(full.map((s) => iso(s.startAt))).toEqual(["2026-12-07T08:00:00.000Z", "2026-12-07T08:30:00.000Z"]);
  });

  it("weekend days when the member works them (Saturday only)", () => {
    const slots = week("2026-12-03T23:00:00Z", H("Europe/Paris", { days: [6], startMinute: 600, endMinute: 660 }));
    expect(slots.map((s) => iso(s.startAt))).toEqual(["2026-12-05T09:00:00.000Z", "2026-12-05T09:30:00.000Z"]);
  });

  it("busy intervals are skipped, including one that only overlaps part of a slot", () => {
    const busy = [{ startAt: new Date("2026-12-07T08:15:00Z"), endAt: new Date("2026-12-07T08:45:00Z") }];
    const slots = freeSlots({ hours: H("Europe/Paris", { startMinute: 540, endMinute: 660 }), from: new Date("2026-12-06T23:00:00Z"), to: new Date("2026-12-07T23:00:00Z"), durationMinutes: 30, busy });
    expect(slots.map((s) => iso(s.startAt))).toEqual(["2026-12-07T09:00:00.000Z", "2026-12-07T09:30:00.000Z"]);
  });

  it("DST in Europe/Paris: 09:00 is 08:00Z on Friday 27 March 2026 and 07:00Z on Monday 30 March (clocks went forward on the 29th)", () => {
    const slots = week("2026-03-26T23:00:00Z", H("Europe/Paris", { startMinute: 540, endMinute: 570 }));
    expect(slots.map((s) => iso(s.startAt))).toEqual(["2026-03-27T08:00:00.000Z", "2026-03-30T07:00:00.000Z", "2026-03-31T07:00:00.000Z", "2026-04-01T07:00:00.000Z", "2026-04-02T07:00:00.000Z"]);
  });

  it("DST end in Europe/Paris: 09:00 is 07:00Z on Friday 23 October 2026 and 08:00Z on Monday 26 October (clocks went back on the 25th)", () => {
    const slots = week("2026-10-22T22:00:00Z", H("Europe/Paris", { startMinute: 540, endMinute: 570 }));
    expect(slots.slice(0, 2).map((s) => iso(s.startAt))).toEqual(["2026-10-23T07:00:00.000Z", "2026-10-26T08:00:00.000Z"]);
  });

  it("Africa/Dakar and Africa/Abidjan have no DST: 09:00 local is 09:00Z in March, October and December alike", () => {
    for (const tz of ["Africa/Dakar", "Africa/Abidjan"]) {
      for (const from of ["2026-03-26T00:00:00Z", "2026-10-22T00:00:00Z", "2026-12-04T00:00:00Z"]) {
        const first = week(from, H(tz))[0]!;
        expect(iso(first.startAt).slice(11)).toBe("09:00:00.000Z");
      }
    }
  });

  it("tomorrow starts at local midnight of the zone: 23:30Z on 3 December is already the 4th in Paris, not in Dakar", () => {
    const now = new Date("2026-12-03T23:30:00Z");
    expect(iso(startOfTomorrow(now, "Europe/Paris"))).toBe("2026-12-04T23:00:00.000Z");
    expect(iso(startOfTomorrow(now, "Africa/Dakar"))).toBe("2026-12-04T00:00:00.000Z");
  });
});

describe("the 3 best slots", () => {
  it("the soonest slot of each of the first 3 days, so the lead gets 3 different days", () => {
    const best = bestSlots(week("2026-12-03T23:00:00Z", H("Europe/Paris")), "Europe/Paris");
    expect(best.map((s) => iso(s.startAt))).toEqual(["2026-12-04T08:00:00.000Z", "2026-12-07T08:00:00.000Z", "2026-12-08T08:00:00.000Z"]);
  });

  it("days as the lead counts them: a Paris salesperson's 17:30 Friday is Friday in Dakar too, but a Tokyo lead's Saturday", () => {
    const slots = freeSlots({ hours: H("Europe/Paris", { startMinute: 1020, endMinute: 1080 }), from: new Date("2026-12-03T23:00:00Z"), to: new Date("2026-12-05T23:00:00Z"), durationMinutes: 30 });
    expect(slots.map((s) => localDayKey(s.startAt, "Asia/Tokyo"))).toEqual(["2026-12-05", "2026-12-05"]);
    expect(bestSlots(slots, "Africa/Dakar").map((s) => iso(s.startAt))).toEqual(["2026-12-04T16:00:00.000Z", "2026-12-04T16:30:00.000Z"]);
  });

  it("fewer than 3 days: the soonest remaining slots fill in, soonest first", () => {
    const slots = freeSlots({ hours: H("Europe/Paris", { days: [5] }), from: new Date("2026-12-03T23:00:00Z"), to: new Date("2026-12-05T23:00:00Z"), durationMinutes: 30 });
    expect(bestSlots(slots, "Europe/Paris").map((s) => iso(s.startAt))).toEqual(["2026-12-04T08:00:00.000Z", "2026-12-04T08:30:00.000Z", "2026-12-04T09:00:00.000Z"]);
    expect(bestSlots([], "Europe/Paris")).toEqual([]);
  });

  it("the page's further slots are spread: at most 3 a day, soonest first, up to the count", () => {
    const slots = week("2026-12-03T23:00:00Z", H("Europe/Paris"));
    const more = spreadSlots(slots, "Europe/Paris", 12);
    expect(more).toHaveLength(12);
    const perDay = new Map<string, number>();
    for (const s of more) perDay.set(localDayKey(s.startAt, "Europe/Paris"), (perDay.get(localDayKey(s.startAt, "Europe/Paris")) ?? 0) + 1);
    expect([...perDay.entries()]).toEqual([["2026-12-04", 3], ["2026-12-07", 3], ["2026-12-08", 3], ["2026-12-09", 3]]);
    expect(more.slice(0, 3).map((s) => iso(s.startAt))).toEqual(["2026-12-04T08:00:00.000Z", "2026-12-04T08:30:00.000Z", "2026-12-04T09:00:00.000Z"]);
  });
});
