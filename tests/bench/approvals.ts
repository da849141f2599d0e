/**
 * `npm run bench:approvals` (after `next build`): the approval queue at volume (issue 9). A fresh
 * database (on DATABASE_URL's server when set, else the embedded PGlite), demo data seeded, the
 * production app started; then, beside a baseline measured in the same run:
 *  - API p95 (sequential requests) of the first page, a middle page (keyset `after`), the last page
 *    and `?focus=` of the 1,000th item, with 1,000 pending approvals (with their network revisions);
 *    baseline: the same first page while the queue holds only the demo's own requests;
 *  - the keyset SQL of the middle and last pages against the OFFSET query they replace, and EXPLAIN
 *    of the keyset read (the plan must use approval_requests_queue_idx);
 *  - page interactive in Chromium (the time until the keyboard shortcut `j`, or `k` on the page's last
 *    card, moves the active card),
 *    first page and `?focus=` of the 1,000th item; baseline: the page before the 1,000 were added.
 * Targets: API p95 < 300 ms, interactive < 2 s; exits 1 when one is missed.
 * Knobs: BENCH_APPROVALS_RUNS (30 API requests per case), BENCH_APPROVALS_PAGE_RUNS (5),
 * BENCH_APPROVALS_PORT (3291), CHROMIUM_PATH (/usr/bin/chromium).
 */
import { chromium, type Browser } from "@playwright/test";
import pg from "pg";
import { createTestDatabase } from "../helpers/db";
import { seedPendingApprovals } from "../helpers/approval-volume";
import { signInDemo, startDemoApp } from "./demo-app";

const RUNS = Number(process.env.BENCH_APPROVALS_RUNS ?? 30);
const PAGE_RUNS = Number(process.env.BENCH_APPROVALS_PAGE_RUNS ?? 5);
const PORT = Number(process.env.BENCH_APPROVALS_PORT ?? 3291);
const COUNT = 1000;
const PAGE = 20;
const API_TARGET_MS = 300;
const INTERACTIVE_TARGET_MS = 2000;
const database = await createTestDatabase();
const embedded = !process.env.DATABASE_URL;
const app = await startDemoApp({ databaseUrl: database.url, embedded, port: PORT, label: "approvals" }).catch(async (e: unknown) => {
  await database.cleanup();
  throw e;
});
const origin = app.origin;
let browser: Browser | undefined;
const sql = new pg.Client({ connectionString: database.url });
const stop = async () => {
  await browser?.close();
  await sql.end().catch(() => undefined);
  await app.stop();
  await database.cleanup();
};

