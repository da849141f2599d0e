import { describe, expect, it } from "vitest";
import { nextSendWindow } from "@/lib/leads/nurture/quiet-hours";

const at = (iso: string) => new Date(iso);
const next = (iso: string, zone: string) => nextSendWindow(at(iso), zone).toISOString();

describe("quiet hours (20:00-08:00 and Sundays in the lead's zone)", () => {
  it("inside the window: now", () => {
    expect(next("2026-12-08T10:00:00Z", "Africa/Dakar")).toBe("2026-12-08T10:00:00.000Z");
    expect(next("2026-12-08T07:00:00Z", "Europe/Paris")).toBe("2026-12-08T07:00:00.000Z"); // 08:00 Paris, opening minute
  });
  it("before 08:00: 08:00 the same day; from 20:00: 08:00 the next day", () => {
    expect(next("2026-12-08T05:00:00Z", "Africa/Dakar")).toBe("2026-12-08T08:00:00.000Z");
    expect(next("2026-12-07T22:30:00Z", "Africa/Dakar")).toBe("2026-12-08T08:00:00.000Z");
    expect(next("2026-12-07T20:00:00Z", "Africa/Abidjan")).toBe("2026-12-08T08:00:00.000Z");
    expect(next("2026-12-07T18:59:59Z", "Europe/Paris")).toBe("2026-12-07T18:59:59.000Z"); // 19:59:59 Paris
    expect(next("2026-12-07T19:00:00Z", "Europe/Paris")).toBe("2026-12-08T07:00:00.000Z");
  });
  it("Saturday evening and Sunday wait for Monday 08:00", () => {
    expect(next("2026-12-05T21:00:00Z", "Africa/Dakar")).toBe("2026-12-07T08:00:00.000Z");
    expect(next("2026-12-06T12:00:00Z", "Africa/Dakar")).toBe("2026-12-07T08:00:00.000Z");
  });
  it("Paris across both DST changes: 08:00 local is 06:00 UTC in summer and 07:00 UTC in winter", () => {
    expect(next("2027-03-27T20:00:00Z", "Europe/Paris")).toBe("2027-03-29T06:00:00.000Z");
    expect(next("2027-10-30T19:00:00Z", "Europe/Paris")).toBe("2027-11-01T07:00:00.000Z");
    // The lead's zone, not the server's: 23:30 Paris on a Monday is 22:30 in Dakar, both closed.
    expect(next("2026-12-07T22:30:00Z", "Europe/Paris")).toBe("2026-12-08T07:00:00.000Z");
  });
});
