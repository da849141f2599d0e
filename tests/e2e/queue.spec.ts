import { expect, test } from "@playwright/test";
import pg from "pg";
import { signInDemo } from "./support/pages";
import { e2eDb } from "./support/slot";

/**
 * Issue 9: the approval queue at volume (pages with totals, ?focus= of an item on a later page, a
 * selection kept across pages for a bulk decision, the link to the content) and "Retry" on a failed
 * publication, in Chromium on the demo organisation.
 */
test.use({ viewport: { width: 1440, height: 900 } });

const COUNT = 65;

/** 65 pending content approvals (each with LinkedIn and X revisions) in the demo organisation, straight in its database. */
async function seedPending(): Promise<{ ids: string[]; pieceIds: string[] }> {
  const { url } = e2eDb();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tag = Date.now().toString(36);
    const { rows } = await c.query<{ org: string; brand: string }>(`SELECT o.id AS org, b.id AS brand FROM organizations o JOIN brands b ON b."organizationId" = o.id WHERE o.slug = 'demo' ORDER BY b."createdAt" LIMIT 1`);
    const { org, brand } = rows[0]!;
    await c.query(
      `INSERT INTO content_pieces (id, "organizationId", "brandId", platform, status, title, body, "createdAt", "updatedAt")
       SELECT 'e2ep_' || $3 || '_' || n, $1, $2, 'LINKEDIN', 'REVIEW', 'Volume ' || n, 'Texte de la demande ' || n, now() - ((${COUNT} - n) || ' seconds')::interval, now()
       FROM generate_series(1, ${COUNT}) n`,
      [org, brand, tag],
    );
    await c.query(
      `INSERT INTO approval_requests (id, "organizationId", "brandId", "entityType", "contentPieceId", status, priority, title, "idempotencyKey", "requestedBy", "createdAt", "updatedAt")
       SELECT 'e2er_' || $3 || '_' || n, $1, $2, 'CONTENT_PIECE', 'e2ep_' || $3 || '_' || n, 'PENDING', 'LOW', 'Volume ' || n, 'content:e2ep_' || $3 || '_' || n || ':r1', 'mkt-104-request-approval',
              now() - ((${COUNT} - n) || ' seconds')::interval, now()
       FROM generate_series(1, ${COUNT}) n`,
      [org, brand, tag],
    );
    await c.query(
      `INSERT INTO content_revisions (id, "organizationId", "contentPieceId", "sourcePieceId", platform, number, text, "scheduledAt", "approvalRequestId")
       SELECT 'e2ev_' || $2 || '_' || n || '_' || p, $1, 'e2ep_' || $2 || '_' || n, 'e2ep_' || $2 || '_' || n, p::"Platform", 1, 'Volume ' || n || ' sur ' || p, now() + interval '2 days', 'e2er_' || $2 || '_' || n
       FROM generate_series(1, ${COUNT}) n, unnest(ARRAY['LINKEDIN', 'X']) p`,
      [org, tag],
    );
    return { ids: Array.from({ length: COUNT }, (_, i) => `e2er_${tag}_${i + 1}`), pieceIds: Array.from({ length: COUNT }, (_, i) => `e2ep_${tag}_${i + 1}`) };
  } finally {
    await c.end();
  }
}

/**
 * The demo organisation keeps working while the suite runs (its workflows may ask for new approvals),
 * so a page's range is checked by its shape and position, not by an exact total.
 */
async function expectRangeFrom(range: import("@playwright/test").Locator, first: number) {
  await expect
    .poll(async () => {
      const m = /^(\d+)–(\d+) sur (\d+)$/.exec(((await range.textContent()) ?? "").trim());
      return m ? Number(m[1]) : -1;
    })
    .toBeGreaterThanOrEqual(first);
  await expect(range).toHaveText(/^\d+–\d+ sur \d+$/);
}