type Page = { approvals: { id: string }[]; page: { start: number; total: number; nextCursor: string | null } };
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  await sql.connect();
  const cookie = await signInDemo(origin);
  const api = async (query: string): Promise<{ ms: number; body: Page }> => {
    const t0 = performance.now();
    const res = await fetch(`${origin}/api/orgs/demo/approvals?limit=${PAGE}${query}`, { headers: { cookie } });
    const body = (await res.json()) as Page;
    if (!res.ok) throw new Error(`GET approvals${query}: ${res.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t0, body };
  };
  const timeApi = async (query: string) => {
    for (let i = 0; i < 3; i++) await api(query); // warm-up (route compiled, pools filled)
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) xs.push((await api(query)).ms);
    return p95(xs);
  };
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  const session = cookie.split("=");
  const interactive = async (query: string) => {
    const xs: number[] = [];
    for (let i = 0; i < PAGE_RUNS + 1; i++) {
      const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies([{ name: session[0]!, value: session.slice(1).join("="), url: origin }, { name: "me_locale", value: "fr", url: origin }]);
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${origin}/demo/approvals${query}`, { waitUntil: "commit" });
      // Interactive = the queue's keyboard handler answers: `j` moves the active card.
      const items = page.locator("[data-testid=approval-item]");
      await items.first().waitFor();
      for (let k = 0; ; k++) {
        const before = await items.evaluateAll((els) => els.findIndex((e) => e.getAttribute("aria-current") === "true"));
        // On the page's last card (where ?focus= of the 1,000th item lands) `j` has nowhere to go: `k` moves back.
        await page.keyboard.press(before === (await items.count()) - 1 && before > 0 ? "k" : "j");
        const after = await items.evaluateAll((els) => els.findIndex((e) => e.getAttribute("aria-current") === "true"));
        if (after !== before || k > 400) break;
        await page.waitForTimeout(10);
      }
      if (i > 0) xs.push(performance.now() - t0); // the first load warms the route up
      await context.close();
    }
    return median(xs);
  };

  // Baseline: the demo's own queue (a couple of requests).
  const baseApi = await timeApi("");
  const baseInteractive = await interactive("");

  // 1,000 pending approvals with their network revisions, in the demo organisation.
  const org = await sql.query<{ id: string; brandId: string }>(`SELECT o.id, b.id AS "brandId" FROM organizations o JOIN brands b ON b."organizationId" = o.id WHERE o.slug = 'demo' LIMIT 1`);
  await seedPendingApprovals(database.db, { organizationId: org.rows[0]!.id, brandId: org.rows[0]!.brandId, count: COUNT });
  await sql.query("ANALYZE approval_requests; ANALYZE content_revisions; ANALYZE content_pieces");

  // Walk the pending queue once for the cursors: the middle page and the 1,000th item.
  const ids: string[] = [];
  const cursors: (string | null)[] = [null];
  for (let r = await api(""); ; r = await api(`&after=${r.body.page.nextCursor}`)) {
    ids.push(...r.body.approvals.map((a) => a.id));
    if (!r.body.page.nextCursor) break;
    cursors.push(r.body.page.nextCursor);
  }
  const total = ids.length;
  const middleCursor = cursors[Math.floor(cursors.length / 2)]!;
  const thousandth = ids[COUNT - 1]!;
  const cases = [
    { name: "first page", query: "" },
    { name: `middle page (after #${Math.floor(cursors.length / 2) * PAGE})`, query: `&after=${middleCursor}` },
    { name: "last page", query: "&last=true" },
    { name: "?focus= the 1,000th item", query: `&focus=${thousandth}` },
  ];
  const apiResults: { name: string; ms: number }[] = [];
  for (const c of cases) apiResults.push({ name: c.name, ms: await timeApi(c.query) });

  // The keyset SQL of the middle and last pages against the OFFSET query it replaces, and its plan.
  const orgId = org.rows[0]!.id;
  const cursorRow = (await sql.query<{ priority: string; createdAt: Date; id: string }>(`SELECT priority::text, "createdAt", id FROM approval_requests WHERE id = $1`, [middleCursor])).rows[0]!;
  const lower = ["LOW", "NORMAL", "HIGH", "URGENT"].slice(0, ["LOW", "NORMAL", "HIGH", "URGENT"].indexOf(cursorRow.priority));
  const keysetSql = `SELECT id FROM approval_requests WHERE "organizationId" = $1 AND status = 'PENDING'
      AND (priority = ANY($2::"ApprovalPriority"[]) OR (priority = $3::"ApprovalPriority" AND "createdAt" > $4) OR (priority = $3::"ApprovalPriority" AND "createdAt" = $4 AND id > $5))
      ORDER BY priority DESC, "createdAt" ASC, id ASC LIMIT ${PAGE}`;
  const keysetArgs = [orgId, lower, cursorRow.priority, cursorRow.createdAt, cursorRow.id];
  const offsetSql = (offset: number) => `SELECT id FROM approval_requests WHERE "organizationId" = $1 AND status = 'PENDING' ORDER BY priority DESC, "createdAt" ASC, id ASC OFFSET ${offset} LIMIT ${PAGE}`;
  const lastSql = `SELECT id FROM approval_requests WHERE "organizationId" = $1 AND status = 'PENDING' ORDER BY priority ASC, "createdAt" DESC, id DESC LIMIT ${total % PAGE || PAGE}`;
  const timeSql = async (text: string, args: unknown[]) => {
    const xs: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const t0 = performance.now();
      await sql.query(text, args);
      if (i >= 3) xs.push(performance.now() - t0);
    }
    return p95(xs);
  };
  const middleOffset = Math.floor(cursors.length / 2) * PAGE;
  const lastOffset = total - (total % PAGE || PAGE);
  const sqlRows = [
    { name: "middle page", keyset: await timeSql(keysetSql, keysetArgs), offset: await timeSql(offsetSql(middleOffset), [orgId]) },
    { name: "last page", keyset: await timeSql(lastSql, [orgId]), offset: await timeSql(offsetSql(lastOffset), [orgId]) },
  ];
  const plan = (await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN ${keysetSql}`, keysetArgs)).rows.map((r) => r["QUERY PLAN"]);
  const lastPlan = (await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN ${lastSql}`, [orgId])).rows.map((r) => r["QUERY PLAN"]);

  const focusInteractive = await interactive(`?focus=${thousandth}`);
  const firstInteractive = await interactive("");

  const mark = (ms: number, target: number) => (ms < target ? "ok" : "MISSED");
  console.log(`\nApproval queue at volume: ${total} pending (${COUNT} seeded with their revisions), pages of ${PAGE}, production build, ${embedded ? "embedded PGlite" : "PostgreSQL"}`);
  console.log(`  API p95 over ${RUNS} sequential requests (target < ${API_TARGET_MS} ms); baseline, same run, the demo queue before seeding: first page ${baseApi.toFixed(0)} ms`);
  for (const r of apiResults) console.log(`    ${r.name.padEnd(36)} ${r.ms.toFixed(0).padStart(5)} ms  ${mark(r.ms, API_TARGET_MS)}`);
  console.log(`  SQL p95 of the page read, keyset vs the OFFSET query it replaces:`);
  for (const r of sqlRows) console.log(`    ${r.name.padEnd(36)} keyset ${r.keyset.toFixed(2)} ms, offset ${r.offset.toFixed(2)} ms`);
  console.log(`  EXPLAIN keyset (middle page): ${plan.join(" | ")}`);
  console.log(`  EXPLAIN last page:            ${lastPlan.join(" | ")}`);
  console.log(`  Page interactive in Chromium, median of ${PAGE_RUNS} (target < ${INTERACTIVE_TARGET_MS} ms); baseline before seeding: ${baseInteractive.toFixed(0)} ms`);
  console.log(`    first page                           ${firstInteractive.toFixed(0).padStart(5)} ms  ${mark(firstInteractive, INTERACTIVE_TARGET_MS)}`);
  console.log(`    ?focus= the 1,000th item             ${focusInteractive.toFixed(0).padStart(5)} ms  ${mark(focusInteractive, INTERACTIVE_TARGET_MS)}`);
  const usesIndex = [plan, lastPlan].every((lines) => lines.join(" ").includes("approval_requests_queue_idx"));
  console.log(`  index approval_requests_queue_idx used: ${usesIndex ? "yes" : "NO"}`);
  const missed = apiResults.some((r) => r.ms >= API_TARGET_MS) || firstInteractive >= INTERACTIVE_TARGET_MS || focusInteractive >= INTERACTIVE_TARGET_MS || !usesIndex;
  process.exitCode = missed ? 1 : 0;
} finally {
  await stop();
}

