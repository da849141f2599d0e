import "server-only";
import { createHmac } from "node:crypto";
import { safeEqual } from "@/lib/connectors/webhook-signatures";
import { env } from "@/lib/env";

/**
 * Cal.com API v2 (docs/PLATFORM_APIS.md §12): free slots of an event type and bookings, with the
 * organisation's API key (`Authorization: Bearer cal_…`) and the `cal-api-version` each endpoint
 * needs (a missing one silently falls back to an older version). v1 was shut down on 2026-04-08.
 * Base URL: CALCOM_BASE_URL (a local fake in tests), else https://api.cal.com.
 */
export const CAL_SLOTS_VERSION = "2024-09-04";
export const CAL_BOOKINGS_VERSION = "2024-08-13";

export class CalcomError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retriable: boolean,
  ) {
    super(message);
    this.name = "CalcomError";
  }
}

export type CalSlot = { startAt: Date; endAt: Date };
type Cfg = { apiKey: string; fetchImpl?: typeof fetch };

const base = () => (env().CALCOM_BASE_URL ?? "https://api.cal.com").replace(/\/+$/, "");

async function call(cfg: Cfg, version: string, path: string, init: { method: "GET" | "POST"; json?: unknown }): Promise<Record<string, unknown>> {
  const res = await (cfg.fetchImpl ?? fetch)(`${base()}${path}`, {
    method: init.method,
    headers: { authorization: `Bearer ${cfg.apiKey}`, "cal-api-version": version, ...(init.json ? { "content-type": "application/json" } : {}) },
    body: init.json ? JSON.stringify(init.json) : undefined,
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    /* a non-JSON answer: its status says enough */
  }
  if (!res.ok || body.status === "error") {
    const err = body.error as { message?: string; code?: string } | undefined;
    throw new CalcomError(`Cal.com ${res.status}: ${err?.code ?? ""} ${err?.message ?? text.slice(0, 200)}`.trim(), res.status, res.status === 429 || res.status >= 500);
  }
  return body;
}

/**
 * `GET /v2/slots?eventTypeId&start&end&timeZone&format=range`: `data` is { "YYYY-MM-DD": [{ start, end? }] }.
 * A slot without `end` lasts `durationMinutes`.
 */
export async function getCalSlots(cfg: Cfg & { eventTypeId: number; start: string; end: string; timeZone: string; durationMinutes: number }): Promise<CalSlot[]> {
  const q = new URLSearchParams({ eventTypeId: String(cfg.eventTypeId), start: cfg.start, end: cfg.end, timeZone: cfg.timeZone, format: "range" });
  const body = await call(cfg, CAL_SLOTS_VERSION, `/v2/slots?${q}`, { method: "GET" });
  const data = (body.data ?? {}) as Record<string, unknown>;
  const out: CalSlot[] = [];
  for (const list of Object.values(data)) {
    if (!Array.isArray(list)) continue;
    for (const s of list as { start?: unknown; end?: unknown }[]) {
      const startAt = typeof s.start === "string" ? new Date(s.start) : null;
      if (!startAt || Number.isNaN(startAt.getTime())) continue;
      const endAt = typeof s.end === "string" && !Number.isNaN(new Date(s.end).getTime()) ? new Date(s.end) : new Date(startAt.getTime() + cfg.durationMinutes * 60_000);
      out.push({ startAt, endAt });
    }
  }
  return out.sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
}

/** `POST /v2/bookings`: the booking Cal.com made (uid, status accepted | pending, start, end, meetingUrl). */
export async function createCalBooking(
  cfg: Cfg & { eventTypeId: number; start: Date; attendee: { name: string; email: string; timeZone: string; language: string }; metadata: Record<string, string> },
): Promise<{ uid: string; status: string; startAt: Date; endAt: Date | null; meetingUrl: string | null }> {
  const body = await call(cfg, CAL_BOOKINGS_VERSION, "/v2/bookings", {
    method: "POST",
    json: { start: cfg.start.toISOString(), eventTypeId: cfg.eventTypeId, attendee: cfg.attendee, metadata: cfg.metadata },
  });
  const d = (body.data ?? {}) as { uid?: unknown; status?: unknown; start?: unknown; end?: unknown; meetingUrl?: unknown; location?: unknown };
  if (typeof d.uid !== "string") throw new CalcomError("Cal.com booking answer without uid", 502, true);
  return {
    uid: d.uid,
    status: typeof d.status === "string" ? d.status : "accepted",
    startAt: typeof d.start === "string" ? new Date(d.start) : cfg.start,
    endAt: typeof d.end === "string" ? new Date(d.end) : null,
    meetingUrl: typeof d.meetingUrl === "string" ? d.meetingUrl : typeof d.location === "string" && /^https?:/.test(d.location) ? d.location : null,
  };
}

/** `X-Cal-Signature-256`: hex HMAC-SHA256 of the raw body with the webhook secret (constant-time compare). */
export function verifyCalSignature(rawBody: Uint8Array, header: string | null, secret: string): boolean {
  if (!header || !secret) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest("hex");
  return safeEqual(header.trim().toLowerCase(), expected);
}