test("approval queue at volume: pages with totals, ?focus= on a later page, selection across pages, link to the content", async ({ page }) => {
  const seeded = await seedPending();
  await signInDemo(page);
  await page.goto("/demo/approvals");
  const range = page.getByTestId("approval-range");
  const pending = (await (await page.request.get("/api/orgs/demo/approvals?limit=1")).json()) as { totals: { PENDING: number } };
  expect(pending.totals.PENDING).toBeGreaterThanOrEqual(COUNT);
  await expect(range).toHaveText(/^1–20 sur \d+$/);
  await expect(page.getByTestId("approval-tab-PENDING")).toContainText(/\(\d+\)/);
  await expect(page.getByTestId("approval-item")).toHaveCount(20);
  // Each card opens its content.
  await expect(page.getByTestId("approval-open-content").first()).toHaveAttribute("href", /\/demo\/content\//);

  // Select one card on page 2 and one on page 3: the selection survives paging.
  await page.getByTestId("approval-next").click();
  await expectRangeFrom(range, 21);
  const second = page.getByTestId("approval-item").first();
  const secondTitle = (await second.locator("p.font-medium").first().textContent())!;
  await second.getByRole("checkbox").check();
  await page.getByTestId("approval-next").click();
  await expectRangeFrom(range, 41);
  const third = page.getByTestId("approval-item").first();
  const thirdTitle = (await third.locator("p.font-medium").first().textContent())!;
  await third.getByRole("checkbox").check();
  await expect(page.getByTestId("approval-selected")).toHaveText("2 sélectionnés");
  await page.getByTestId("approval-prev").click();
  await expectRangeFrom(range, 21);
  await expect(page.getByTestId("approval-item").first().getByRole("checkbox")).toBeChecked();

  // Bulk reject the two (a confirmation first).
  await page.getByRole("button", { name: "Rejeter la sélection" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 décisions enregistrées" })).toBeVisible();
  const rejected = (await (await page.request.get("/api/orgs/demo/approvals?status=REJECTED&limit=100")).json()) as { approvals: { title: string }[] };
  expect(rejected.approvals.map((a) => a.title)).toEqual(expect.arrayContaining([secondTitle.trim(), thirdTitle.trim()]));

  // ?focus= of the newest seeded request (the last of the queue): its page opens with it active.
  const last = seeded.ids.at(-1)!;
  await page.goto(`/demo/approvals?focus=${last}`);
  await expectRangeFrom(range, pending.totals.PENDING - 2 - 19);
  await expect(page.locator(`#approval-${last}`)).toHaveAttribute("aria-current", "true");
  await expect(page.locator(`#approval-${last}`)).toBeInViewport();
  await page.locator(`#approval-${last}`).getByTestId("approval-open-content").click();
  await expect(page).toHaveURL(new RegExp(`/demo/content/${seeded.pieceIds.at(-1)}$`));
});

test("a failed publication has Réessayer in the queue and on its content page: it goes back to MKT-107; retrying a publication that is not failed is 409, another organisation's 404", async ({ page }) => {
  await signInDemo(page);
  await page.goto("/demo/content/queue");
  const failed = page.locator('[data-testid="queue-item"][data-status="FAILED"]').first();
  await expect(failed).toBeVisible();
  const id = (await failed.getAttribute("data-publication-id"))!;
  await expect(failed.getByTestId("retry-publication")).toBeVisible();
  // The content detail offers it too (issue 9): retried from there, it leaves FAILED and the queue's timeline says so.
  await failed.locator('a[href^="/demo/content/"]').click();
  const publications = page.getByTestId("content-publications");
  await expect(publications.getByTestId("retry-publication")).toHaveCount(1);
  await publications.getByTestId("retry-publication").click();
  await expect(publications.getByTestId("retry-publication")).toHaveCount(0);
  await page.goto("/demo/content/queue");
  const item = page.locator(`[data-testid="queue-item"][data-publication-id="${id}"]`);
  await expect(item).toContainText("Nouvel essai demandé");

  const origin = new URL(page.url()).origin;
  const cal = (await (await page.request.get("/api/orgs/demo/publications")).json()) as { publications: { id: string; status: string }[] };
  const scheduled = cal.publications.find((p) => p.status === "SCHEDULED")!;
  const conflict = await page.request.post(`/api/orgs/demo/publications/${scheduled.id}/retry`, { data: {}, headers: { origin } });
  expect(conflict.status()).toBe(409);
  const foreign = await page.request.post(`/api/orgs/demo/publications/nope-${id}/retry`, { data: {}, headers: { origin } });
  expect(foreign.status()).toBe(404);
});
