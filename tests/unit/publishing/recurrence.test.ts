import { describe, expect, it } from "vitest";
import { expandRecurrence } from "@/lib/publishing/recurrence";
import { publishRetryDelayMs, publishRetrySchedule, MAX_RETRY_DELAY_MS } from "@/lib/publishing/retry-schedule";

describe("expandRecurrence (RRULE in the scheduling zone)", () => {
  it("keeps 09:00 Europe/Paris across the spring DST change (UTC+1 -> UTC+2)", () => {
    const start = new Date("2026-03-24T08:00:00Z"); // Tuesday 09:00 CET
    const out = expandRecurrence({ rrule: "FREQ=WEEKLY;BYDAY=TU", start, timezone: "Europe/Paris", after: start, until: new Date("2026-04-15T00:00:00Z") });
    expect(out.map((d) => d.toISOString())).toEqual(["2026-03-31T07:00:00.000Z", "2026-04-07T07:00:00.000Z", "2026-04-14T07:00:00.000Z"]);
  });

  it("keeps 09:00 Europe/Paris across the autumn DST change (UTC+2 -> UTC+1)", () => {
    const start = new Date("2026-10-20T07:00:00Z"); // Tuesday 09:00 CEST
    const out = expandRecurrence({ rrule: "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3", start, timezone: "Europe/Paris", after: start, until: new Date("2026-12-01T00:00:00Z") });
    expect(out.map((d) => d.toISOString())).toEqual(["2026-10-27T08:00:00.000Z", "2026-11-03T08:00:00.000Z"]);
  });

  it("daily rule: only occurrences strictly after `after` and within `until`, capped by max", () => {
    const start = new Date("2026-01-01T10:00:00Z");
    const out = expandRecurrence({ rrule: "FREQ=DAILY", start, timezone: "UTC", after: new Date("2026-01-03T10:00:00Z"), until: new Date("2026-01-06T10:00:00Z") });
    expect(out.map((d) => d.toISOString().slice(0, 10))).toEqual(["2026-01-04", "2026-01-05", "2026-01-06"]);
    expect(expandRecurrence({ rrule: "FREQ=DAILY", start, timezone: "UTC", after: start, until: new Date("2027-01-01T00:00:00Z"), max: 5 })).toHaveLength(5);
  });

  it("BYHOUR in the rule is local time (America/New_York)", () => {
    const start = new Date("2026-03-02T14:00:00Z"); // Monday 09:00 EST
    const out = expandRecurrence({ rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0", start, timezone: "America/New_York", after: start, until: new Date("2026-03-17T00:00:00Z") });
    // US DST starts 2026-03-08: 09:00 EDT = 13:00 UTC.
    expect(out.map((d) => d.toISOString())).toEqual(["2026-03-09T13:00:00.000Z", "2026-03-16T13:00:00.000Z"]);
  });

  it("rejects a rule without FREQ", () => {
    expect(() => expandRecurrence({ rrule: "BYDAY=TU", start: new Date(), timezone: "UTC", after: new Date(), until: new Date() })).toThrow();
  });
});

describe("publish retry schedule", () => {
  it("doubles from the base and is capped at 30 minutes", () => {
    expect(publishRetrySchedule(8, 30_000)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000]);
    expect(publishRetryDelayMs(20, 30_000)).toBe(MAX_RETRY_DELAY_MS);
    expect(publishRetrySchedule(1, 30_000)).toEqual([]);
    expect(publishRetryDelayMs(1, 50)).toBe(50);
  });
});
