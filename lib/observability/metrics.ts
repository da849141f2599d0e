import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { circuitStates } from "@/lib/connectors/circuit";
import { db } from "@/lib/db/client";
import { childLogger } from "@/lib/log";

/**
 * Prometheus metrics of this process (GET /api/metrics, `METRICS_TOKEN`), with prom-client:
 * - process metrics (CPU, memory, event-loop lag, GC), prefixed `me_`;
 * - every contract route's requests and durations, recorded by `handle()` (per process: Prometheus
 *   scrapes each instance and sums);
 * - a few database gauges that are the same from every instance (work waiting in the executor's
 *   queue, runs of the last hour by status, overdue and failed publications, tokens about to expire),
 *   read in one statement per scrape through indexes, cached 10 s so that several scrapers cost one
 *   query, and bounded by a 2 s statement timeout: a slow database gives stale gauges, never a slow scrape.
 * The registry lives on globalThis: Next can evaluate a module twice (route and instrumentation bundles).
 */
type Metrics = {
  registry: Registry;
  requests: Counter<"method" | "route" | "status">;
  duration: Histogram<"method" | "route">;
};

const KEY = Symbol.for("marketing-engine.metrics");
const CACHE_MS = 10_000;

type DbFigures = { queueItems: number; queueDue: number; runsByStatus: Record<string, number>; publicationsOverdue: number; publicationsFailed24h: number; tokensExpiring24h: number };
let cached: { at: number; figures: Promise<DbFigures> } | null = null;

async function readDbFigures(): Promise<DbFigures> {
  const [row] = await db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = '2s'`);
    return tx.$queryRaw<{ queue_items: bigint; queue_due: bigint; runs: Record<string, number> | null; overdue: bigint; failed: bigint; expiring: bigint }[]>`
      SELECT
        (SELECT count(*) FROM runtime_queue) AS queue_items,
        (SELECT count(*) FROM runtime_queue WHERE "availableAt" <= now() AND ("leasedUntil" IS NULL OR "leasedUntil" < now())) AS queue_due,
        (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*) AS n FROM runtime_runs WHERE "createdAt" > now() - interval '1 hour' GROUP BY status) r) AS runs,
        (SELECT count(*) FROM publications WHERE status = 'SCHEDULED' AND "scheduledAt" < now() - interval '5 minutes') AS overdue,
        (SELECT count(*) FROM publications WHERE status = 'FAILED' AND "scheduledAt" > now() - interval '24 hours') AS failed,
        (SELECT count(*) FROM social_accounts WHERE "tokenExpiresAt" IS NOT NULL AND "tokenExpiresAt" < now() + interval '24 hours') AS expiring`;
  });
  return {
    queueItems: Number(row!.queue_items),
    queueDue: Number(row!.queue_due),
    runsByStatus: row!.runs ?? {},
    publicationsOverdue: Number(row!.overdue),
    publicationsFailed24h: Number(row!.failed),
    tokensExpiring24h: Number(row!.expiring),
  };
}

function dbFigures(): Promise<DbFigures> {
  if (!cached || Date.now() - cached.at > CACHE_MS) {
    const figures = readDbFigures();
    cached = { at: Date.now(), figures };
    figures.catch((err: unknown) => {
      childLogger({ module: "metrics" }).warn({ err }, "database gauges not read");
      if (cached?.figures === figures) cached = null;
    });
  }
  return cached.figures;
}

function dbGauge(registry: Registry, name: string, help: string, pick: (f: DbFigures) => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      this.set(pick(await dbFigures()));
    },
  });
}

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "me_" });
  const requests = new Counter({ name: "me_http_requests_total", help: "API requests answered, by contract route and status", labelNames: ["method", "route", "status"] as const, registers: [registry] });
  const duration = new Histogram({
    name: "me_http_request_duration_seconds",
    help: "API request duration, by contract route",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  dbGauge(registry, "me_runtime_queue_items", "Work items in the embedded executor's queue", (f) => f.queueItems);
  dbGauge(registry, "me_runtime_queue_due", "Work items due now and not leased (a growing number: the executors are behind)", (f) => f.queueDue);
  new Gauge({
    name: "me_runtime_runs_last_hour",
    help: "Workflow runs created in the last hour, by status",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const [status, n] of Object.entries((await dbFigures()).runsByStatus)) this.set({ status }, Number(n));
    },
  });
  dbGauge(registry, "me_publications_overdue", "Scheduled publications more than 5 minutes past their time", (f) => f.publicationsOverdue);
  dbGauge(registry, "me_publications_failed_24h", "Publications scheduled in the last 24 hours that failed", (f) => f.publicationsFailed24h);
  dbGauge(registry, "me_social_account_tokens_expiring_24h", "Connected accounts whose token expires within 24 hours", (f) => f.tokensExpiring24h);
  new Gauge({
    name: "me_connector_circuit_state",
    help: "Circuit breaker of each platform this process called: 0 closed, 1 half-open, 2 open (calls paused)",
    labelNames: ["platform"] as const,
    registers: [registry],
    collect() {
      for (const [platform, state] of Object.entries(circuitStates())) this.set({ platform }, state === "open" ? 2 : state === "half_open" ? 1 : 0);
    },
  });
  return { registry, requests, duration };
}

export function metrics(): Metrics {
  const g = globalThis as { [KEY]?: Metrics };
  return (g[KEY] ??= create());
}

/** Called by `handle()` for every contract route (the route is the contract's path template, never the URL). */
export function recordRequest(method: string, route: string, status: number, seconds: number): void {
  const m = metrics();
  m.requests.inc({ method, route, status: String(status) });
  m.duration.observe({ method, route }, seconds);
}

/** The exposition text (Prometheus text format 0.0.4) and its content type. */
export async function exposition(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}

/** Forget the cached database figures (tests). */
export function resetMetricsCache(): void {
  cached = null;
}
