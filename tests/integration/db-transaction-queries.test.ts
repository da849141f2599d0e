import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * A Prisma interactive transaction holds one pg client, and Prisma 6.19's query interpreter sends
 * the parts of a query plan side by side (Promise.all of a join's children). pg 8 queued them and
 * warned ("Calling client.query() when the client is already executing a query … will be removed in
 * pg@9.0"); pg 9 will refuse. lib/db/pg-adapter.ts sends a transaction's statements one after the
 * other, in the order they were asked for.
 */
let t: TestDatabase;
const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(w.message);
beforeAll(async () => {
  t = await createTestDatabase();
  process.on("warning", onWarning);
});
afterAll(async () => {
  process.off("warning", onWarning);
  await t.cleanup();
});

describe("statements of one transaction", () => {
  it("go one at a time on its connection, in order, with their own results and errors", async () => {
    const org = await t.db.organization.create({ data: { slug: `tx-${Date.now()}`, name: "Tx" } });
    const results = await t.db.$transaction(async (tx) =>
      Promise.all([
        tx.$queryRaw<{ n: number }[]>`SELECT 1::int AS n, pg_sleep(0.02)::text AS slept`,
        tx.$queryRaw<{ n: number }[]>`SELECT 2::int AS n`,
        tx.$queryRaw<{ n: number }[]>`SELECT 3::int AS n`,
        tx.$queryRaw<{ n: number }[]>`SELECT 4::int AS n`,
        tx.organization.findUnique({ where: { id: org.id }, include: { memberships: true, brands: true, invitations: true, apiKeys: true } }),
      ]),
    );
    expect(results.slice(0, 4).map((r) => (r as { n: number }[])[0]!.n)).toEqual([1, 2, 3, 4]);
    expect((results[4] as { id: string }).id).toBe(org.id);
    // One failing statement fails the transaction (and only it), and the connection is usable after.
    await expect(
      t.db.$transaction(async (tx) => Promise.all([tx.$queryRaw`SELECT 1`, tx.$queryRaw`SELECT 1/0`, tx.$queryRaw`SELECT 1`])),
    ).rejects.toThrow(/division by zero/);
    expect(await t.db.$queryRaw<{ ok: number }[]>`SELECT 1::int AS ok`).toEqual([{ ok: 1 }]);
    // Warnings are emitted on the next tick.
    await new Promise((r) => setTimeout(r, 50));
    expect(warnings.filter((w) => /already executing a query/.test(w))).toEqual([]);
  });
});
