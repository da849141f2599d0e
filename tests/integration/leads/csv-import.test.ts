import { randomUUID } from "node:crypto";
import { serve } from "inngest/next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/orgs/api-keys";
import { Executor } from "@/lib/runtime/executor";
import { resetClock } from "@/lib/runtime/clock";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { FAST, quietLogger, until, type AppServer } from "@/tests/integration/runtime/harness";
import { startEventServer, stopEventServer } from "@/tests/integration/approvals/support";

/**
 * CSV import through the real route handlers and the embedded executor: preview (encoding,
 * separator, first rows, suggested mapping, nothing stored), import with the mapping chosen (valid
 * rows stored raw first, then processed into leads with local numbers read in the organisation's
 * country; bad rows reported by line and field and not stored), the same file again stores nothing.
 */
let t: TestDatabase;
let server: AppServer;
let executor: Executor;
let orgId: string;
let slug: string;
let key: string;
let previewRoute: typeof import("@/app/api/orgs/[org]/leads/imports/preview/route");
let importRoute: typeof import("@/app/api/orgs/[org]/leads/imports/route");

beforeAll(async () => {
  resetClock();
  t = await createTestDatabase();
  server = await startEventServer();
  const { inngest } = await import("@/inngest/client");
  const { functions } = await import("@/inngest/index");
  server.setHandlers(serve({ client: inngest, functions: functions.filter((f) => f.id() === "mkt-301-process-lead") }) as never);
  executor = new Executor({ databaseUrl: t.url, serveUrl: server.serveUrl, awaitSync: true, logger: quietLogger, ...FAST });
  await executor.start();
  previewRoute = await import("@/app/api/orgs/[org]/leads/imports/preview/route");
  importRoute = await import("@/app/api/orgs/[org]/leads/imports/route");
  const org = await t.db.organization.create({ data: { name: "Atelier Sahel", slug: `csv-${randomUUID().slice(0, 6)}` } });
  orgId = org.id;
  slug = org.slug;
  await t.db.leadSettings.create({ data: { organizationId: orgId, defaultCountry: "SN" } });
  key = (await createApiKey({ organizationId: orgId, name: "ops", scopes: ["write"] })).key;
}, 120_000);

afterAll(async () => {
  await executor?.stop(2_000);
  await stopEventServer(server);
  await t?.cleanup();
});

// Windows-1252 (Excel in France), semicolons, a column to ignore, three bad rows.
const CSV = [
  "Prénom;Nom;Courriel;Téléphone;Société;Interne;Ville;Pays",
  "Aïssatou;Ndiaye;aissatou@example.sn;77 123 45 67;Teranga;x1;Dakar;",
  "Moussa;Sow;pas-un-email;;Baobab;x2;Thiès;SN",
  "Koffi;Yao;;07 07 12 34 56;Abidjan Digital;x3;Abidjan;CI",
  "Sans;Contact;;;Nulle part;x4;;",
  "Fatou;Ba;fatou@example.sn;12;Keur;x5;Saint-Louis;SN",
].join("\r\n");
const file = () => new File([Uint8Array.from([...CSV].map((c) => c.charCodeAt(0)))], "salon-dakar.csv", { type: "text/csv" });

function multipart(url: string, fields: Record<string, string | File>, apiKey = key): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return new Request(url, { method: "POST", headers: { "x-api-key": apiKey }, body: form });
}

const params = (org = slug) => ({ params: Promise.resolve({ org }) });

