import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/orgs/[org]/approvals/route";
import { signUp } from "@/lib/auth/sign-up";
import { listApprovalsPage } from "@/lib/approvals/list-approvals";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createOrganization } from "@/lib/orgs/create-organization";
import { queueOrder, seedPendingApprovals } from "@/tests/helpers/approval-volume";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/** Issue 9: the approval queue at volume: keyset pages with totals per tab, focus at any position, filters, search, tenancy. */
let t: TestDatabase;
let a: { slug: string; id: string; key: string; brandId: string };
let b: { slug: string; id: string; key: string; brandId: string };
let seeded: Awaited<ReturnType<typeof seedPendingApprovals>>;

async function tenant(label: string) {
  const user = await signUp({ name: label, email: `${label}-${Math.random().toString(36).slice(2, 8)}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: user.id, input: { name: `${label} SAS` } });
  const { key } = await createApiKey({ organizationId: org.id, name: "queue", scopes: ["write"] });
  const brand = await t.db.brand.findFirstOrThrow({ where: { organizationId: org.id } });
  return { slug: org.slug, id: org.id, key, brandId: brand.id };
}

const get = async (url: string, who: { key: string }, org: string) => {
  const res = await listRoute(new Request(`http://localhost${url}`, { headers: { "x-api-key": who.key } }), { params: Promise.resolve({ org }) } as never);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { approvals: { id: string }[]; page: { start: number; total: number; nextCursor: string | null; prevCursor: string | null }; totals: Record<string, number> } };
};

beforeAll(async () => {
  t = await createTestDatabase();
  a = await tenant("queue-a");
  b = await tenant("queue-b");
  seeded = await seedPendingApprovals(t.db, { organizationId: a.id, brandId: a.brandId, count: 1000 });
  // Decided requests in other tabs, and a second brand's requests under another requester.
  await t.db.approvalRequest.updateMany({ where: { id: { in: seeded.slice(0, 30).map((s) => s.id) } }, data: { status: "APPROVED", decidedAt: new Date() } });
  const other = await t.db.brand.create({ data: { organizationId: a.id, name: "Indigo", slug: "indigo", voice: "v", targetAudience: "a", contentGuidelines: "g" } });
  await seedPendingApprovals(t.db, { organizationId: a.id, brandId: other.id, count: 12, requestedBy: "composer", titlePrefix: "Teinture indigo" });
  await seedPendingApprovals(t.db, { organizationId: b.id, brandId: b.brandId, count: 5 });
}, 120_000);
afterAll(async () => {
  await t?.cleanup();
});

describe("approval queue at volume (issue 9)", () => {
  it("walks 1,000 pending by keyset in the queue's order, with totals per tab; previous and last pages line up", async () => {
    const expected = queueOrder([...seeded.slice(30)]).map((s) => s.id);
    const seen: string[] = [];
    let page = await listApprovalsPage({ organizationId: a.id, brandId: a.brandId, take: 50 });
    expect(page.totals).toMatchObject({ PENDING: 970, APPROVED: 30, REJECTED: 0, ALL: 1000 });
    const starts: number[] = [];
    for (;;) {
      starts.push(page.page.start);
      seen.push(...page.approvals.map((x) => x.id));
      if (!page.page.nextCursor) break;
      page = await listApprovalsPage({ organizationId: a.id, brandId: a.brandId, take: 50, after: page.page.nextCursor });
    }
    expect(seen).toEqual(expected);
    expect(starts).toEqual(Array.from({ length: 20 }, (_, i) => i * 50));
    // Each card carries its network versions (revisions).
    expect(page.approvals.every((x) => x.networks.length >= 2)).toBe(true);
    const prev = await listApprovalsPage({ organizationId: a.id, brandId: a.brandId, take: 50, before: page.page.prevCursor! });
    expect(prev.approvals.map((x) => x.id)).toEqual(expected.slice(900, 950));
    expect(prev.page.start).toBe(900);
    const last = await listApprovalsPage({ organizationId: a.id, brandId: a.brandId, take: 50, last: true });
    expect([last.page.start, last.approvals.length, last.page.nextCursor]).toEqual([950, 20, null]);
    expect(last.approvals.map((x) => x.id)).toEqual(expected.slice(950));
  });

  it("?focus= opens the page containing any item (the 1,000th included), in its own tab, filters cleared; an unknown or foreign id is not found", async () => {
    const order = queueOrder([...seeded.slice(30)]);
    const lastId = order.at(-1)!.id;
    const res = await get(`/api/orgs/${a.slug}/approvals?focus=${lastId}&limit=25&brandId=${a.brandId}`, a, a.slug);
    expect(res.status).toBe(200);
    const all = queueOrder([...(await t.db.approvalRequest.findMany({ where: { organizationId: a.id, status: "PENDING" }, select: { id: true, priority: true, createdAt: true } }))]).map((r) => r.id);
    const position = all.indexOf(lastId);
    expect(res.body.page.start).toBe(position - (position % 25));
    expect(res.body.approvals.map((x) => x.id)).toContain(lastId);
    expect(res.body.approvals.map((x) => x.id)).toEqual(all.slice(res.body.page.start, res.body.page.start + 25));
    expect(res.body.focus).toEqual({ id: lastId, found: true, status: "PENDING" });
    // An approved item opens in the Approved tab.
    const decided = await listApprovalsPage({ organizationId: a.id, focus: seeded[3]!.id, take: 10 });
    expect([decided.status, decided.approvals.map((x) => x.id)]).toEqual(["APPROVED", expect.arrayContaining([seeded[3]!.id])]);
    // Another organisation's id: not found, first page of the caller's own queue.
    const foreign = await get(`/api/orgs/${b.slug}/approvals?focus=${lastId}`, b, b.slug);
    expect(foreign.body.focus).toMatchObject({ found: false });
    expect(foreign.body.approvals.map((x) => x.id)).not.toContain(lastId);
    expect(foreign.body.page.total).toBe(5);
  });

  it("filters by type, brand, network, requester and priority, and searches; totals follow the filters", async () => {
    const byRequester = await listApprovalsPage({ organizationId: a.id, requestedBy: "composer" });
    expect(byRequester.totals.PENDING).toBe(12);
    // A workflow code stands for each of its steps that asks ("mkt-104-request-approval").
    expect((await listApprovalsPage({ organizationId: a.id, requestedBy: "mkt-104" })).totals).toMatchObject({ PENDING: 970, APPROVED: 30 });
    const search = await listApprovalsPage({ organizationId: a.id, q: "INDIGO" });
    expect(search.totals.PENDING).toBe(12);
    expect(search.approvals.every((x) => x.title.startsWith("Teinture indigo"))).toBe(true);
    const urgent = await listApprovalsPage({ organizationId: a.id, priority: "URGENT", take: 100 });
    expect(urgent.approvals.every((x) => x.priority === "URGENT")).toBe(true);
    expect(urgent.totals.PENDING).toBe(await t.db.approvalRequest.count({ where: { organizationId: a.id, status: "PENDING", priority: "URGENT" } }));
    const tiktok = await listApprovalsPage({ organizationId: a.id, platform: "TIKTOK" });
    expect(tiktok.totals.ALL).toBe(0);
    const x = await listApprovalsPage({ organizationId: a.id, platform: "X", take: 100 });
    expect(x.approvals.length).toBeGreaterThan(0);
    expect(x.approvals.every((i) => i.networks.some((n) => n.platform === "X"))).toBe(true);
    const ads = await listApprovalsPage({ organizationId: a.id, entityType: "AD_CAMPAIGN" });
    expect([ads.totals.ALL, ads.approvals.length]).toEqual([0, 0]);
  });

  it("bad input names the field; a cursor of another organisation is refused; another organisation's slug is 404", async () => {
    const bad = await get(`/api/orgs/${a.slug}/approvals?priority=HUGE`, a, a.slug);
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("priority");
    const two = await get(`/api/orgs/${a.slug}/approvals?after=x&before=y`, a, a.slug);
    expect([two.status, JSON.stringify(two.body).includes("before")]).toEqual([422, true]);
    const bCard = (await listApprovalsPage({ organizationId: b.id })).approvals[0]!.id;
    const foreignCursor = await get(`/api/orgs/${a.slug}/approvals?after=${bCard}`, a, a.slug);
    expect([foreignCursor.status, JSON.stringify(foreignCursor.body).includes("after")]).toEqual([422, true]);
    expect((await get(`/api/orgs/${a.slug}/approvals`, b, a.slug)).status).toBe(404);
  });
});
