import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { signUp } from "@/lib/auth/sign-up";
import { LOCK_AFTER, verifyCredentials } from "@/lib/auth/verify-credentials";
import { clientAddressFrom, parseTrustedProxies } from "@/lib/net/client-address";
import { POST as signInPost } from "@/app/api/auth/[...nextauth]/route";
import { POST as signUpPost } from "@/app/api/sign-up/route";

/** Issue 10, row 1: spoofed X-Forwarded-For and per-account failed sign-ins. */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.cleanup();
});

/** What a request looks like to a route handler once scripts/peer-address.mjs has run: one socket, a new X-Forwarded-For each time. */
function fromOneSocket(url: string, i: number, init: RequestInit = {}): Request {
  const spoofed = `198.51.100.${i}`;
  return new Request(url, { method: "POST", ...init, headers: { ...(init.headers as Record<string, string>), "x-forwarded-for": spoofed, "x-me-forwarded-for": spoofed, "x-me-peer": "203.0.113.9" } });
}

describe("client address", () => {
  it("the preload records the socket address and overwrites whatever the client claims", async () => {
    await import("../../../scripts/peer-address.mjs");
    const server = http.createServer((req, res) => res.end(JSON.stringify(req.headers)));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const seen = (await (await fetch(url, { headers: { "x-forwarded-for": "1.2.3.4", "x-me-peer": "6.6.6.6" } })).json()) as Record<string, string>;
      expect(seen["x-me-peer"]).toBe("127.0.0.1");
      expect(seen["x-me-forwarded-for"]).toBe("1.2.3.4");
      const plain = (await (await fetch(url, { headers: { "x-me-forwarded-for": "9.9.9.9" } })).json()) as Record<string, string>;
      expect(plain["x-me-forwarded-for"]).toBeUndefined();
      expect(clientAddressFrom(new Headers(seen), null)).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });

  it("believes forwarded hops only from trusted proxies", () => {
    const h = new Headers({ "x-me-peer": "10.0.0.2", "x-me-forwarded-for": "6.6.6.6, 192.0.2.7, 10.0.0.5" });
    expect(clientAddressFrom(h, null)).toBe("10.0.0.2");
    expect(clientAddressFrom(h, parseTrustedProxies("1"))).toBe("10.0.0.5");
    expect(clientAddressFrom(h, parseTrustedProxies("2"))).toBe("192.0.2.7");
    expect(clientAddressFrom(h, parseTrustedProxies("10.0.0.0/8"))).toBe("192.0.2.7");
    expect(clientAddressFrom(new Headers({ "x-me-peer": "::ffff:192.0.2.1" }), null)).toBe("192.0.2.1");
  });

  it("40 wrong passwords with 40 forwarded addresses from one socket: the address limit refuses the excess", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await signInPost(
        fromOneSocket("http://localhost/api/auth/callback/credentials", i, {
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ email: "nobody@example.test", password: `wrong-${i}` }).toString(),
        }),
      );
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40 - 10);
  });

  it("a burst of sign-ups with a new X-Forwarded-For each: the excess is refused", async () => {
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 19; i++) {
      const res = await signUpPost(
        fromOneSocket("http://localhost/api/sign-up", i, {
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: `Burst ${i}`, email: `burst-${i}@example.test`, password: "long enough password" }),
        }),
        { params: Promise.resolve({}) },
      );
      statuses.push(res.status);
    }
    // 10 per minute, refilled continuously (one token every 6 s): on a slow machine the burst may
    // earn a refilled token or two, never a fresh bucket per forwarded address.
    const refilled = Math.floor((Date.now() - started) / 6_000);
    const accepted = statuses.filter((s) => s === 201).length;
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(accepted).toBeLessThanOrEqual(10 + refilled);
    expect(statuses.filter((s) => s === 429)).toHaveLength(19 - accepted);
  });
});

describe("failed sign-ins per account", () => {
  it("delays after a few failures, locks after more (the right password too), emails the owner once, and a success resets", async () => {
    const user = await signUp({ name: "Target", email: "target@example.test", password: "the right password" });
    const t0 = new Date("2026-12-01T10:00:00Z");
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    for (let i = 0; i < 5; i++) expect(await verifyCredentials({ email: user.email, password: "wrong", now: at(i) })).toBeNull();
    // Five failures: the next try is delayed (1 s), even with the right password.
    expect(await verifyCredentials({ email: user.email, password: "wrong", now: at(5) })).toBeNull(); // 6th failure: 2 s
    expect(await verifyCredentials({ email: user.email, password: "the right password", now: at(6) })).toBeNull();
    for (let i = 0; i < LOCK_AFTER - 6; i++) await verifyCredentials({ email: user.email, password: "wrong", now: at(100 + i * 100) });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedSignIns).toBe(LOCK_AFTER);
    // Locked: 55 more tries (right password among them) change nothing.
    for (let i = 0; i < 55; i++) expect(await verifyCredentials({ email: user.email, password: i === 30 ? "the right password" : "wrong", now: at(1000 + i) })).toBeNull();
    const mails = await t.db.outboxEmail.findMany({ where: { toAddresses: { has: user.email } } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("bloquée");
    // After the lock, the right password works and resets the count.
    expect(await verifyCredentials({ email: user.email, password: "the right password", now: at(1000 + 16 * 60) })).toMatchObject({ id: user.id });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).failedSignIns).toBe(0);
  });
});
