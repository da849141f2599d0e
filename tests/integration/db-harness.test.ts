import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { migrationStatus } from "@/lib/db/migrate";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.cleanup();
});

describe("test database harness", () => {
  it("gives each test file its own migrated database", async () => {
    const org = await t.db.organization.create({ data: { slug: `h-${Date.now()}`, name: "Harness" } });
    expect(await t.db.organization.count()).toBe(1);
    expect(org.plan).toBe("FREE");
    const status = await migrationStatus(t.url);
    expect(status.pending).toEqual([]);
    expect(status.applied).toBeGreaterThan(0);
  });
});
