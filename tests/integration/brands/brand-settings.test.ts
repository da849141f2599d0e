import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as brandRoute from "@/app/api/orgs/[org]/brands/[id]/route";
import * as brandsRoute from "@/app/api/orgs/[org]/brands/route";
import { competitorAdLibraryQueries } from "@/lib/ads/competitor-queries";
import { requestApproval } from "@/lib/approvals/request-approval";
import { signUp } from "@/lib/auth/sign-up";
import { getBrand, updateBrand as update, type BrandActor } from "@/lib/brands/brand-settings";
import { updateBrandSchema } from "@/lib/brands/schemas";
import { adaptPieceToPlatform } from "@/lib/content/adaptation/adapt-content-piece";
import { createApiKey } from "@/lib/orgs/api-keys";
import { createOrganization } from "@/lib/orgs/create-organization";
import { createAnthropicFake, type AnthropicFake } from "@/tests/fakes/anthropic";
import { setEnv } from "@/tests/contract/harness";
import { outcome as code } from "@/tests/helpers/app-error";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";

/**
 * Brand settings (settings > brands) against real PostgreSQL: the auto-approve flag is an owner's
 * choice (admin and API keys get 403), written on the brand's history; bad input is a 4xx naming the
 * field with nothing written; another organisation's brand is a 404; the settings reach the
 * generation prompts (Anthropic fake records them), MKT-104 and the MKT-201 queries.
 */
let t: TestDatabase;
let fake: AnthropicFake;
type Tenant = { slug: string; orgId: string; brandId: string; ownerId: string; adminId: string; key: string };
const tenants: Record<"a" | "b", Tenant> = {} as never;

async function tenant(label: string): Promise<Tenant> {
  const owner = await signUp({ name: `Owner ${label}`, email: `owner-${label}@example.test`, password: "long enough password" });
  const admin = await signUp({ name: `Admin ${label}`, email: `admin-${label}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: owner.id, input: { name: `Brand ${label}` } });
  await t.db.membership.create({ data: { organizationId: org.id, userId: admin.id, role: "ADMIN" } });
  const brand = await t.db.brand.findFirstOrThrow({ where: { organizationId: org.id } });
  const { key } = await createApiKey({ organizationId: org.id, name: "brands", scopes: ["read", "write"] });
  return { slug: org.slug, orgId: org.id, brandId: brand.id, ownerId: owner.id, adminId: admin.id, key };
}

/** The lib call with the input parsed as the route parses it. */
const updateBrand = (o: { organizationId: string; brandId: string; input: unknown; actor: BrandActor }) => update({ ...o, input: updateBrandSchema.parse(o.input) });

const KEY = "sk-ant-brand-test";
beforeAll(async () => {
  t = await createTestDatabase();
  tenants.a = await tenant("a");
  tenants.b = await tenant("b");
  fake = createAnthropicFake({ apiKey: KEY });
  await fake.server.start();
});
afterAll(async () => {
  setEnv({ ANTHROPIC_API_KEY: undefined, ANTHROPIC_BASE_URL: undefined, ANTHROPIC_MODEL: undefined, AI_MAX_RETRIES: undefined });
  await fake?.server.stop();
  await t?.cleanup();
});
beforeEach(() => fake.reset());

const call = async (handler: (req: Request, ctx: never) => Promise<Response>, k: "a" | "b", params: Record<string, string>, method = "GET", body?: unknown) => {
  const res = await handler(
    new Request(`http://localhost/api/orgs/${params.org}/brands${params.id ? `/${params.id}` : ""}`, {
      method,
      headers: { "x-api-key": tenants[k].key, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }),
    { params: Promise.resolve(params) } as never,
  );
  return { status: res.status, json: (await res.json()) as { error?: { code: string; field?: string }; brand?: Record<string, unknown>; brands?: { id: string }[] } };
};

