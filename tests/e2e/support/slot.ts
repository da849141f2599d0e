import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * End-to-end tests run on E2E_WORKERS Playwright workers (2 by default: the machine's two cores), and
 * each worker slot has its own app server and its own freshly seeded database (tests/e2e/server.ts):
 * slot i (TEST_PARALLEL_INDEX, 0..workers-1) talks to port E2E_PORT + i. Specs change the demo
 * organisation's data, so two specs never share a server at the same time: each server sees a plain
 * serial run of part of the specs, as the single server of a one-worker run did.
 */
export const E2E_WORKERS = Math.max(1, Number(process.env.E2E_WORKERS ?? "2"));
export const E2E_BASE_PORT = Number(process.env.E2E_PORT ?? "3100");

/** The port of this worker's server (in the Playwright runner process, slot 0's). */
export function e2ePort(): number {
  return E2E_BASE_PORT + Number(process.env.TEST_PARALLEL_INDEX ?? "0");
}

/** Where tests/e2e/server.ts on `port` writes its database URL and encryption keys. */
export function e2eDbFile(port: number): string {
  return path.join("test-results", `e2e-db-${port}.json`);
}

/** This worker's server's database and the keys it was given (to read its mailbox, seed rows...). */
export function e2eDb(): { url: string; encryptionKeys: string } {
  return JSON.parse(readFileSync(e2eDbFile(e2ePort()), "utf8")) as { url: string; encryptionKeys: string };
}
