import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listContent } from "@/lib/content/list-content";
import { listLeadBoard } from "@/lib/leads/list-board";
import { listLeads } from "@/lib/leads/list-leads";
import { moveLeadStage } from "@/lib/leads/move-lead-stage";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * Issue 18: lead_status_counts (the Leads page's funnel and total) and content_piece_counts (the content
 * list's total) are kept by statement triggers in the transaction of the write. After every kind of
 * write (bulk and single inserts, status changes by the app and in bulk, updates that change nothing
 * counted, deletes, a variant becoming a master, concurrent writers, a rolled-back transaction, an
 * organisation deleted) they equal a count of the rows, and the pages read them.
 */
let t: TestDatabase;
let orgId: string;
let otherId: string;
let brandId: string;

async function expectLeadCountsExact(label: string) {
  const counted = await t.db.$queryRawUnsafe<{ organizationId: string; status: string; n: number }[]>(
    `SELECT "organizationId", status::text, count(*)::int AS n FROM leads GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const stored = await t.db.$queryRawUnsafe<{ organizationId: string; status: string; n: number }[]>(
    `SELECT "organizationId", status::text, count AS n FROM lead_status_counts WHERE count <> 0 ORDER BY 1, 2`,
  );
  expect(stored, label).toEqual(counted);
  const negative = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM lead_status_counts WHERE count < 0`);
  expect(negative[0]!.n, label).toBe(0);
}

async function expectContentCountsExact(label: string) {
  const counted = await t.db.$queryRawUnsafe<{ organizationId: string; status: string; n: number }[]>(
    `SELECT "organizationId", status::text, count(*)::int AS n FROM content_pieces WHERE "parentId" IS NULL GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const stored = await t.db.$queryRawUnsafe<{ organizationId: string; status: string; n: number }[]>(
    `SELECT "organizationId", status::text, count AS n FROM content_piece_counts WHERE count <> 0 ORDER BY 1, 2`,
  );
  expect(stored, label).toEqual(counted);
}

const lead = (organizationId: string, i: number, status: "NEW" | "SCORED" | "NURTURING" = "NEW") => ({
  organizationId,
  firstName: `L${i}`,
  email: `l${i}-${organizationId}@example.com`,
  emailNormalized: `l${i}-${organizationId}@example.com`,
  status,
});

beforeAll(async () => {
  t = await createTestDatabase();
  const tag = randomUUID().slice(0, 6);
  orgId = (await t.db.organization.create({ data: { name: "Counts", slug: `sc-${tag}` } })).id;
  otherId = (await t.db.organization.create({ data: { name: "Other", slug: `so-${tag}` } })).id;
  brandId = (await t.db.brand.create({ data: { organizationId: orgId, name: "B", slug: "b", voice: "v", targetAudience: "a", contentGuidelines: "g" } })).id;
}, 60_000);

afterAll(async () => {
  await t?.cleanup();
});

describe("lead_status_counts", () => {
  it("follows inserts, status changes, updates of other fields and deletes", async () => {
    await t.db.lead.createMany({ data: Array.from({ length: 40 }, (_, i) => lead(orgId, i, i < 10 ? "NEW" : i < 30 ? "SCORED" : "NURTURING")) });
    await t.db.lead.createMany({ data: Array.from({ length: 5 }, (_, i) => lead(otherId, i)) });
    await t.db.lead.create({ data: lead(orgId, 100) });
    await expectLeadCountsExact("inserted");

    const some = await t.db.lead.findMany({ where: { organizationId: orgId, status: "NEW" }, take: 3, orderBy: { id: "asc" } });
    await moveLeadStage({ organizationId: orgId, leadId: some[0]!.id, status: "BOOKED" });
    await moveLeadStage({ organizationId: orgId, leadId: some[1]!.id, status: "LOST" });
    await expectLeadCountsExact("moved by the board");
    await t.db.lead.updateMany({ where: { organizationId: orgId, status: "SCORED" }, data: { status: "NURTURING" } });
    await t.db.lead.updateMany({ where: { organizationId: orgId }, data: { score: 50 } }); // counted nothing changes
    await expectLeadCountsExact("bulk status change and score");

    await t.db.lead.delete({ where: { id: some[2]!.id } });
    await t.db.lead.deleteMany({ where: { organizationId: orgId, status: "NURTURING", firstName: { in: ["L12", "L13", "L31"] } } });
    await expectLeadCountsExact("deleted");

    const page = await listLeads({ organizationId: orgId });
    const total = await t.db.lead.count({ where: { organizationId: orgId } });
    expect(page.total).toBe(total);
    expect(page.matching).toBe(total);
    expect(page.pages).toBe(Math.ceil(total / 25));
    const grouped = await t.db.lead.groupBy({ by: ["status"], where: { organizationId: orgId }, _count: { _all: true } });
    expect([...page.funnel].sort((a, b) => a.status.localeCompare(b.status))).toEqual(
      grouped.map((g) => ({ status: g.status, count: g._count._all })).sort((a, b) => a.status.localeCompare(b.status)),
    );
    const board = await listLeadBoard({ organizationId: orgId });
    for (const column of board) expect(column.count, column.status).toBe(grouped.find((g) => g.status === column.status)?._count._all ?? 0);
    // A filter still counts what it matches.
    expect((await listLeads({ organizationId: orgId, filters: { status: "BOOKED" } })).matching).toBe(1);
  });

  it("stays exact with concurrent writers, and a rolled-back write leaves it as it was", async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, k) => t.db.$transaction(async (tx) => tx.lead.createMany({ data: Array.from({ length: 5 }, (_, i) => lead(orgId, 1000 + k * 10 + i)) }))),
    );
    await expectLeadCountsExact("concurrent inserts");
    await t.db
      .$transaction(async (tx) => {
        await tx.lead.updateMany({ where: { organizationId: orgId }, data: { status: "LOST" } });
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    await expectLeadCountsExact("rolled back");
  });
});

describe("content_piece_counts", () => {
  it("counts master pieces per status through inserts, variants, status changes, re-parenting and deletes, and the list reads it", async () => {
    const masters = [];
    for (let i = 0; i < 6; i++) masters.push(await t.db.contentPiece.create({ data: { organizationId: orgId, brandId, title: `M${i}`, body: "b", status: i < 3 ? "DRAFT" : "APPROVED" } }));
    await t.db.contentPiece.createMany({
      data: masters.flatMap((m) => (["LINKEDIN", "INSTAGRAM"] as const).map((platform) => ({ organizationId: orgId, brandId, parentId: m.id, platform, title: `${m.title} ${platform}`, body: "b" }))),
    });
    await expectContentCountsExact("inserted");
    expect((await listContent({ organizationId: orgId })).total).toBe(6);
    expect((await listContent({ organizationId: orgId, status: "DRAFT" })).total).toBe(3);

    await t.db.contentPiece.update({ where: { id: masters[0]!.id }, data: { status: "SCHEDULED" } });
    await t.db.contentPiece.updateMany({ where: { organizationId: orgId, parentId: null, status: "APPROVED" }, data: { status: "PUBLISHED" } });
    await t.db.contentPiece.updateMany({ where: { organizationId: orgId, parentId: { not: null } }, data: { status: "PUBLISHED" } }); // variants: not counted
    await expectContentCountsExact("status changes");
    const variant = await t.db.contentPiece.findFirstOrThrow({ where: { parentId: masters[1]!.id } });
    await t.db.contentPiece.update({ where: { id: variant.id }, data: { parentId: null } });
    await expectContentCountsExact("a variant made a master");
    await t.db.contentPiece.delete({ where: { id: masters[2]!.id } }); // with its variant (cascade)
    await expectContentCountsExact("deleted");

    const list = await listContent({ organizationId: orgId });
    expect(list.total).toBe(await t.db.contentPiece.count({ where: { organizationId: orgId, parentId: null } }));
    expect((await listContent({ organizationId: orgId, q: "M1" })).total).toBe(2); // a search still counts what it matches
  });
});

describe("an organisation deleted", () => {
  it("takes its counters with it and leaves the others exact", async () => {
    await t.db.organization.delete({ where: { id: otherId } });
    const [r] = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM lead_status_counts WHERE "organizationId" = $1`, otherId);
    expect(r!.n).toBe(0);
    await expectLeadCountsExact("organisation deleted");
    await expectContentCountsExact("organisation deleted");
  });
});
