import "server-only";
import { createHmac } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";

/**
 * Credentials of the embedded engine, so that neither its serve endpoint nor its event API is open
 * to anyone who can reach the app (in dev mode the SDK itself checks nothing):
 * - the executor token: the executor sends it as `Authorization: Bearer ...` on every call and
 *   sync; the serve route refuses requests without it (./serve-guard.ts);
 * - the event key: INNGEST_EVENT_KEY, else derived; the app's client sends it in `e/<key>`.
 * Both derive from AUTH_SECRET (generated into DATA_DIR in development), so the web process and
 * `npm run worker` agree without any extra setting. They are handed to lib/runtime when it starts.
 */
let cache: { token: string; eventKey: string } | undefined;

function derive(label: string): string {
  return createHmac("sha256", authSecret()).update(`marketing-engine:embedded-executor:${label}`).digest("hex");
}

function keys(): { token: string; eventKey: string } {
  cache ??= { token: derive("serve-token"), eventKey: env().INNGEST_EVENT_KEY ?? derive("event-key") };
  return cache;
}

export function executorToken(): string {
  return keys().token;
}

export function embeddedEventKey(): string {
  return keys().eventKey;
}