describe("CSV import", () => {
  it("previews the file without storing anything: encoding, separator, first rows, a suggested mapping", async () => {
    const res = await previewRoute.POST(multipart(`http://app.test/api/orgs/${slug}/leads/imports/preview`, { file: file() }), params());
    expect(res.status, await res.clone().text()).toBe(200);
    const p = (await res.json()) as { encoding: string; delimiter: string; headers: string[]; sample: string[][]; rowCount: number; mapping: Record<string, string>; errors: unknown[] };
    expect(p).toMatchObject({ encoding: "windows-1252", delimiter: ";", rowCount: 5, headers: ["Prénom", "Nom", "Courriel", "Téléphone", "Société", "Interne", "Ville", "Pays"] });
    expect(p.sample[0]![0]).toBe("Aïssatou");
    expect(p.mapping).toEqual({ Prénom: "firstName", Nom: "lastName", Courriel: "email", Téléphone: "phone", Société: "company", Interne: "keep", Ville: "keep", Pays: "country" });
    expect(await t.db.leadSubmission.count({ where: { organizationId: orgId } })).toBe(0);
  });

  it("imports valid rows raw first, then as leads; bad rows are reported by line and field and not stored; the same file again stores nothing", async () => {
    const mapping = JSON.stringify({ Prénom: "firstName", Nom: "lastName", Courriel: "email", Téléphone: "phone", Société: "company", Interne: "ignore", Ville: "keep", Pays: "country" });
    const res = await importRoute.POST(multipart(`http://app.test/api/orgs/${slug}/leads/imports`, { file: file(), mapping }), params());
    expect(res.status, await res.clone().text()).toBe(200);
    const r = (await res.json()) as { rowCount: number; imported: number; duplicates: number; errors: { row: number; field: string; reason: string; value: string }[] };
    expect(r).toMatchObject({ rowCount: 5, imported: 2, duplicates: 0 });
    expect(r.errors).toEqual([
      { row: 3, field: "email", reason: "invalidEmail", value: "pas-un-email" },
      { row: 5, field: "email", reason: "missingContact", value: "" },
      { row: 6, field: "phone", reason: "invalidPhone", value: "12" },
    ]);
    const subs = await t.db.leadSubmission.findMany({ where: { organizationId: orgId }, orderBy: { dedupeKey: "asc" } });
    expect(subs.map((s) => (s.payload as { line: number }).line).sort()).toEqual([2, 4]);
    expect(subs[0]).toMatchObject({ sourceType: "CSV", sourceDetail: "salon-dakar.csv" });
    expect((subs.find((s) => (s.payload as { line: number }).line === 2)!.payload as { row: Record<string, string> }).row).toMatchObject({ Prénom: "Aïssatou", Interne: "x1" });
    const leads = await until("two leads", async () => {
      const rows = await t.db.lead.findMany({ where: { organizationId: orgId }, orderBy: { firstName: "asc" } });
      return rows.length === 2 ? rows : undefined;
    });
    expect(leads.map((l) => [l.firstName, l.lastName, l.emailNormalized, l.phoneE164, l.company, l.sourceType])).toEqual([
      ["Aïssatou", "Ndiaye", "aissatou@example.sn", "+221771234567", "Teranga", "CSV"],
      ["Koffi", "Yao", null, "+2250707123456", "Abidjan Digital", "CSV"],
    ]);
    expect(leads[0]!.customFields).toEqual({ Ville: "Dakar" });

    const again = await importRoute.POST(multipart(`http://app.test/api/orgs/${slug}/leads/imports`, { file: file(), mapping }), params());
    expect(await again.json()).toMatchObject({ imported: 0, duplicates: 2 });
    expect(await t.db.leadSubmission.count({ where: { organizationId: orgId } })).toBe(2);
  });

  it("refuses a bad mapping or no file naming the field, needs write access, and another organisation's slug is a 404", async () => {
    const bad = await importRoute.POST(multipart(`http://app.test/x`, { file: file(), mapping: JSON.stringify({ Courriel: "salary" }) }), params());
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("mapping");
    const none = await previewRoute.POST(multipart(`http://app.test/x`, { other: "x" }), params());
    expect(none.status).toBe(422);
    expect(JSON.stringify(await none.json())).toContain("file");
    const ingestOnly = (await createApiKey({ organizationId: orgId, name: "site" })).key;
    expect((await previewRoute.POST(multipart(`http://app.test/x`, { file: file() }, ingestOnly), params())).status).toBe(403);
    const other = await t.db.organization.create({ data: { name: "Other", slug: `o-${randomUUID().slice(0, 6)}` } });
    expect((await previewRoute.POST(multipart(`http://app.test/x`, { file: file() }), params(other.slug))).status).toBe(404);
  });
});
