import type { ClientOptions } from "inngest";
import { env, type Env } from "@/lib/env";
import { embeddedEventKey } from "./secrets";

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

/**
 * Inngest client options for the current engine. Embedded: dev mode (v4 defaults to cloud mode,
 * which needs keys) with events sent to this app's event API, under the embedded event key. Checkpointing is off there: the
 * executor implements the one-step-per-request protocol (it never sends ctx.fn_id either).
 * With a real Inngest server the SDK configures itself from INNGEST_* variables, unchanged.
 */
export function inngestClientOptions(e: Env = env()): Pick<ClientOptions, "isDev" | "baseUrl" | "checkpointing" | "eventKey"> {
  if (workflowEngine(e) !== "embedded") return {};
  return { isDev: true, baseUrl: eventApiBaseUrl(e), checkpointing: false, eventKey: eventKeyForClient() };
}

/** The embedded event key; undefined when it cannot be derived yet (a production build without AUTH_SECRET). */
function eventKeyForClient(): string | undefined {
  try {
    return embeddedEventKey();
  } catch {
    return undefined;
  }
}
