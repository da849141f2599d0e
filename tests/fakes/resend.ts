import { FakeServer } from "./server";

/**
 * Local fake of Resend's send endpoint (POST /emails, `Authorization: Bearer re_...`, `Idempotency-Key`),
 * per Resend's docs: 200 `{ id }`; a key already sent answers the first email's id and sends nothing
 * again. `failNext(n)` answers the next n sends 500 `{ name: "application_error" }` (the provider down).
 */
export type SentResendEmail = { id: string; to: string[]; subject: string; idempotencyKey: string | null };

export function createResendFake(opts: { apiKey: string }) {
  const server = new FakeServer("resend");
  const sent: SentResendEmail[] = [];
  const byKey = new Map<string, string>();
  let failures = 0;
  let seq = 0;
  server.route("POST", /^\/emails$/, (req) => {
    if (req.headers.authorization !== `Bearer ${opts.apiKey}`) return { status: 401, json: { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header" } };
    if (failures > 0) {
      failures--;
      return { status: 500, json: { statusCode: 500, name: "application_error", message: "Internal server error" } };
    }
    const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
    const known = key ? byKey.get(key) : undefined;
    if (known) return { status: 200, json: { id: known } };
    const body = (req.json ?? {}) as { to?: string | string[]; subject?: string };
    const id = `re_${++seq}`;
    if (key) byKey.set(key, id);
    sent.push({ id, to: Array.isArray(body.to) ? body.to : [String(body.to)], subject: String(body.subject ?? ""), idempotencyKey: key });
    return { status: 200, json: { id } };
  });
  return {
    server,
    sent,
    failNext(n = 1) {
      failures = n;
    },
  };
}
export type ResendFake = ReturnType<typeof createResendFake>;
