import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import pg from "pg";
import { newTenant, signedInContext } from "./support/api";
import { e2eDb } from "./support/slot";

/**
 * Issue 14: the War Room follows the live stream. Two pages of the demo organisation: rejecting an
 * approval in one changes the "À valider" count of the other's War Room, without a reload; a member
 * of another organisation receives none of it (and its stream of the demo organisation is a 404).
 */
test.use({ viewport: { width: 1280, height: 800 } });

function dbUrl(): string {
  return e2eDb().url;
}

async function withDb<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: dbUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** One pending content approval of our own in the demo organisation (the demo's own requests may be decided by other specs). */
async function seedApproval(): Promise<{ id: string; title: string }> {
  const tag = `live_${Date.now().toString(36)}`;
  const title = `Direct ${tag}`;
  await withDb(async (c) => {
    const { rows } = await c.query<{ org: string; brand: string }>(`SELECT o.id AS org, b.id AS brand FROM organizations o JOIN brands b ON b."organizationId" = o.id WHERE o.slug = 'demo' ORDER BY b."createdAt" LIMIT 1`);
    const { org, brand } = rows[0]!;
    await c.query(`INSERT INTO content_pieces (id, "organizationId", "brandId", platform, status, title, body, "createdAt", "updatedAt") VALUES ($1, $2, $3, 'LINKEDIN', 'REVIEW', $4, 'Texte en direct', now(), now())`, [`p_${tag}`, org, brand, title]);
    await c.query(
      `INSERT INTO approval_requests (id, "organizationId", "brandId", "entityType", "contentPieceId", status, priority, title, "idempotencyKey", "requestedBy", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, 'CONTENT_PIECE', $4, 'PENDING', 'URGENT', $5, $6, 'e2e', now(), now())`,
      [`r_${tag}`, org, brand, `p_${tag}`, title, `content:p_${tag}:r1`],
    );
    await c.query(
      `INSERT INTO content_revisions (id, "organizationId", "contentPieceId", "sourcePieceId", platform, number, text, "scheduledAt", "approvalRequestId")
       VALUES ($1, $2, $3, $3, 'LINKEDIN', 1, 'Texte en direct', now() + interval '2 days', $4)`,
      [`v_${tag}`, org, `p_${tag}`, `r_${tag}`],
    );
  });
  return { id: `r_${tag}`, title };
}

const pendingCount = () => withDb(async (c) => Number((await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM approval_requests a JOIN organizations o ON o.id = a."organizationId" WHERE o.slug = 'demo' AND a.status = 'PENDING'`)).rows[0]!.n));

/** A browser context signed in through the API (faster than the sign-in page on a loaded machine). */
async function signedIn(browser: Browser, baseURL: string, creds: { email: string; password: string }): Promise<BrowserContext> {
  const api = await signedInContext(baseURL, creds);
  const context = await browser.newContext({ locale: "fr-FR", storageState: await api.storageState() });
  await api.dispose();
  return context;
}

test("an approval decided in one page changes the War Room of another page without reload; another organisation receives nothing", async ({ browser, baseURL }) => {
  // Usually ~40 s; this loaded 2-core machine sometimes needs more for the pages' first renders.
  test.setTimeout(90_000);
  const approval = await seedApproval();

  // A member of another organisation, listening to its own stream.
  const other = await newTenant(baseURL!, "live-other");
  const otherPage = await (await signedIn(browser, baseURL!, other)).newPage();
  await otherPage.goto("/api/health"); // a light page of the app's origin: the collector below needs its cookies, not its UI
  expect((await otherPage.request.get("/api/orgs/demo/stream")).status()).toBe(404);
  await otherPage.evaluate((slug) => {
    const w = window as unknown as { __live: { type: string; data: string }[]; __liveOpen: boolean };
    w.__live = [];
    const source = new EventSource(`/api/orgs/${slug}/stream`);
    for (const type of ["approval.decided", "approval.requested", "content.generated", "lead.received", "kpi.snapshot"]) {
      source.addEventListener(type, (e) => w.__live.push({ type, data: (e as MessageEvent<string>).data }));
    }
  }, other.slug);
  // Subscribed once its first KPI snapshot arrived.
  await expect.poll(() => otherPage.evaluate(() => (window as unknown as { __live: { type: string }[] }).__live.some((e) => e.type === "kpi.snapshot"))).toBe(true);

  // Two pages of the demo organisation. Page A: the War Room, marked so that a reload would show.
  const demo = await signedIn(browser, baseURL!, { email: "demo@marketingengine.app", password: "demo-password" });
  const warRoom = await demo.newPage();
  await warRoom.goto("/demo/war-room");
  const count = warRoom.getByTestId("kpi-approvals");
  const before = await pendingCount();
  await expect(count).toContainText(String(before));
  await warRoom.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  // Every change of the counter in this document, counted (a reload would reset it to undefined).
  await count.evaluate((el) => {
    const w = window as unknown as { __kpiChanges: number };
    w.__kpiChanges = 0;
    new MutationObserver(() => w.__kpiChanges++).observe(el, { subtree: true, childList: true, characterData: true });
  });

  // Page B: the approval queue, on our request; reject it.
  const queue = await demo.newPage();
  await queue.goto(`/demo/approvals?focus=${approval.id}`);
  const card = queue.locator(`#approval-${approval.id}`);
  await card.getByRole("button", { name: "Rejeter" }).click();
  await queue.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
  await expect.poll(() => withDb(async (c) => (await c.query<{ status: string }>(`SELECT status::text FROM approval_requests WHERE id = $1`, [approval.id])).rows[0]!.status)).toBe("REJECTED");

  // Page A follows, in the same document: its counter changed and shows the database's count. (The
  // demo organisation's own workflows may add an approval meanwhile, so "before - 1" is not a constant.)
  await expect
    .poll(async () => {
      const shown = Number(((await count.locator("p").nth(1).textContent()) ?? "").trim());
      const changes = await warRoom.evaluate(() => (window as unknown as { __kpiChanges?: number }).__kpiChanges ?? -1);
      return changes > 0 && shown === (await pendingCount());
    })
    .toBe(true);
  expect(await warRoom.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // The other organisation: an event of its own arrives (so its stream is live and past the demo's
  // decision), and nothing of the demo organisation came before it.
  const orgId = await withDb(async (c) => (await c.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = $1`, [other.slug])).rows[0]!.id);
  await withDb((c) => c.query(`WITH r AS (INSERT INTO live_events ("organizationId", type, payload) VALUES ($1, 'lead.received', '{"probe":true}') RETURNING id) SELECT pg_notify('me_live', r.id::text) FROM r`, [orgId]));
  await expect.poll(() => otherPage.evaluate(() => (window as unknown as { __live: { type: string }[] }).__live.some((e) => e.type === "lead.received"))).toBe(true);
  const received = await otherPage.evaluate(() => (window as unknown as { __live: { type: string; data: string }[] }).__live.filter((e) => e.type !== "kpi.snapshot"));
  expect(received).toHaveLength(1);
  expect(JSON.parse(received[0]!.data)).toMatchObject({ type: "lead.received", payload: { probe: true } });
});

test("a lead sent by a website form and a post published now appear on the War Room without reload", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const demo = await signedIn(browser, baseURL!, { email: "demo@marketingengine.app", password: "demo-password" });
  const warRoom = await demo.newPage();
  await warRoom.goto("/demo/war-room");
  await expect(warRoom.getByTestId("page-war-room")).toBeVisible();
  await warRoom.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  // A website form posts a lead with the organisation's ingest key (MKT-301); once processed it is on the War Room.
  const api = await signedInContext(baseURL!, { email: "demo@marketingengine.app", password: "demo-password" });
  const made = await api.post("/api/orgs/demo/api-keys", { data: { name: `site ${tag}`, scopes: ["ingest"] } });
  expect(made.status()).toBe(201);
  const { key } = (await made.json()) as { key: string };
  const name = `Awa Diop ${tag}`;
  expect((await api.post("/api/webhooks/leads", { data: { name, email: `awa.${tag}@example.test`, telephone: "77 123 45 67", entreprise: "Diop Conseil" }, headers: { "x-api-key": key } })).status()).toBe(202);
  await expect(warRoom.getByTestId("war-room-leads")).toContainText(name, { timeout: 60_000 });

  // The owner's own post, published now on the sandbox LinkedIn account: the War Room lists it as published.
  const account = await withDb(async (c) => (await c.query<{ id: string }>(`SELECT a.id FROM social_accounts a JOIN organizations o ON o.id = a."organizationId" WHERE o.slug = 'demo' AND a.platform = 'LINKEDIN' AND a.status = 'ACTIVE' ORDER BY a."createdAt" LIMIT 1`)).rows[0]!.id);
  const text = `Publication en direct ${tag} : nos conseils de la semaine.`;
  const posted = await api.post("/api/orgs/demo/publications", { data: { text, accountIds: [account], publishNow: true } });
  expect(posted.status(), await posted.text()).toBeLessThan(300);
  const row = warRoom.locator("li").filter({ hasText: `Publication en direct ${tag}` });
  await expect(row.getByText("Publiée")).toBeVisible({ timeout: 60_000 });
  expect(await warRoom.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await api.dispose();
});
