import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createXFake, X_CLIENT, xErrors, type XFake } from "@/tests/fakes/x";
import { circuitStates, configureCircuits } from "@/lib/connectors/circuit";
import type { ConnectorError } from "@/lib/connectors/errors";
import type { PlatformConnector } from "@/lib/connectors/types";
import { contextFor, recordingRuntime, seedAccount, setEnv } from "./harness";

/**
 * Issue 14, observability: a circuit breaker per platform connector. Against the X fake answering
 * 503: once enough calls failed the circuit opens and calls fail at once without reaching the
 * platform (circuit_open, with when to come back); health shows it; after the reset one trial call
 * goes through and closes it. 4xx answers never open it.
 */
let t: TestDatabase;
let fake: XFake;
let x: PlatformConnector;
let ctx: Awaited<ReturnType<typeof contextFor>>;
let n = 0;
const text = () => `circuit ${++n} ${Date.now()}`;

beforeAll(async () => {
  t = await createTestDatabase();
  fake = createXFake();
  await fake.server.start();
  setEnv({ X_CLIENT_ID: X_CLIENT.clientId, X_CLIENT_SECRET: X_CLIENT.clientSecret, PLATFORM_BASE_URLS: JSON.stringify({ x: fake.server.url }) });
  const h = recordingRuntime();
  const tok = fake.oauth.issue();
  const acc = await seedAccount(t.db, { platform: "x", externalId: "42", accessToken: tok.accessToken, refreshToken: tok.refreshToken });
  ctx = await contextFor(acc.accountId, acc.orgId, h.deps());
  x = h.registry.real("x");
});
afterAll(async () => {
  configureCircuits();
  await fake.server.stop();
  await t.cleanup();
  setEnv({ X_CLIENT_ID: undefined, X_CLIENT_SECRET: undefined, PLATFORM_BASE_URLS: undefined });
});

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e: ConnectorError) => e);

describe("connector circuit breaker", () => {
  it("validation errors (4xx) leave it closed", async () => {
    configureCircuits({ volumeThreshold: 4, resetMs: 2_000 });
    fake.server.inject(/\/2\/tweets$/, xErrors.validation("duplicate content"), 6, "POST");
    for (let i = 0; i < 6; i++) expect((await failure(x.publish(ctx, { kind: "text", text: text() }))).kind).toBe("validation");
    expect(circuitStates().x).toBe("closed");
  });

  it("opens after repeated 5xx, fails fast without calling the platform, then one trial call closes it", async () => {
    configureCircuits({ volumeThreshold: 4, resetMs: 2_000 });
    fake.server.inject(/\/2\/tweets$/, xErrors.server(), 4, "POST");
    // One publish retries transient failures in-process (4 attempts): the 4 failures open the circuit.
    const first = await failure(x.publish(ctx, { kind: "text", text: text() }));
    expect(first.kind).toBe("transient");
    expect(circuitStates().x).toBe("open");
    const { getHealth } = await import("@/lib/health/get-health");
    expect((await getHealth()).connectors.x).toBe("open");
    const { exposition } = await import("@/lib/observability/metrics");
    expect((await exposition()).body).toMatch(/^me_connector_circuit_state\{platform="x"\} 2$/m);
    const calls = fake.server.callsTo(/\/2\/tweets$/, "POST").length;
    const fast = await failure(x.publish(ctx, { kind: "text", text: text() }));
    expect(fast).toMatchObject({ kind: "transient", platformCode: "circuit_open", retriable: true });
    expect(fast.retryAt!.getTime()).toBeGreaterThan(Date.now());
    expect(fake.server.callsTo(/\/2\/tweets$/, "POST")).toHaveLength(calls);

    await new Promise((r) => setTimeout(r, 2_100));
    expect(circuitStates().x).toBe("half_open");
    expect((await x.publish(ctx, { kind: "text", text: text() })).state).toBe("published");
    expect(circuitStates().x).toBe("closed");
  });
});
