import "server-only";
import type { ClientOptions } from "inngest";
import { sqlPool } from "@/lib/db/client";
import { env, type Env } from "@/lib/env";
import type { IngestDeps } from "@/lib/runtime/event-api";
import { embeddedTransport } from "@/lib/runtime/transport";
import { embeddedEventKey } from "./secrets";
import { eventApiBaseUrl, workflowEngine } from "./engine";
import { organizationIdOf } from "./tenant";

// Engine selection and URLs live in ./engine.ts (no database: unit-testable); re-exported here.
export { appOrigin, eventApiBaseUrl, EVENT_API_PATH, INNGEST_APP_ID, runsExecutorInWebProcess, SERVE_PATH, serveUrl, workflowEngine, type WorkflowEngine } from "./engine";

/** What lib/runtime needs to take in events: the app's database, event key and tenant extractor. */
export function ingestDeps(): IngestDeps {
  return { pool: sqlPool(), eventKey: embeddedEventKey(), tenantOf: organizationIdOf };
}

/**
 * Inngest client options for the current engine. Embedded: dev mode (v4 defaults to cloud mode,
 * which needs keys), events to this app's event API under the embedded event key, and a transport
 * that answers the event and checkpoint APIs in-process (lib/runtime/transport.ts): checkpointing
 * stays on, as the SDK defaults, so a run's consecutive steps cost one call.
 * With a real Inngest server the SDK configures itself from INNGEST_* variables, unchanged.
 */
export function inngestClientOptions(e: Env = env()): Pick<ClientOptions, "isDev" | "baseUrl" | "eventKey" | "fetch"> {
  if (workflowEngine(e) !== "embedded") return {};
  const baseUrl = eventApiBaseUrl(e);
  return {
    isDev: true,
    baseUrl,
    eventKey: eventKeyForClient(),
    fetch: embeddedTransport({ eventApiBase: baseUrl, deps: ingestDeps }),
  };
}

/** The embedded event key; undefined when it cannot be derived yet (a production build without AUTH_SECRET). */
function eventKeyForClient(): string | undefined {
  try {
    return embeddedEventKey();
  } catch {
    return undefined;
  }
}
