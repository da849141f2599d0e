import { randomBytes } from "node:crypto";
import { FakeServer, type FakeResponse } from "./server";

/**
 * Local fake of Cal.com API v2 (docs/PLATFORM_APIS.md §12): `GET /v2/slots` and `POST /v2/bookings`.
 * - `Authorization: Bearer cal_…` must be the key given (else 401 with the v2 error envelope).
 * - `cal-api-version` is required per endpoint (slots 2024-09-04, bookings 2024-08-13 or newer): a
 *   missing or other value answers as the old endpoint would, which the fake makes a 400 so a client
 *   that forgets it fails here instead of silently in production.
 * - slots: `eventTypeId`, `start`, `end` (dates), `timeZone`; `data` = { "YYYY-MM-DD": [{ start, end? }] }
 *   (`end` only with `format=range`), from the slots the test gives, within [start, end] in that zone.
 * - bookings: `{ start, eventTypeId, attendee{name,email,timeZone,language}, metadata }` -> 201 with
 *   the booking (uid, status accepted, start, end, meetingUrl); a start that is not a free slot -> 400.
 */
export type CalFakeSlot = { start: string; end: string };
const error = (status: number, code: string, message: string): FakeResponse => ({ status, json: { status: "error", timestamp: new Date().toISOString(), path: "", error: { code, message } } });

export function createCalcomFake(opts: { apiKey: string; eventTypeId: number; slots: CalFakeSlot[] }) {
  const server = new FakeServer("calcom");
  const bookings: { uid: string; body: Record<string, unknown> }[] = [];
  const taken = new Set<string>();
  const authOk = (h: Record<string, unknown>) => h.authorization === `Bearer ${opts.apiKey}`;
  const dayIn = (iso: string, tz: string) => new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
  const offsetIso = (iso: string, tz: string) => {
    // "2026-12-08T09:00:00.000+00:00" in the zone asked, as Cal.com answers.
    const d = new Date(iso);
    const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).formatToParts(d).map((p) => [p.type, p.value]));
    const local = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
    const off = Math.round((local - d.getTime()) / 60000);
    const sign = off >= 0 ? "+" : "-";
    const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, "0");
    const mm = String(Math.abs(off) % 60).padStart(2, "0");
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.000${sign}${hh}:${mm}`;
  };

  server.route("GET", /^\/v2\/slots$/, (req) => {
    if (!authOk(req.headers)) return error(401, "UnauthorizedException", "Invalid API key");
    if (req.headers["cal-api-version"] !== "2024-09-04") return error(400, "BadRequestException", "cal-api-version 2024-09-04 required for /v2/slots");
    const q = req.url.searchParams;
    if (Number(q.get("eventTypeId")) !== opts.eventTypeId) return error(404, "NotFoundException", "Event type not found");
    const tz = q.get("timeZone") ?? "UTC";
    const start = q.get("start") ?? "";
    const end = q.get("end") ?? "";
    const range = q.get("format") === "range";
    const data: Record<string, { start: string; end?: string }[]> = {};
    for (const s of opts.slots) {
      if (taken.has(new Date(s.start).toISOString())) continue;
      const day = dayIn(s.start, tz);
      if (day < start || day > end) continue;
      (data[day] ??= []).push(range ? { start: offsetIso(s.start, tz), end: offsetIso(s.end, tz) } : { start: offsetIso(s.start, tz) });
    }
    return { status: 200, json: { status: "success", data } };
  });

  server.route("POST", /^\/v2\/bookings$/, (req) => {
    if (!authOk(req.headers)) return error(401, "UnauthorizedException", "Invalid API key");
    const v = String(req.headers["cal-api-version"] ?? "");
    if (!["2024-08-13", "2026-02-25"].includes(v)) return error(400, "BadRequestException", "cal-api-version required for /v2/bookings");
    const body = req.json as Record<string, unknown>;
    const start = new Date(String(body.start)).toISOString();
    const slot = opts.slots.find((s) => new Date(s.start).toISOString() === start);
    if (!slot || taken.has(start) || body.eventTypeId !== opts.eventTypeId) return error(400, "BadRequestException", "User either already has booking at this time or is not available");
    taken.add(start);
    const uid = randomBytes(11).toString("base64url");
    bookings.push({ uid, body });
    return { status: 201, json: { status: "success", data: { id: bookings.length, uid, title: "Discovery call", status: "accepted", start, end: new Date(slot.end).toISOString(), duration: 30, eventTypeId: opts.eventTypeId, attendees: [body.attendee], hosts: [], meetingUrl: `https://app.cal.com/video/${uid}`, location: `https://app.cal.com/video/${uid}`, metadata: body.metadata } } };
  });

  return { server, bookings, slots: opts.slots };
}
