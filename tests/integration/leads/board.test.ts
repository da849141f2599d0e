import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/orgs/api-keys";
import { seedOrg } from "@/tests/integration/approvals/support";
import { startAppExecutor, type AppExecutor } from "@/tests/integration/support/app-executor";

/**
 * The pipeline board's PATCH and the CSV export through the real route handlers on PostgreSQL: a stage
 * move stored, another organisation's lead a 404, Converted refused (only a conversion gets there),
 * LOST stops the lead's sequences; the export applies the filters, speaks the reader's language
 * (French: ";" and a BOM), neutralises formulas, and streams past one page (1,200 leads, none lost).
 */
let app: AppExecutor;
let s: Awaited<ReturnType<typeof seedOrg>>;
let other: Awaited<ReturnType<typeof seedOrg>>;
let key: string;
let otherKey: string;
let moveRoute: typeof import("@/app/api/orgs/[org]/leads/[id]/route");
let exportRoute: typeof import("@/app/api/orgs/[org]/leads/export/route");

beforeAll(async () => {
  app = await startAppExecutor({ dataDirPrefix: "me-board-", functions: async () => [] });
  s = await seedOrg(app.t.db);
  other = await seedOrg(app.t.db);
  key = (await createApiKey({ organizationId: s.orgId, name: "crm", scopes: ["read", "write"] })).key;
  otherKey = (await createApiKey({ organizationId: other.orgId, name: "crm", scopes: ["read", "write"] })).key;
  moveRoute = await import("@/app/api/orgs/[org]/leads/[id]/route");
  exportRoute = await import("@/app/api/orgs/[org]/leads/export/route");
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

const lead = (orgId: string, o: Record<string, unknown> = {}) =>
  app.t.db.lead.create({
    data: {
      organizationId: orgId,
      firstName: "Awa",
      lastName: "Diop",
      email: `${randomUUID().slice(0, 8)}@example.sn`,
      emailNormalized: null,
      status: "SCORED",
      ...o,
    },
  });

async function move(slug: string, id: string, body: unknown, apiKey = key) {
  const res = await moveRoute.PATCH(
    new Request(`http://localhost/api/orgs/${slug}/leads/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", "x-api-key": apiKey, "accept-language": "en" },
      body: JSON.stringify(body),
    }),
    {
      params: Promise.resolve({ org: slug, id }),
    },
  );
  return { status: res.status, body: (await res.json()) as { lead?: { status: string }; error?: { field?: string; message: string } } };
}

async function exportCsv(query: string, headers: Record<string, string> = {}) {
  const res = await exportRoute.GET(new Request(`http://localhost/api/orgs/${s.slug}/leads/export?${query}`, { headers: { "x-api-key": key, ...headers } }), {
    params: Promise.resolve({ org: s.slug }),
  });
  return { status: res.status, type: res.headers.get("content-type"), text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()) };
}

describe("PATCH /api/orgs/{org}/leads/{id} (the board's move)", () => {
  it("moves the stage; another organisation's lead is a 404 and stays as it was", async () => {
    const l = await lead(s.orgId);
    expect(await move(s.slug, l.id, { status: "OPPORTUNITY" })).toMatchObject({ status: 200, body: { lead: { status: "OPPORTUNITY" } } });
    expect((await app.t.db.lead.findUniqueOrThrow({ where: { id: l.id } })).status).toBe("OPPORTUNITY");
    expect((await move(other.slug, l.id, { status: "LOST" }, otherKey)).status).toBe(404);
    expect((await app.t.db.lead.findUniqueOrThrow({ where: { id: l.id } })).status).toBe("OPPORTUNITY");
    const bad = await move(s.slug, l.id, { status: "WON" });
    expect([bad.status, bad.body.error?.field]).toEqual([422, "status"]);
  });

  it("Converted only through a conversion (409); a converted lead with sales does not leave by a move", async () => {
    const l = await lead(s.orgId);
    const refused = await move(s.slug, l.id, { status: "CONVERTED" });
    expect([refused.status, refused.body.error?.field]).toEqual([409, "status"]);
    expect((await app.t.db.lead.findUniqueOrThrow({ where: { id: l.id } })).status).toBe("SCORED");
    const won = await lead(s.orgId, { status: "CONVERTED" });
    await app.t.db.conversion.create({ data: { organizationId: s.orgId, leadId: won.id, valueMinor: 100, externalId: `x-${won.id}`, occurredAt: new Date() } });
    expect((await move(s.slug, won.id, { status: "NURTURING" })).status).toBe(409);
  });

  it("LOST stops the lead's sequences", async () => {
    const l = await lead(s.orgId, { status: "NURTURING" });
    const seq = await app.t.db.nurtureSequence.create({ data: { organizationId: s.orgId, name: "Relance", status: "ACTIVE" } });
    const e = await app.t.db.sequenceEnrollment.create({ data: { organizationId: s.orgId, leadId: l.id, sequenceId: seq.id, status: "ACTIVE" } });
    expect((await move(s.slug, l.id, { status: "LOST" })).status).toBe(200);
    expect(await app.t.db.sequenceEnrollment.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({ status: "CANCELLED", cancelReason: "lost" });
  });
});

describe("GET /api/orgs/{org}/leads/export", () => {
  it("French headers with ';' and a BOM, English with ','; filters applied; formulas neutralised; 1,200 leads streamed, none lost or repeated", async () => {
    await app.t.db.lead.createMany({
      data: Array.from({ length: 1200 }, (_, i) => ({
        organizationId: s.orgId,
        firstName: `Bulk${i}`,
        lastName: "Lot",
        email: `bulk${i}@example.sn`,
        tier: i % 3 === 0 ? ("HOT" as const) : ("COLD" as const),
        status: "SCORED" as const,
        createdAt: new Date(Date.UTC(2026, 10, 1, 0, 0, i % 7)),
      })),
    });
    await lead(s.orgId, { firstName: '=HYPERLINK("http://evil")', tier: "HOT", company: "Teranga" });
    await lead(other.orgId, { firstName: "Autre", tier: "HOT" });
    const fr = await exportCsv("lang=fr");
    expect(fr.status).toBe(200);
    expect(fr.type).toContain("text/csv");
    expect(fr.text.startsWith("\uFEFFPrénom;Nom;E-mail;")).toBe(true);
    const frRows = Papa.parse<string[]>(fr.text.slice(1), { delimiter: ";", skipEmptyLines: true }).data;
    const total = await app.t.db.lead.count({ where: { organizationId: s.orgId } });
    expect(frRows.length - 1).toBe(total);
    const ids = frRows.slice(1).map((r) => r[r.length - 1]);
    expect(new Set(ids).size).toBe(total);
    expect(frRows.some((r) => r[0] === "Autre")).toBe(false);
    expect(frRows.find((r) => r[0]!.includes("HYPERLINK"))![0]!.startsWith("'")).toBe(true);
    expect(frRows.find((r) => r[0] === "Bulk0")![6]).toBe("Qualifié");

    const en = await exportCsv("tier=HOT&q=teranga", { "accept-language": "en" });
    const enRows = Papa.parse<string[]>(en.text, { delimiter: ",", skipEmptyLines: true }).data;
    expect(enRows[0]!.slice(0, 3)).toEqual(["First name", "Last name", "Email"]);
    expect(enRows).toHaveLength(2);
    expect(enRows[1]![7]).toBe("Hot");
    const hot = Papa.parse<string[]>((await exportCsv("tier=HOT&lang=en")).text, { delimiter: ",", skipEmptyLines: true }).data;
    expect(hot.length - 1).toBe(await app.t.db.lead.count({ where: { organizationId: s.orgId, tier: "HOT" } }));
  });
});
