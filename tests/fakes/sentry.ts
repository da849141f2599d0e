import { FakeServer } from "./server";

/**
 * A Sentry ingest server as documented for SDK developers (develop.sentry.dev, "Envelopes"):
 * `POST /api/<project id>/envelope/`, authenticated by the DSN's public key (`sentry_key` in the
 * query string or the `X-Sentry-Auth` header, else 401), a body of newline-separated JSON — the
 * envelope header, then for each item its header and payload — answered 200 with the event id.
 * Events are kept in the order received.
 */
export type SentryEvent = { event_id: string; exception?: { values?: { type?: string; value?: string; stacktrace?: { frames?: { filename?: string; function?: string }[] } }[] }; tags?: Record<string, string>; extra?: Record<string, unknown>; release?: string; environment?: string; platform?: string; request?: unknown; user?: unknown };

export function createSentryFake(publicKey = "public123", projectId = "42") {
  const server = new FakeServer("sentry");
  const events: SentryEvent[] = [];
  server.route("POST", new RegExp(`^/api/${projectId}/envelope/$`), (req) => {
    const key = req.url.searchParams.get("sentry_key") ?? /sentry_key=([^,\s]+)/.exec(String(req.headers["x-sentry-auth"] ?? ""))?.[1];
    if (key !== publicKey) return { status: 401, json: { detail: "missing or invalid sentry_key" } };
    const lines = req.raw.toString("utf8").split("\n").filter(Boolean);
    const header = JSON.parse(lines[0]!) as { event_id?: string };
    for (let i = 1; i + 1 < lines.length; i += 2) {
      const itemHeader = JSON.parse(lines[i]!) as { type: string };
      if (itemHeader.type === "event") events.push(JSON.parse(lines[i + 1]!) as SentryEvent);
    }
    return { status: 200, json: { id: header.event_id ?? null } };
  });
  return { server, events, dsn: () => `${server.url.replace("http://", `http://${publicKey}@`)}/${projectId}` };
}