describe("brand settings", () => {
  it("only an owner turns auto-approve on or off; each change is a line of the brand's history", async () => {
    const a = tenants.a;
    expect(await code(updateBrand({ organizationId: a.orgId, brandId: a.brandId, input: { autoApprove: true }, actor: { role: "ADMIN", userId: a.adminId } }))).toBe("forbidden:autoApprove");
    expect(await code(updateBrand({ organizationId: a.orgId, brandId: a.brandId, input: { autoApprove: true }, actor: { role: "EDITOR", userId: a.adminId } }))).toBe("forbidden:autoApprove");
    expect((await t.db.brand.findUniqueOrThrow({ where: { id: a.brandId } })).requireContentApproval).toBe(true);
    expect(await t.db.brandSettingsEvent.count()).toBe(0);

    const on = await updateBrand({ organizationId: a.orgId, brandId: a.brandId, input: { autoApprove: true }, actor: { role: "OWNER", userId: a.ownerId } });
    expect(on.autoApprove).toBe(true);
    expect(on.history).toEqual([expect.objectContaining({ field: "autoApprove", from: false, to: true, actorName: "Owner a" })]);
    const row = await t.db.brand.findUniqueOrThrow({ where: { id: a.brandId } });
    expect(row).toMatchObject({ requireContentApproval: false, approvalSettingsChangedById: a.ownerId });

    // Saving the same value again (the page sends the whole form) is not a change: no 403, no line.
    const same = await updateBrand({ organizationId: a.orgId, brandId: a.brandId, input: { autoApprove: true, voice: "Directe" }, actor: { role: "ADMIN", userId: a.adminId } });
    expect(same.history).toHaveLength(1);

    const off = await updateBrand({ organizationId: a.orgId, brandId: a.brandId, input: { autoApprove: false }, actor: { role: "OWNER", userId: a.ownerId } });
    expect(off.history.map((h) => [h.from, h.to])).toEqual([[true, false], [false, true]]);
  });

  it("over the API: an API key (EDITOR) gets 403 for auto-approve; bad input is 422 naming the field with nothing written", async () => {
    const a = tenants.a;
    const before = await t.db.brand.findUniqueOrThrow({ where: { id: a.brandId } });
    const forbidden = await call(brandRoute.PATCH, "a", { org: a.slug, id: a.brandId }, "PATCH", { autoApprove: before.requireContentApproval, voice: "Changée" });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error).toMatchObject({ code: "forbidden", field: "autoApprove" });

    for (const [body, field] of [
      [{ voice: "ok", countries: ["France"] }, "countries.0"],
      [{ defaultNetworks: ["LINKEDIN", "MYSPACE"] }, "defaultNetworks.1"],
      [{ competitors: [{ name: "Rival", pageUrls: ["javascript:alert(1)"] }] }, "competitors.0.pageUrls.0"],
      [{ voice: "" }, "voice"],
      [{ products: [{ name: "A" }, { name: "a" }] }, "products.1.name"],
      [{ faq: [{ question: "Vos délais ?", answer: "   " }] }, "faq.0.answer"],
      [{ faq: [{ question: "Vos délais ?", answer: "6 semaines", tags: [] }] }, "faq.0.tags"],
    ] as const) {
      const res = await call(brandRoute.PATCH, "a", { org: a.slug, id: a.brandId }, "PATCH", body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.json.error?.field).toBe(field);
    }
    const after = await t.db.brand.findUniqueOrThrow({ where: { id: a.brandId } });
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await t.db.product.count({ where: { brandId: a.brandId } })).toBe(0);
  });

  it("another organisation's brand is a 404 (read and write); lists are scoped", async () => {
    const { a, b } = tenants;
    expect((await call(brandRoute.GET, "a", { org: a.slug, id: b.brandId })).status).toBe(404);
    const write = await call(brandRoute.PATCH, "a", { org: a.slug, id: b.brandId }, "PATCH", { voice: "Piratée" });
    expect(write.status).toBe(404);
    expect((await t.db.brand.findUniqueOrThrow({ where: { id: b.brandId } })).voice).not.toBe("Piratée");
    expect((await call(brandRoute.GET, "a", { org: b.slug, id: b.brandId })).status).toBe(404);
    const list = await call(brandsRoute.GET, "a", { org: a.slug });
    expect(list.json.brands!.map((x) => x.id)).toEqual([a.brandId]);
    // Products / competitors of another brand cannot be taken over by id.
    await updateBrand({ organizationId: b.orgId, brandId: b.brandId, input: { products: [{ name: "Offre B", description: "" }] }, actor: { role: "OWNER", userId: b.ownerId } });
    const foreign = await t.db.product.findFirstOrThrow({ where: { brandId: b.brandId } });
    expect(await code(updateBrand({ organizationId: a.orgId, brandId: a.brandId, input: { products: [{ id: foreign.id, name: "Volée", description: "" }] }, actor: { role: "OWNER", userId: a.ownerId } }))).toBe("not_found:products.0.id");
  });

  it("edits products, competitors (pages, countries) and default networks; removed items are deactivated, not deleted", async () => {
    const a = tenants.a;
    const actor = { role: "EDITOR" as const, userId: a.adminId };
    const first = await updateBrand({
      organizationId: a.orgId,
      brandId: a.brandId,
      actor,
      input: {
        defaultNetworks: ["LINKEDIN", "INSTAGRAM", "LINKEDIN"],
        countries: ["fr", "SN"],
        products: [{ name: "Sac Baobab", description: "Sac en cuir cousu main" }],
        competitors: [
          { name: "Maroquinerie Rivale", pageUrls: ["https://rivale.example", "https://facebook.com/rivale"], countries: ["SN"] },
          { name: "Cuir Express", pageUrls: [], countries: [] },
        ],
      },
    });
    expect(first).toMatchObject({ defaultNetworks: ["LINKEDIN", "INSTAGRAM"], countries: ["FR", "SN"], products: [{ name: "Sac Baobab" }] });
    expect(first.competitors.map((c) => [c.name, c.pageUrls.length, c.countries])).toEqual([["Maroquinerie Rivale", 2, ["SN"]], ["Cuir Express", 0, []]]);

    // MKT-201: one Ad Library query per watched competitor, its countries or the brand's.
    const queries = await competitorAdLibraryQueries({ organizationId: a.orgId, brandId: a.brandId });
    expect(queries.map((q) => q.query)).toEqual([{ searchTerms: "Maroquinerie Rivale", countries: ["SN"] }, { searchTerms: "Cuir Express", countries: ["FR", "SN"] }]);
    expect(await code(competitorAdLibraryQueries({ organizationId: a.orgId, brandId: tenants.b.brandId }))).toBe("not_found");

    const kept = first.competitors[0]!;
    const second = await updateBrand({ organizationId: a.orgId, brandId: a.brandId, actor, input: { competitors: [{ id: kept.id, name: "Maroquinerie Rivale SA", pageUrls: [], countries: ["CI"] }] } });
    expect(second.competitors).toEqual([{ id: kept.id, name: "Maroquinerie Rivale SA", pageUrls: [], countries: ["CI"] }]);
    expect(await t.db.competitor.count({ where: { brandId: a.brandId } })).toBe(2);
    expect((await competitorAdLibraryQueries({ organizationId: a.orgId, brandId: a.brandId })).map((q) => q.query)).toEqual([{ searchTerms: "Maroquinerie Rivale SA", countries: ["CI"] }]);
    expect((await getBrand({ organizationId: a.orgId, brandId: a.brandId })).products).toHaveLength(1);
  });

  it("edits the FAQ the inbox triage answers from: the whole list in order, an emptied list clears it", async () => {
    const a = tenants.a;
    const actor = { role: "EDITOR" as const, userId: a.adminId };
    const faq = [
      { question: "Vos délais ?", answer: "6 à 10 semaines selon le projet." },
      { question: "Livrez-vous à Dakar ?", answer: "Oui, depuis notre atelier de la Médina." },
    ];
    const saved = await updateBrand({ organizationId: a.orgId, brandId: a.brandId, actor, input: { faq: faq.map((f) => ({ question: ` ${f.question} `, answer: f.answer })) } });
    expect(saved.faq).toEqual(faq);
    expect((await t.db.brand.findUniqueOrThrow({ where: { id: a.brandId } })).faq).toEqual(faq);
    const read = await call(brandRoute.GET, "a", { org: a.slug, id: a.brandId });
    expect(read.json.brand?.faq).toEqual(faq);
    // Another field's change leaves it; an empty list clears it.
    expect((await updateBrand({ organizationId: a.orgId, brandId: a.brandId, actor, input: { voice: "Chaleureuse" } })).faq).toEqual(faq);
    expect((await updateBrand({ organizationId: a.orgId, brandId: a.brandId, actor, input: { faq: [] } })).faq).toEqual([]);
  });

  it("generation prompts carry the brand's voice, audience, guidelines and products; competitors are named as not to mention", async () => {
    const a = tenants.a;
    await updateBrand({
      organizationId: a.orgId,
      brandId: a.brandId,
      actor: { role: "EDITOR", userId: a.adminId },
      input: { voice: "Chaleureuse, tutoiement, phrases courtes", targetAudience: "Artisanes de Dakar", contentGuidelines: "Jamais de prix barrés", products: [{ name: "Sac Baobab", description: "Cuir cousu main" }] },
    });
    const piece = await t.db.contentPiece.create({ data: { organizationId: a.orgId, brandId: a.brandId, platform: "LINKEDIN", status: "DRAFT", title: "Le cuir", body: "Nos artisanes cousent chaque sac à la main, à Dakar." } });
    setEnv({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.server.url, ANTHROPIC_MODEL: "claude-sonnet-5-5", AI_MAX_RETRIES: "0" });
    try {
      fake.enqueue({ text: JSON.stringify({ title: "Le cuir", body: "Chaque sac est cousu main à Dakar.", hashtags: ["#Cuir"], call_to_action: "Découvrez" }) });
      await adaptPieceToPlatform({ organizationId: a.orgId, contentPieceId: piece.id, platform: "FACEBOOK" });
    } finally {
      setEnv({ ANTHROPIC_API_KEY: undefined, ANTHROPIC_BASE_URL: undefined });
    }
    const body = fake.requests[0]!.body;
    const system = typeof body.system === "string" ? body.system : body.system!.map((b) => b.text).join("");
    expect(system).toContain("Brand voice: Chaleureuse, tutoiement, phrases courtes");
    expect(system).toContain("Target audience: Artisanes de Dakar");
    expect(system).toContain("Editorial guidelines: Jamais de prix barrés");
    expect(system).toContain("Sac Baobab (Cuir cousu main)");
    expect(system).toContain("Competitors (never name them in the copy): Maroquinerie Rivale SA");
  });

  it("MKT-104: with auto-approve on, the request is approved on creation (channel AUTO)", async () => {
    const b = tenants.b;
    await updateBrand({ organizationId: b.orgId, brandId: b.brandId, input: { autoApprove: true }, actor: { role: "OWNER", userId: b.ownerId } });
    const piece = await t.db.contentPiece.create({ data: { organizationId: b.orgId, brandId: b.brandId, platform: "LINKEDIN", status: "DRAFT", title: "Auto", body: "Un texte approuvé par le réglage de la marque." } });
    const req = await requestApproval({ organizationId: b.orgId, contentPieceId: piece.id });
    expect(req).toMatchObject({ autoApproved: true, status: "APPROVED" });
    const rev = await t.db.contentRevision.findFirstOrThrow({ where: { contentPieceId: piece.id } });
    expect(rev.approvedVia).toBe("AUTO");
  });
});
