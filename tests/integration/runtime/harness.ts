import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/next";
import pino from "pino";
import type { Db } from "@/lib/db/client";
import { now, resetClock, setClockTo } from "@/lib/runtime/clock";
import { embeddedTransport } from "@/lib/runtime/transport";
import { ingestDeps } from "@/lib/workflows/config";
import { handleEventApi } from "@/lib/workflows/event-api";
import { Executor, type ExecutorOptions } from "@/lib/runtime/executor";
import { embeddedEventKey } from "@/lib/workflows/secrets";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * Test harness for the executor: a fresh database, the real `inngest/next` serve() handler and the
 * executor's event API hosted in a plain node:http server (no Next build), and an Executor with
 * short intervals. Functions are built against a client pointed at this server.
 */
type Handlers = { GET: (r: Request) => Promise<Response>; POST: (r: Request) => Promise<Response>; PUT: (r: Request) => Promise<Response> };

export type AppServer = {
  origin: string;
  serveUrl: string;
  setHandlers: (h: Handlers) => void;
  /** POST requests /api/inngest received over HTTP (calls). */
  posts: () => number;
  close: () => Promise<void>;
};

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  const method = req.method ?? "GET";
  return new Request(new URL(req.url ?? "/", origin), { method, headers, body: method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks) });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** node:http server routing /api/inngest to a serve() handler and /api/runtime/e/<key> to the event API. */
export async function startAppServer(opts: { port?: number } = {}): Promise<AppServer> {
  let handlers: Handlers | undefined;
  let origin = "";
  let posts = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const request = await toRequest(req, origin);
        const path = new URL(request.url).pathname;
        const event = /^\/api\/runtime\/e\/([^/]+)$/.exec(path);
        if (path === "/api/inngest" && handlers) {
          const method = request.method as keyof Handlers;
          if (method === "POST") posts++;
          return await send(res, await handlers[method](request));
        }
        if (event) return await send(res, await handleEventApi(request, decodeURIComponent(event[1]!)));
        res.writeHead(404).end("not found");
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    })();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(opts.port ?? 0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    serveUrl: `${origin}/api/inngest`,
    setHandlers: (h) => (handlers = h),
    posts: () => posts,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export type Harness = {
  db: Db;
  client: Inngest;
  executor: Executor;
  server: AppServer;
  database: TestDatabase;
  stop: () => Promise<void>;
};

export const quietLogger = pino({ level: process.env.RUNTIME_TEST_LOG ?? "silent" });

/**
 * A client configured like the app's (lib/workflows/config.ts): events and checkpoints answered
 * in-process on the current database (sqlPool(), which follows setDb()).
 */
export function testClient(origin: string, id = "test-app"): Inngest {
  const baseUrl = `${origin}/api/runtime/`;
  return new Inngest({
    id,
    isDev: true,
    baseUrl,
    eventKey: embeddedEventKey(),
    logger: quietLogger,
    fetch: embeddedTransport({ eventApiBase: baseUrl, deps: ingestDeps }),
  });
}

/** Fast settings: tests run against real time (and a movable clock for long waits). */
export const FAST: Partial<ExecutorOptions> = {
  pollMs: 20,
  leaseMs: 5_000,
  backoff: { baseMs: 30, maxMs: 300, factor: 2, jitter: 0.2 },
  infraBackoff: { baseMs: 30, maxMs: 300, factor: 2, jitter: 0.2 },
  schedulerIntervalMs: 50,
  concurrency: 8,
};

export async function startHarness(
  build: (client: Inngest) => InngestFunction.Any[],
  opts: {
    executor?: Partial<ExecutorOptions>;
    appId?: string;
    clock?: Date;
    /** In-process calls (as `npm start`): the executor hands calls to what this returns around serve()'s POST, not over HTTP. */
    local?: (post: Handlers["POST"]) => Handlers["POST"];
  } = {},
): Promise<Harness> {
  resetClock();
  if (opts.clock) setClockTo(opts.clock);
  const database = await createTestDatabase();
  const server = await startAppServer();
  const client = testClient(server.origin, opts.appId);
  const functions = build(client);
  const handlers = serve({ client, functions }) as unknown as Handlers;
  server.setHandlers(handlers);
  const local = opts.local?.(handlers.POST);
  const executor = new Executor({
    databaseUrl: database.url,
    serveUrl: server.serveUrl,
    awaitSync: true,
    logger: quietLogger,
    ...FAST,
    ...(local ? { localServe: () => local } : {}),
    ...opts.executor,
  });
  await executor.start();
  return {
    db: database.db,
    client,
    executor,
    server,
    database,
    stop: async () => {
      await executor.stop(2_000);
      await server.close();
      await database.cleanup();
      resetClock();
    },
  };
}

export type RunView = {
  id: string;
  functionId: string;
  status: string;
  output: unknown;
  error: { name?: string; message?: string } | null;
  organizationId: string | null;
  event: { name: string; data: Record<string, unknown>; ts: number };
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  cancelReason: string | null;
};

export async function runsOf(db: Db, functionId: string): Promise<RunView[]> {
  return db.$queryRawUnsafe<RunView[]>(
    `SELECT id, "functionId", status, output, error, "organizationId", event, "createdAt", "startedAt", "endedAt", "cancelReason"
     FROM runtime_runs WHERE "functionId" = $1 ORDER BY id`,
    functionId,
  );
}

export async function stepsOf(
  db: Db,
  runId: string,
): Promise<{ stepId: string | null; op: string; status: string; output: unknown; error: unknown; attempts: number; errors: unknown[] }[]> {
  return db.$queryRawUnsafe(
    `SELECT "stepId", op, status, output, error, attempts, errors FROM runtime_steps WHERE "runId" = $1 ORDER BY "createdAt", "stepId"`,
    runId,
  );
}

/** Poll until `check` returns a value (not undefined/false), or fail after `timeoutMs`. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const ENDED = ["COMPLETED", "FAILED", "CANCELLED"];

/** Wait for `count` runs of a function to end; returns them. */
export async function ended(db: Db, functionId: string, count = 1, timeoutMs?: number): Promise<RunView[]> {
  return until(
    `${count} ended run(s) of ${functionId}`,
    async () => {
      const runs = await runsOf(db, functionId);
      const done = runs.filter((r) => ENDED.includes(r.status));
      return done.length >= count ? done : undefined;
    },
    timeoutMs,
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Wait until the executor has nothing due: every event, call and timer whose time has come is
 * processed. Use before asserting that something did NOT happen (instead of sleeping).
 */
export async function idle(db: Db, timeoutMs?: number): Promise<void> {
  await until("the queue to drain", async () => (await db.runtimeQueueItem.count({ where: { availableAt: { lte: now() } } })) === 0, timeoutMs);
}
