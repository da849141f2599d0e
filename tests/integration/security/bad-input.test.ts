import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { AppError } from "@/lib/errors";
import { errorResponse, isUnstorableValue, parseWith } from "@/lib/http";

/** Issue 10, row 9: a NUL byte in any string field (13 routes) and out-of-range dates answered 500. */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.cleanup();
});

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError && err.code === "validation") return err.issues?.[0]?.field;
    throw err;
  }
  return undefined;
}

describe("input PostgreSQL cannot store", () => {
  const schema = z.object({ name: z.string(), tags: z.array(z.string()).optional(), meta: z.record(z.string(), z.unknown()).optional() }).strict();

  it("NUL bytes and lone surrogates are 422 naming the field, wherever they are", () => {
    expect(fieldOf(() => parseWith(schema, { name: "x\u0000y" }))).toBe("name");
    expect(fieldOf(() => parseWith(schema, { name: "ok", tags: ["a", "b\uD800"] }))).toBe("tags.1");
    expect(fieldOf(() => parseWith(schema, { name: "ok", meta: { deep: { "k\u0000": 1 } } }))).toBe("meta.deep.k?");
    expect(fieldOf(() => parseWith(schema, { name: "\uDC00" }, "query"))).toBe("query.name");
    expect(parseWith(schema, { name: "émoji 😀 ok" }).name).toBe("émoji 😀 ok");
  });

  it("10,000 levels of nesting are refused as input, not a stack overflow", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    expect(fieldOf(() => parseWith(schema, { name: "x", meta: deep as Record<string, unknown> }))).toBeUndefined();
    expect(() => parseWith(schema, { name: "x", deep })).toThrow(AppError);
  });

  it("the database's own refusals of a value (NUL, out-of-range date) answer 422, not 500", async () => {
    const errors: unknown[] = [];
    await t.db.user.create({ data: { email: "nul@example.test", name: "x\u0000y" } }).catch((e: unknown) => errors.push(e));
    await t.db.$queryRaw`SELECT ${"294277-01-01T00:00:00Z"}::timestamptz`.catch((e: unknown) => errors.push(e));
    await t.db.$queryRawUnsafe("SELECT '2026-13-45'::date").catch((e: unknown) => errors.push(e));
    expect(errors).toHaveLength(3);
    for (const err of errors) {
      expect(isUnstorableValue(err), String(err)).toBe(true);
      expect(errorResponse(err).status).toBe(422);
    }
    expect(isUnstorableValue(new Error("connection refused"))).toBe(false);
  });
});
