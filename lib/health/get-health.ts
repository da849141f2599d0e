import "server-only";
import { circuitStates } from "@/lib/connectors/circuit";
import { db, sqlPool } from "@/lib/db/client";
import { migrationStatus } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import type { ComponentHealth, Health } from "@/lib/health/contracts";
import { embeddedExecutorState } from "@/lib/workflows/start-executor";
export type { ComponentHealth, Health };

export function workflowEngineMode(): Health["workflowEngine"]["mode"] {
  const e = env();
  if (e.INNGEST_DEV && e.INNGEST_DEV !== "0" && e.INNGEST_DEV !== "false") return "inngest-dev";
  if (e.INNGEST_SIGNING_KEY || e.INNGEST_BASE_URL) return "inngest-cloud";
  return "embedded";
}

/** Which vendor each capability uses: "embedded" = the zero-configuration default. */
export function providerModes(): Health["providers"] {
  const e = env();
  const mode = (configured: unknown) => (configured ? "configured" : "embedded") as "configured" | "embedded";
  return {
    ai: mode(e.ANTHROPIC_API_KEY),
    images: mode(e.OPENAI_API_KEY),
    storage: mode(e.S3_BUCKET),
    email: mode(e.RESEND_API_KEY),
    chat: mode(e.SLACK_BOT_TOKEN),
    calendar: mode(e.CALCOM_API_KEY),
    linkedin: mode(e.LINKEDIN_CLIENT_ID),
    meta: mode(e.META_APP_ID),
    tiktok: mode(e.TIKTOK_CLIENT_KEY),
    x: mode(e.X_CLIENT_ID),
    googleAds: mode(e.GOOGLE_ADS_CLIENT_ID),
  };
}

export async function getHealth(): Promise<Health> {
  const e = env();
  let database: Health["database"] = { status: "ok", mode: e.DATABASE_URL && !e.EMBEDDED_DB ? "external" : "embedded" };
  let migrations: Health["migrations"] = { status: "ok", applied: 0, pending: [] };
  try {
    await db().$queryRaw`SELECT 1`;
    const m = await migrationStatus(sqlPool());
    migrations = { status: m.pending.length ? "degraded" : "ok", applied: m.applied, pending: m.pending, detail: m.pending.length ? "migrations pending" : undefined };
  } catch (err) {
    database = { ...database, status: "down", detail: (err as Error).message.split("\n")[0] };
    migrations = { status: "down", applied: 0, pending: [] };
  }
  const workflowEngine: Health["workflowEngine"] = { ...executorHealth(), mode: workflowEngineMode() };
  const connectors = circuitStates();
  const parts = [database.status, migrations.status, workflowEngine.status, Object.values(connectors).includes("open") ? "degraded" : "ok"];
  const status = parts.includes("down") ? "down" : parts.includes("degraded") ? "degraded" : "ok";
  return { status, version: "0.1.0", database, migrations, workflowEngine, providers: providerModes(), connectors };
}

/**
 * The embedded executor as this process knows it: "down" when it failed to start (nothing would run
 * the workflows), "degraded" while it starts. An Inngest server or `npm run worker` runs them elsewhere.
 */
function executorHealth(): ComponentHealth {
  if (workflowEngineMode() !== "embedded") return { status: "ok" };
  const state = embeddedExecutorState();
  switch (state.status) {
    case "running":
      return { status: "ok" };
    case "elsewhere":
      return { status: "ok", detail: state.detail };
    case "failed":
      return { status: "down", detail: state.detail };
    case "starting":
      return { status: "degraded", detail: "embedded executor starting" };
    default:
      return { status: "degraded", detail: "embedded executor not started in this process" };
  }
}
