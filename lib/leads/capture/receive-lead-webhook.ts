import "server-only";
import { reply } from "@/lib/api/reply";
import type { RequestHeaders } from "@/lib/auth/api-key-header";
import { requireApiKey } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { readBodyLimited } from "@/lib/http";
import { hasContactField } from "./normalise";
import { sha256Hex, storeSubmission, type StoreSubmissionResult } from "./store-submission";

export const LEAD_BODY_MAX_BYTES = 64 * 1024;

/** JSON object or form-encoded body -> a record (anything else is a 400 naming the body). */
export function parseLeadBody(raw: Uint8Array, contentType: string | null): Record<string, unknown> {
  const text = new TextDecoder().decode(raw);
  if ((contentType ?? "").includes("application/x-www-form-urlencoded")) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(text)) out[k] = out[k] === undefined ? v : `${String(out[k])}, ${v}`;
    return out;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "http.invalidJson", { field: "body" });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("bad_request", "http.jsonObject", { field: "body" });
  return body as Record<string, unknown>;
}

/** What the receiver reads of a delivery: its headers and, once the key is accepted, its body up to a limit (web `Request` or node:http, lib/api/node-route.ts). */
export type LeadDelivery = RequestHeaders & { body: (maxBytes: number) => Promise<Uint8Array> };

/** A route handler's `Request` as a delivery (the Next.js route: `npm run dev`, tests). */
export const webDelivery = (req: Request): LeadDelivery => ({ headers: req.headers, body: (max) => readBodyLimited(req, max) });

/**
 * POST /api/webhooks/leads: an organisation API key, a JSON (or form-encoded) object with at least
 * an email or a phone number under any of their names, stored as sent before processing. The
 * delivery's identity is its Idempotency-Key, else the SHA-256 of the body: a replay stores nothing.
 * Served by the Next.js route and, in production, by the node:http receiver (scripts/server.mjs):
 * the answer below is the one code path of both.
 */
export async function receiveLeadWebhook(req: LeadDelivery): Promise<StoreSubmissionResult> {
  const ctx = await requireApiKey(req);
  const raw = await req.body(LEAD_BODY_MAX_BYTES);
  const body = parseLeadBody(raw, req.headers.get("content-type"));
  if (!hasContactField(body)) throw new AppError("validation", "leads.contactRequired", { field: "email" });
  const idem = req.headers.get("idempotency-key") ?? (typeof body.idempotency_key === "string" ? body.idempotency_key : null);
  const isTest = body.is_test === true || body.test === true;
  return storeSubmission({
    organizationId: ctx.organizationId,
    sourceType: "FORM",
    sourceDetail: typeof body.form_name === "string" ? body.form_name.slice(0, 200) : null,
    dedupeKey: idem ? `idem:${idem.slice(0, 200)}` : `body:${sha256Hex(raw)}`,
    bodyHash: idem ? sha256Hex(raw) : null,
    payload: body,
    isTest,
  });
}

/** The endpoint's answer (leadWebhookEndpoint): 202 with the new submission, 200 with the first one for a replay. */
export async function answerLeadWebhook(req: LeadDelivery) {
  const res = await receiveLeadWebhook(req);
  return reply({ submissionId: res.submissionId, status: "received" as const, duplicate: res.duplicate }, { status: res.duplicate ? 200 : 202 });
}
