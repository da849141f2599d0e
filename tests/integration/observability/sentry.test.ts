import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { logger } from "@/lib/log";
import { flushErrors, resetErrorReporting } from "@/lib/observability/sentry";
import { createSentryFake } from "@/tests/fakes/sentry";

/**
 * Issue 14, observability: with SENTRY_DSN set, an unhandled route error reaches Sentry (the fake
 * follows the envelope protocol and checks the DSN's key) with its stack, request id and no request
 * data; errors the user caused (4xx) are not sent; without SENTRY_DSN nothing is sent.
 */
const sentry = createSentryFake();
const ctx = { params: Promise.resolve({}) };

let level: string;
beforeAll(async () => {
  await sentry.server.start();
  // Reports ride on error lines, so the logger must write them (tests run with LOG_LEVEL=silent).
  level = logger().level;
  logger().level = "error";
});
afterAll(async () => {
  logger().level = level;
  delete process.env.SENTRY_DSN;
  resetEnvCache();
  resetErrorReporting();
  await sentry.server.stop();
});

const failing = route(async () => {
  throw new Error("the ledger view is missing (relation does not exist)");
});
const refusing = route(async () => {
  throw new AppError("not_found", "notFound", { values: { thing: "lead" } });
});

describe("errors to Sentry", () => {
  it("sends nothing without SENTRY_DSN", async () => {
    delete process.env.SENTRY_DSN;
    resetEnvCache();
    resetErrorReporting();
    expect((await failing(new Request("http://app.test/api/x"), ctx)).status).toBe(500);
    await flushErrors();
    expect(sentry.server.calls).toHaveLength(0);
  });

  it("sends an unhandled route error with its stack and request id, and not a 4xx", async () => {
    process.env.SENTRY_DSN = sentry.dsn();
    resetEnvCache();
    resetErrorReporting();
    const res = await failing(new Request("http://app.test/api/x", { headers: { "x-request-id": "req-sentry-0001", cookie: "session=secret" } }), ctx);
    expect(res.status).toBe(500);
    expect((await refusing(new Request("http://app.test/api/y"), ctx)).status).toBe(404);
    expect(await flushErrors()).toBe(true);
    expect(sentry.events).toHaveLength(1);
    const [event] = sentry.events;
    expect(event!.exception!.values![0]).toMatchObject({ type: "Error", value: "the ledger view is missing (relation does not exist)" });
    expect(event!.exception!.values![0]!.stacktrace!.frames!.some((f) => (f.filename ?? "").includes("sentry.test.ts"))).toBe(true);
    expect(event!.tags).toMatchObject({ requestId: "req-sentry-0001" });
    expect(event!.extra).toMatchObject({ log: "unhandled error" });
    expect(event).toMatchObject({ release: "marketing-engine@0.1.0", platform: "node" });
    expect(event!.request).toBeUndefined();
    expect(JSON.stringify(event)).not.toContain("session=secret");
  });
});
