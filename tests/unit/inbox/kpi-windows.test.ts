import { describe, expect, it } from "vitest";
import { aggregateKpiWindows, aggregateWindow, median, type KpiItem } from "@/lib/inbox/kpis/aggregate-kpis";
import { kpiWindowOf, kpiWindowsBetween } from "@/lib/inbox/kpis/windows";

const iso = (d: Date) => d.toISOString();
const hours = (w: { start: Date; end: Date }) => (w.end.getTime() - w.start.getTime()) / 3600_000;

describe("2-hour KPI windows in the organisation's time zone", () => {
  it("Paris in winter: windows start on even local hours (UTC+1)", () => {
    const w = kpiWindowOf(new Date("2026-01-15T10:30:00Z"), "Europe/Paris"); // 11:30 local
    expect([iso(w.start), iso(w.end), w.localDate, w.slot]).toEqual(["2026-01-15T09:00:00.000Z", "2026-01-15T11:00:00.000Z", "2026-01-15", 5]);
  });

  it("Paris, last Sunday of March: 02:00 jumps to 03:00, the 02-04 window lasts 1 hour", () => {
    const day = kpiWindowsBetween(new Date("2026-03-28T23:00:00Z"), new Date("2026-03-29T22:00:00Z"), "Europe/Paris");
    expect(day).toHaveLength(12);
    expect(day.map((w) => w.slot)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(day.every((w) => w.localDate === "2026-03-29")).toBe(true);
    expect([iso(day[0]!.start), iso(day[0]!.end)]).toEqual(["2026-03-28T23:00:00.000Z", "2026-03-29T01:00:00.000Z"]);
    expect([iso(day[1]!.start), iso(day[1]!.end)]).toEqual(["2026-03-29T01:00:00.000Z", "2026-03-29T02:00:00.000Z"]);
    expect(hours(day[1]!)).toBe(1);
    expect(iso(day[2]!.start)).toBe("2026-03-29T02:00:00.000Z"); // 04:00 CEST
    expect(day.slice(2).every((w) => hours(w) === 2)).toBe(true);
    expect(iso(day[11]!.end)).toBe("2026-03-29T22:00:00.000Z"); // midnight CEST
  });

  it("Paris, last Sunday of October: 03:00 goes back to 02:00, the 02-04 window lasts 3 hours", () => {
    const day = kpiWindowsBetween(new Date("2026-10-24T22:00:00Z"), new Date("2026-10-25T23:00:00Z"), "Europe/Paris");
    expect(day).toHaveLength(12);
    expect([iso(day[0]!.start), iso(day[0]!.end)]).toEqual(["2026-10-24T22:00:00.000Z", "2026-10-25T00:00:00.000Z"]);
    expect([iso(day[1]!.start), iso(day[1]!.end)]).toEqual(["2026-10-25T00:00:00.000Z", "2026-10-25T03:00:00.000Z"]);
    expect(hours(day[1]!)).toBe(3);
    expect(day.filter((w) => w !== day[1]).every((w) => hours(w) === 2)).toBe(true);
    expect(iso(day[11]!.end)).toBe("2026-10-25T23:00:00.000Z");
    // Both 02:30s (CEST and CET) are in the same window.
    expect(iso(kpiWindowOf(new Date("2026-10-25T00:30:00Z"), "Europe/Paris").start)).toBe(iso(kpiWindowOf(new Date("2026-10-25T01:30:00Z"), "Europe/Paris").start));
  });

  it("Abidjan and Dakar (UTC, no DST): twelve 2-hour windows every day of the year", () => {
    for (const tz of ["Africa/Abidjan", "Africa/Dakar"])
      for (const day of ["2026-03-29", "2026-10-25", "2026-07-01"]) {
        const ws = kpiWindowsBetween(new Date(`${day}T00:00:00Z`), new Date(`${day}T23:59:00Z`), tz);
        expect(ws.map((w) => iso(w.start).slice(11, 16))).toEqual(["00:00", "02:00", "04:00", "06:00", "08:00", "10:00", "12:00", "14:00", "16:00", "18:00", "20:00", "22:00"]);
        expect(ws.every((w) => hours(w) === 2)).toBe(true);
      }
  });

  it("windows are contiguous over a week that crosses a DST change", () => {
    const ws = kpiWindowsBetween(new Date("2026-03-25T00:00:00Z"), new Date("2026-04-01T00:00:00Z"), "Europe/Paris");
    for (let i = 1; i < ws.length; i++) expect(ws[i]!.start.getTime()).toBe(ws[i - 1]!.end.getTime());
    expect(ws.reduce((h, w) => h + hours(w), 0)).toBe((ws.at(-1)!.end.getTime() - ws[0]!.start.getTime()) / 3600_000);
  });
});

describe("window figures", () => {
  const at = (h: number) => new Date(Date.UTC(2026, 0, 15, h));
  const items: KpiItem[] = [
    { kind: "message", at: at(9), triage: "AUTO_REPLY", responseSeconds: 60, publicationId: null },
    { kind: "message", at: at(9), triage: "ESCALATE", responseSeconds: 600, publicationId: null },
    { kind: "comment", at: at(10), triage: "IGNORE", responseSeconds: null, publicationId: "p1" },
    { kind: "comment", at: at(10), triage: "AUTO_REPLY", responseSeconds: 120, publicationId: "p2" },
    { kind: "comment", at: at(10), triage: null, responseSeconds: null, publicationId: "p2" },
  ];

  it("counts, p50 of first responses, auto-reply rate, escalations, ignored, active posts", () => {
    expect(aggregateWindow(items)).toEqual({ messagesCount: 2, commentsCount: 3, frtP50Seconds: 120, autoReplyRate: 0.5, autoReplyCount: 2, escalateCount: 1, ignoredCount: 1, postsActive: 2 });
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
  });

  it("is the same whatever the order of the items, and leaves empty windows out", () => {
    const ws = kpiWindowsBetween(at(7), at(15), "Africa/Dakar");
    const a = aggregateKpiWindows(items, ws);
    const b = aggregateKpiWindows([...items].reverse(), ws);
    expect(b).toEqual(a);
    expect(a.map((r) => iso(r.window.start))).toEqual(["2026-01-15T08:00:00.000Z", "2026-01-15T10:00:00.000Z"]);
  });
});
