import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listContentRoute } from "@/app/api/orgs/[org]/content/route";
import { POST as retryRoute } from "@/app/api/orgs/[org]/publications/[id]/retry/route";
import { buildMkt107Publish } from "@/inngest/functions/content-flywheel/mkt-107-publish";
import { signUp } from "@/lib/auth/sign-up";
import { listContent } from "@/lib/content/list-content";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createOrganization } from "@/lib/orgs/create-organization";
import { publishPublication } from "@/lib/publishing/publish-publication";
import { retryPublication } from "@/lib/publishing/retry-publication";
import { readTimelineMessage } from "@/lib/publishing/timeline";
import { startHarness, until, type Harness } from "@/tests/integration/runtime/harness";
import { depsFor, revisionOf, seedOrg, seedPiece, seedSandboxAccount } from "./support";

/** Issue 9, content lifecycle: PUBLISHED with the first publish time on the first post, "Retry" on a FAILED publication, the paged content list. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness((client) => [buildMkt107Publish(client)]);
});
afterAll(async () => {
  await h?.stop();
});

async function setup() {
  const org = await seedOrg(h.db);
  const account = await seedSandboxAccount(h.db, org.orgId);
  const piece = await seedPiece(h.db, org.orgId);
  return { ...org, account, piece };
}

async function row(s: Awaited<ReturnType<typeof setup>>, extra: Record<string, unknown> = {}, pieceId = s.piece.id) {
  return h.db.publication.create({
    data: { organizationId: s.orgId, contentPieceId: pieceId, revisionId: await revisionOf(h.db, pieceId), socialAccountId: s.account.id, platform: "LINKEDIN", scheduledAt: new Date(Date.now() - 1000), idempotencyKey: `k-${Math.random()}`, maxAttempts: 3, ...extra },
  });
}

async function tenant(label: string) {
  const user = await signUp({ name: label, email: `${label}-${Math.random().toString(36).slice(2, 8)}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: user.id, input: { name: `${label} SAS` } });
  const { key } = await createApiKey({ organizationId: org.id, name: "lifecycle", scopes: ["read", "write"] });
  return { slug: org.slug, id: org.id, key };
}

const call = (handler: (req: Request, ctx: never) => Promise<Response>, url: string, key: string, params: Record<string, string>, init: RequestInit = {}) =>
  handler(new Request(`http://localhost${url}`, { ...init, headers: { "x-api-key": key, "content-type": "application/json", ...(init.headers ?? {}) } }), { params: Promise.resolve(params) } as never);

describe("content lifecycle (issue 9)", () => {
  it("the first post makes the piece and its master PUBLISHED with the first publish time; a later post keeps it; MKT-102's latest published finds it", async () => {
    const s = await setup();
    const variant = await seedPiece(h.db, s.orgId, "Variante LinkedIn");
    await h.db.contentPiece.update({ where: { id: variant.id }, data: { parentId: s.piece.id, brandId: s.piece.brandId, platform: "LINKEDIN" } });
    const untouched = await seedPiece(h.db, s.orgId, "Jamais publié");
    const first = await row(s, {}, variant.id);
    expect(await publishPublication({ organizationId: s.orgId, publicationId: first.id })).toMatchObject({ outcome: "posted", already: false });
    const posted = await h.db.publication.findUniqueOrThrow({ where: { id: first.id } });
    for (const id of [variant.id, s.piece.id]) {
      const p = await h.db.contentPiece.findUniqueOrThrow({ where: { id } });
      expect([p.status, p.firstPublishedAt?.toISOString()]).toEqual(["PUBLISHED", posted.postedAt!.toISOString()]);
    }
    expect((await h.db.contentPiece.findUniqueOrThrow({ where: { id: untouched.id } })).status).toBe("APPROVED");

    const second = await row(s, {}, variant.id);
    await new Promise((r) => setTimeout(r, 5));
    expect(await publishPublication({ organizationId: s.orgId, publicationId: second.id })).toMatchObject({ outcome: "posted" });
    expect((await h.db.contentPiece.findUniqueOrThrow({ where: { id: variant.id } })).firstPublishedAt!.toISOString()).toBe(posted.postedAt!.toISOString());

    // MKT-102 (research-input.ts) reads the brand's 20 latest published pieces with this query.
    const latest = await h.db.contentPiece.findMany({ where: { organizationId: s.orgId, brandId: s.piece.brandId, firstPublishedAt: { not: null } }, orderBy: { firstPublishedAt: "desc" }, take: 20, select: { id: true } });
    expect(latest.map((p) => p.id).sort()).toEqual([s.piece.id, variant.id].sort());
  });

  it("Retry re-queues exactly that FAILED publication through MKT-107 (posted, piece PUBLISHED); a second retry or a non-FAILED one is 409; another organisation's is 404", async () => {
    const s = await setup();
    const failed = await row(s, { status: "FAILED", attempts: 3, errorCode: "gave_up", errorMessage: "linkedin: Internal Server Error" });
    await h.db.publicationAttempt.create({ data: { organizationId: s.orgId, publicationId: failed.id, attemptNumber: 3, status: "FAILED", finishedAt: new Date() } });
    const other = await row(s, { status: "FAILED", attempts: 1 });
    const deps = depsFor(h.client);
    const dto = await retryPublication({ organizationId: s.orgId, publicationId: failed.id, deps });
    expect(dto).toMatchObject({ id: failed.id, status: "SCHEDULED" });
    await expect(retryPublication({ organizationId: s.orgId, publicationId: failed.id, deps })).rejects.toMatchObject({ code: "conflict", key: "publishing.notRetryable" });
    const done = await until("the retried publication is posted", async () => {
      const r = await h.db.publication.findUniqueOrThrow({ where: { id: failed.id } });
      return r.status === "POSTED" ? r : undefined;
    });
    expect([done.attempts, done.maxAttempts, done.errorCode]).toEqual([4, 3 + deps.maxAttempts, null]);
    expect(await h.db.sandboxRecord.count({ where: { accountId: s.account.id, kind: "post" } })).toBe(1);
    const keys = (await h.db.publicationEvent.findMany({ where: { publicationId: failed.id }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((e) => readTimelineMessage(e.payload)?.key);
    expect(keys).toEqual(["retried", "uploading", "posted"]);
    expect((await h.db.contentPiece.findUniqueOrThrow({ where: { id: s.piece.id } })).status).toBe("PUBLISHED");
    // Only that publication moved.
    expect((await h.db.publication.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("FAILED");
    await expect(retryPublication({ organizationId: s.orgId, publicationId: failed.id, deps })).rejects.toMatchObject({ code: "conflict" });
    const foreign = await seedOrg(h.db);
    await expect(retryPublication({ organizationId: foreign.orgId, publicationId: other.id, deps })).rejects.toMatchObject({ code: "not_found" });
  });

  it("the retry route: 409 for a publication that is not FAILED, 404 for another organisation's; the content list route pages and searches, tenant-scoped", async () => {
    const a = await tenant("life-a");
    const b = await tenant("life-b");
    const brand = await h.db.brand.findFirstOrThrow({ where: { organizationId: a.id } });
    const account = await seedSandboxAccount(h.db, a.id);
    const piece = await seedPiece(h.db, a.id, "Pièce de A");
    const scheduled = await h.db.publication.create({
      data: { organizationId: a.id, contentPieceId: piece.id, revisionId: await revisionOf(h.db, piece.id), socialAccountId: account.id, platform: "LINKEDIN", scheduledAt: new Date(Date.now() + 3600_000), idempotencyKey: `k-${Math.random()}` },
    });
    const url = (slug: string, id: string) => `/api/orgs/${slug}/publications/${id}/retry`;
    const own = await call(retryRoute, url(a.slug, scheduled.id), a.key, { org: a.slug, id: scheduled.id }, { method: "POST", body: "{}", headers: { origin: "http://localhost" } });
    expect(own.status).toBe(409);
    expect(((await own.json()) as { error: { code: string } }).error).toBeTruthy();
    const foreign = await call(retryRoute, url(b.slug, scheduled.id), b.key, { org: b.slug, id: scheduled.id }, { method: "POST", body: "{}", headers: { origin: "http://localhost" } });
    expect(foreign.status).toBe(404);
    expect((await h.db.publication.findUniqueOrThrow({ where: { id: scheduled.id } })).status).toBe("SCHEDULED");

    // 45 master pieces (+ a variant that the list leaves out), 3 of them about "indigo".
    await h.db.contentPiece.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({ organizationId: a.id, brandId: brand.id, body: i % 15 === 0 ? `Teinture Indigo n°${i}` : `Pièce n°${i}`, createdAt: new Date(Date.now() - i * 60_000) })),
    });
    await h.db.contentPiece.create({ data: { organizationId: a.id, brandId: brand.id, parentId: piece.id, platform: "X", body: "Variante indigo" } });
    const page2 = await listContent({ organizationId: a.id, page: 2, pageSize: 20 });
    expect([page2.total, page2.pageCount, page2.page, page2.items.length]).toEqual([46, 3, 2, 20]);
    const last = await listContent({ organizationId: a.id, page: 99, pageSize: 20 });
    expect([last.page, last.items.length]).toEqual([3, 6]);
    const res = await call(listContentRoute, `/api/orgs/${a.slug}/content?q=INDIGO&pageSize=2`, a.key, { org: a.slug });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { title: string }[]; total: number; pageCount: number };
    expect([body.total, body.pageCount, body.items.length]).toEqual([3, 2, 2]);
    expect(body.items.every((i) => i.title.includes("Indigo"))).toBe(true);
    const bad = await call(listContentRoute, `/api/orgs/${a.slug}/content?page=zero`, a.key, { org: a.slug });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("page");
    const other = await call(listContentRoute, `/api/orgs/${a.slug}/content`, b.key, { org: a.slug });
    expect(other.status).toBe(404);
    expect(((await (await call(listContentRoute, `/api/orgs/${b.slug}/content`, b.key, { org: b.slug })).json()) as { total: number }).total).toBe(0);
  });
});
