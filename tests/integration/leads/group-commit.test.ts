import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetClock } from "@/lib/runtime/clock";
import { storeSubmission, submissionEventId } from "@/lib/leads/capture/store-submission";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedOrg } from "@/tests/integration/approvals/support";

/**
 * Issue 12, group commit of "stored raw first": submissions that arrive while statements are in flight
 * share one statement. Each caller still gets its own answer; every inserted row has exactly its own
 * event and queue item; a replay inside the same batch finds the first; a delivery the database refuses
 * fails alone, the others of its batch are stored.
 */
let t: TestDatabase;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  resetClock();
  t = await createTestDatabase();
  orgA = (await seedOrg(t.db)).orgId;
  orgB = (await seedOrg(t.db)).orgId;
});

afterAll(async () => {
  await t?.cleanup();
});

const submission = (organizationId: string, n: number, payload: unknown = { email: `p${n}@example.com`, n }) => ({
  organizationId,
  sourceType: "FORM" as const,
  sourceDetail: "group-commit",
  dedupeKey: `gc:${n}`,
  payload,
});

describe("storeSubmission under concurrency (group commit)", () => {
  it("300 at once across two organisations: 300 rows, each with its own event and queue item, each caller its own id", async () => {
    const results = await Promise.all(Array.from({ length: 300 }, (_, n) => storeSubmission(submission(n % 2 ? orgB : orgA, n))));
    expect(results.every((r) => !r.duplicate)).toBe(true);
    expect(new Set(results.map((r) => r.submissionId)).size).toBe(300);
    const rows = await t.db.leadSubmission.findMany({ where: { sourceDetail: "group-commit" }, select: { id: true, organizationId: true, dedupeKey: true, payload: true } });
    expect(rows).toHaveLength(300);
    const byId = new Map(rows.map((r) => [r.id, r]));
    results.forEach((r, n) => {
      const row = byId.get(r.submissionId)!;
      expect(row.dedupeKey).toBe(`gc:${n}`);
      expect(row.organizationId).toBe(n % 2 ? orgB : orgA);
      expect((row.payload as { n: number }).n).toBe(n);
    });
    const events = await t.db.$queryRaw<{ externalId: string; organizationId: string; submissionId: string; queued: bigint }[]>`
      SELECT e."externalId", e."organizationId", e.data->>'submissionId' AS "submissionId",
             (SELECT count(*) FROM runtime_queue q WHERE q."eventId" = e.id) AS queued
      FROM runtime_events e WHERE e.name = 'lead/submission.received'`;
    expect(events).toHaveLength(300);
    for (const e of events) {
      expect(e.externalId).toBe(submissionEventId(e.submissionId));
      expect(e.organizationId).toBe(byId.get(e.submissionId)!.organizationId);
      expect(Number(e.queued)).toBe(1);
    }
  });

  it("the same delivery 50 times at once, with others: one row, 49 answers name it as a duplicate", async () => {
    const same = Array.from({ length: 50 }, () => storeSubmission(submission(orgA, 10_000)));
    const others = Array.from({ length: 20 }, (_, i) => storeSubmission(submission(orgA, 20_000 + i)));
    const [a, b] = [await Promise.all(same), await Promise.all(others)];
    expect(new Set(a.map((r) => r.submissionId)).size).toBe(1);
    expect(a.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(b.every((r) => !r.duplicate)).toBe(true);
    expect(await t.db.leadSubmission.count({ where: { organizationId: orgA, dedupeKey: "gc:10000" } })).toBe(1);
    const [{ n }] = await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM runtime_events WHERE data->>'submissionId' = ${a[0]!.submissionId}`;
    expect(Number(n)).toBe(1);
  });

  it("a delivery PostgreSQL refuses (a NUL character in its JSON) fails alone; the rest of its batch is stored", async () => {
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => storeSubmission(submission(orgB, 30_000 + i, i === 7 ? { email: "bad@example.com", note: "a\u0000b" } : undefined))));
    const rejected = results.flatMap((r, i) => (r.status === "rejected" ? [i] : []));
    expect(rejected).toEqual([7]);
    expect(await t.db.leadSubmission.count({ where: { organizationId: orgB, dedupeKey: { startsWith: "gc:300" } } })).toBe(39);
  });
});
