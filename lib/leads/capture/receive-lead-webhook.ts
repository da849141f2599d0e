import "server-only";
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

/**
 * POST /api/webhooks/leads: an organisation API key, a JSON (or form-encoded) object with at least
 * an email or a phone number under any of their names, stored as sent before processing. The
 * delivery's identity is its Idempotency-Key, else the SHA-256 of the body: a replay stores nothing.
 */
export async function receiveLeadWebhook(req: Request): Promise<StoreSubmissionResult> {
  const ctx = await requireApiKey(req);
  const raw = await readBodyLimited(req, LEAD_BODY_MAX_BYTES);
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
