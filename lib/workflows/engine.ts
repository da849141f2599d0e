import "server-only";
import { env, type Env } from "@/lib/env";

/**
 * Which workflow engine runs the Inngest functions.
 * - "embedded": none of INNGEST_DEV / INNGEST_SIGNING_KEY / INNGEST_BASE_URL is set (or
 *   EMBEDDED_EXECUTOR=on): this app's own executor (lib/runtime), durable in its PostgreSQL.
 * - "inngest": an Inngest Dev Server (INNGEST_DEV), Inngest Cloud or self-hosted Inngest (keys,
 *   INNGEST_BASE_URL). The SDK reads those variables itself; the embedded executor stays off.
 */
export type WorkflowEngine = "embedded" | "inngest";

export const INNGEST_APP_ID = "marketing-engine";
export const SERVE_PATH = "/api/inngest";
/** The executor's event API: the SDK posts to `${EVENT_API_PATH}e/<key>` (relative path, prefix kept). */
export const EVENT_API_PATH = "/api/runtime/";

export function workflowEngine(e: Env = env()): WorkflowEngine {
  if (e.EMBEDDED_EXECUTOR === "on") return "embedded";
  return e.INNGEST_DEV || e.INNGEST_SIGNING_KEY || e.INNGEST_BASE_URL ? "inngest" : "embedded";
}

/** The web process runs the executor unless EMBEDDED_EXECUTOR=off (then run `npm run worker`). */
export function runsExecutorInWebProcess(e: Env = env()): boolean {
  return workflowEngine(e) === "embedded" && e.EMBEDDED_EXECUTOR !== "off";
}

/** Where the executor and the SDK reach this app: APP_URL, else the local port. */
export function appOrigin(e: Env = env()): string {
  return (e.APP_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/+$/, "");
}

export function serveUrl(e: Env = env()): string {
  return `${appOrigin(e)}${SERVE_PATH}`;
}

export function eventApiBaseUrl(e: Env = env()): string {
  return `${appOrigin(e)}${EVENT_API_PATH}`;
}
