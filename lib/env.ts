import "server-only";
import { createHash } from "node:crypto";
import { homedir } from "node:os";
import path from "node:path";
import { z } from "zod";

/**
 * Default home of the embedded data (database, local media, generated dev secrets): outside the
 * project, one folder per checkout. Inside the project, every write of the embedded database
 * triggered a Next.js dev rebuild and reloaded open pages.
 */
export function defaultDataDir(cwd = process.cwd()): string {
  const base = process.env.XDG_DATA_HOME || path.join(homedir(), ".local", "share");
  const id = `${path.basename(cwd)}-${createHash("sha1").update(cwd).digest("hex").slice(0, 8)}`;
  return path.join(base, "marketing-engine", id);
}

/**
 * Every setting the app reads, validated once. Nothing else reads process.env.
 * Absent vendor settings select the embedded default (README "Configuration for production").
 * `.env.example` documents each variable; keep the two in step.
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const optionalUrl = optionalString.pipe(z.string().url().optional());
const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Public URL of the app, used in emails, OAuth redirect URIs and the Inngest serve URL. */
  APP_URL: optionalUrl,
  PORT: z.coerce.number().int().positive().default(3000),

  // Database
  /** PostgreSQL connection string. Absent: embedded PGlite served on EMBEDDED_DB_PORT, data in DATA_DIR/pglite. */
  DATABASE_URL: optionalString.pipe(z.string().regex(/^postgres(ql)?:\/\//, "must start with postgresql://").optional()),
  /** Set by scripts/dev.ts when it started the embedded database (reported by /api/health). */
  EMBEDDED_DB: bool,
  EMBEDDED_DB_PORT: z.coerce.number().int().positive().default(54329),
  /** Embedded data (database, local media, dev secrets). Default: ~/.local/share/marketing-engine/<checkout>. */
  DATA_DIR: z.string().default(defaultDataDir()),
  /** Connections one process opens in total, split between Prisma, the SQL pool and the embedded executor (lib/db/pool-budget.ts). */
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(12),
  /** How each process learns of new live events (lib/live): LISTEN/NOTIFY, or polling the log every 500 ms. Default: listen on PostgreSQL, poll on the embedded database. */
  LIVE_TRANSPORT: z.enum(["listen", "poll"]).optional(),
  /** `npm run bench:sse` only: serves the bare SSE baseline at /api/bench/sse (404 otherwise). */
  BENCH_SSE_ROUTE: bool,
  /** `npm run bench:leads` only: serves the HTTP baseline at /api/bench/noop (404 otherwise). */
  BENCH_NOOP_ROUTE: bool,
  /** Bearer token of GET /api/metrics (Prometheus). Absent: the endpoint answers 404. At least 16 characters. */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  /** Sentry (or a Sentry-compatible server such as GlitchTip) DSN: errors logged at error level are sent there. */
  SENTRY_DSN: optionalUrl,

  // Auth
  /** next-auth secret. Absent in development: a generated one is kept in .data/ (warned). Required in production. */
  AUTH_SECRET: optionalString,
  AUTH_GOOGLE_ID: optionalString,
  AUTH_GOOGLE_SECRET: optionalString,
  DEMO_SEED: bool.default(true),

  // Secrets at rest
  /** AES-256-GCM keys "keyId:base64key,keyId2:base64key2"; the first encrypts, all decrypt. Absent: a dev key in .data/ (warned). */
  ENCRYPTION_KEYS: optionalString,

  // Workflow engine
  /** "1"/"true" or a Dev Server URL: use an Inngest Dev Server. */
  INNGEST_DEV: optionalString,
  INNGEST_BASE_URL: optionalUrl,
  INNGEST_EVENT_KEY: optionalString,
  INNGEST_SIGNING_KEY: optionalString,
  /** Run the embedded executor inside the web process (default true when no Inngest server is configured). */
  EMBEDDED_EXECUTOR: z.enum(["auto", "on", "off"]).default("auto"),
  /** Queue items (steps, events, timers) one embedded executor process works on at once. */
  EXECUTOR_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),

  // AI
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalUrl,
  /** Current Sonnet (claude-sonnet-4-5 reaches end of life on 2026-11-30). */
  ANTHROPIC_MODEL: z.string().default("claude-sonnet-5-5"),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_IMAGE_MODEL: z.string().default("gpt-image-1"),
  OPENAI_TRANSCRIBE_MODEL: z.string().default("gpt-4o-mini-transcribe"),
  OPENAI_EMBEDDING_MODEL: z.string().default("text-embedding-3-small"),
  /** Deadline of one AI call in ms, the SDKs' transport retries included (callers may pass a shorter one). */
  AI_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  /** Transport retries inside that deadline on 408/409/429/5xx/529 (Retry-After honoured). */
  AI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Send the output JSON Schema as Anthropic structured output (output_config.format); "0" for models without it. */
  ANTHROPIC_STRUCTURED_OUTPUT: bool.default(true),

  // Storage
  S3_BUCKET: optionalString,
  S3_REGION: z.string().default("us-east-1"),
  S3_ENDPOINT: optionalUrl,
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,

  // Email
  RESEND_API_KEY: optionalString,
  RESEND_BASE_URL: optionalUrl,
  EMAIL_FROM: z.string().default("MarketingEngine <no-reply@marketingengine.local>"),
  /** Signing secret (whsec_…) of the Resend webhook pointed at /api/webhooks/email-inbound (MKT-304 replies). */
  RESEND_WEBHOOK_SECRET: optionalString,
  /** Mailbox that receives leads' replies (a Resend receiving address); nurture mail sets Reply-To to its +<organisation> sub-address. Default: EMAIL_FROM's mailbox. */
  EMAIL_REPLY_TO: optionalString,

  // Chat notifications
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_BASE_URL: optionalUrl,
  /** Channel (id or #name) that notify() posts to when SLACK_BOT_TOKEN is set. */
  SLACK_DEFAULT_CHANNEL: optionalString,

  // Calendar
  CALCOM_API_KEY: optionalString,
  CALCOM_BASE_URL: optionalUrl,
  CALCOM_WEBHOOK_SECRET: optionalString,

  // Platforms (absent: sandbox connectors). *_BASE_URL overrides exist for local fakes.
  LINKEDIN_CLIENT_ID: optionalString,
  LINKEDIN_CLIENT_SECRET: optionalString,
  META_APP_ID: optionalString,
  META_APP_SECRET: optionalString,
  META_WEBHOOK_VERIFY_TOKEN: optionalString,
  TIKTOK_CLIENT_KEY: optionalString,
  TIKTOK_CLIENT_SECRET: optionalString,
  X_CLIENT_ID: optionalString,
  X_CLIENT_SECRET: optionalString,
  /** The X app's consumer secret (API secret key): Account Activity CRC answers and x-twitter-webhooks-signature. */
  X_CONSUMER_SECRET: optionalString,
  GOOGLE_ADS_CLIENT_ID: optionalString,
  GOOGLE_ADS_CLIENT_SECRET: optionalString,
  GOOGLE_ADS_DEVELOPER_TOKEN: optionalString,
  PLATFORM_BASE_URLS: optionalString, // JSON map { "linkedin": "http://127.0.0.1:4010", ... } for fakes
  /** API versions (vendors sunset them; keep them here, not in code). */
  LINKEDIN_API_VERSION: z.string().regex(/^\d{6}$/).default("202606"),
  META_GRAPH_VERSION: z.string().regex(/^v\d+\.\d$/).default("v25.0"),
  GOOGLE_ADS_API_VERSION: z.string().regex(/^v\d+(_\d+)?$/).default("v23"),
  TIKTOK_BUSINESS_API_VERSION: z.string().regex(/^v\d+\.\d$/).default("v1.3"),
  /** TikTok Ads (Business API) app; absent: TikTok Ads uses the sandbox connector. */
  TIKTOK_ADS_APP_ID: optionalString,
  TIKTOK_ADS_SECRET: optionalString,
  /** Google Ads manager account (digits) sent as login-customer-id when set. */
  GOOGLE_ADS_LOGIN_CUSTOMER_ID: optionalString,

  // Limits
  /**
   * Proxies in front of the app whose X-Forwarded-For hop is believed: a count of hops ("1": one
   * load balancer) or comma-separated CIDRs ("10.0.0.0/8,192.168.1.7/32"). Absent: none, the
   * socket's address is the client and X-Forwarded-For is ignored.
   */
  TRUSTED_PROXIES: optionalString.pipe(z.string().regex(/^(\d{1,2}|[0-9a-fA-F:./]+(\s*,\s*[0-9a-fA-F:./]+)*)$/, "a hop count or comma-separated CIDRs").optional()),
  RATE_LIMIT_SIGNIN_PER_MIN: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_PUBLIC_PER_MIN: z.coerce.number().int().positive().default(120),
  /** MKT-101 URL inputs: allow fetching private/loopback/link-local addresses (SSRF guard off). Never in production. */
  URL_FETCH_ALLOW_PRIVATE: bool.default(false),

  // Publishing (MKT-107)
  /** Attempts per publication before it is marked FAILED and admins are notified. */
  PUBLISH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  /** First retry delay; doubles per attempt (capped at 30 min). Tests and benchmarks shorten it. */
  PUBLISH_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Parse process.env once; throws an error naming every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration (check your environment or .env):\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** For tests and scripts that change the environment after start. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** Raw access for the few places that must pass the environment through (child processes). */
export function processEnvSnapshot(): NodeJS.ProcessEnv {
  return { ...process.env };
}

/** Marks the plain object (shared across bundles: Symbol.for). */
const DETACHED = Symbol.for("marketingengine.detachedProcessEnv");

/**
 * Once at start (instrumentation.ts, scripts/worker.ts): replace Node's `process.env`, an object backed
 * by the C library's environment where every read and every enumeration crosses into C++, by a plain
 * object holding the same variables. The Inngest SDK (4.24, helpers/env.js `getProcessEnv`) enumerates
 * the whole environment several times for every call it handles (its request and response headers,
 * its mode) and for every `inngest.send()`: on Node's object that was ~30 % of the CPU of an in-process
 * call (2.69 -> 1.92 ms; `npm run bench:sdk-call` prints both in the same run; ARCHITECTURE.md,
 * "Executor hot path (issue 19)", fourth pass). Settings are read and validated once at start anyway
 * (`env()`). What changes: a variable set later is seen by this process's code and by the child
 * processes it spawns (they get `process.env`), not by the C library (no code here changes TZ or the
 * like after start). Returns false when it was already done.
 */
export function detachProcessEnv(): boolean {
  if (Object.hasOwn(process.env, DETACHED)) return false;
  const plain: NodeJS.ProcessEnv = { ...process.env };
  // Not enumerable: invisible to spreads, Object.entries and child processes.
  Object.defineProperty(plain, DETACHED, { value: true });
  process.env = plain;
  return true;
}

/** A few vendor SDKs read their base URL only from the environment (Resend): set it here, nowhere else. */
export function setVendorEnv(name: "RESEND_BASE_URL" | "AUTH_URL", value: string): void {
  process.env[name] = value;
}
