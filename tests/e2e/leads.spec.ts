import { expect, test, type Page } from "@playwright/test";
import { newTenant } from "./support/api";

/**
 * Leads end to end: a lead posted to the webhook with an API key is processed and scored by the
 * workflows; the Leads page lists it (search and filters in the URL), and its page shows the score
 * explanation line by line and the timeline with the data as received.
 */
async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel(/E-mail|Email/).fill(email);
  await page.getByLabel(/Mot de passe|Password/).fill(password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page).not.toHaveURL(/sign-in/);
}

test("a lead from the webhook is scored, listed, searchable, and explained on its page", async ({ page, baseURL }) => {
  const tenant = await newTenant(baseURL!, "leads");
  const keyRes = await tenant.ctx.post(`/api/orgs/${tenant.slug}/api-keys`, { data: { name: "site", scopes: ["ingest"] } });
  expect(keyRes.status()).toBe(201);
  const { key } = (await keyRes.json()) as { key: string };
  const post = async (body: Record<string, unknown>) => expect((await tenant.ctx.post("/api/webhooks/leads", { data: body, headers: { "x-api-key": key } })).status()).toBe(202);
  await post({ name: "Awa Diop", email: "awa.diop@example.test", phone: "77 123 45 67", country: "SN", entreprise: "Teranga SARL", poste: "Directrice", budget: "6 000 €", taille_entreprise: "60", source: "webinar", message: "Nos délais de livraison explosent, il nous faut une solution ce mois-ci." });
  await post({ name: "Jean Martin", email: "jean.martin@example.test", source: "manual" });
  await expect.poll(async () => ((await (await tenant.ctx.get(`/api/orgs/${tenant.slug}/leads/submissions`)).json()) as { submissions: { status: string }[] }).submissions.filter((s) => s.status === "PROCESSED").length, { timeout: 30_000 }).toBe(2);

  await signIn(page, tenant.email, tenant.password);
  await expect.poll(async () => {
    await page.goto(`/${tenant.slug}/leads`);
    return page.getByTestId("lead-row").filter({ hasText: "Awa Diop" }).getByText(/^\d+$/).count();
  }, { timeout: 30_000 }).toBe(1);
  await expect(page.getByTestId("lead-row")).toHaveCount(2);

  await page.getByTestId("leads-search").fill("teranga");
  await page.getByTestId("leads-apply").click();
  await expect(page).toHaveURL(/q=teranga/);
  await expect(page.getByTestId("lead-row")).toHaveCount(1);

  await page.getByRole("link", { name: "Awa Diop" }).click();
  await expect(page.getByTestId("page-lead")).toBeVisible();
  await expect(page.getByTestId("score-line-source")).toContainText("+20");
  await expect(page.getByTestId("score-line-budget")).toContainText("+15");
  await expect(page.getByTestId("score-judgement")).not.toBeEmpty();
  await expect(page.getByTestId("timeline-submission")).toHaveCount(1);
  await page.getByTestId("timeline-submission").locator("summary").click();
  await expect(page.getByTestId("submission-payload")).toContainText("Nos délais de livraison");
});

test("a CSV import previews the columns, maps them, reports refused rows by line, and its leads get a score explanation", async ({ page, baseURL }) => {
  const tenant = await newTenant(baseURL!, "csv");
  await signIn(page, tenant.email, tenant.password);
  await page.goto(`/${tenant.slug}/leads`);
  await page.getByTestId("leads-import-link").click();
  await expect(page.getByTestId("page-lead-import")).toBeVisible();
  const csv = ["Prénom;Nom;Courriel;Portable;Entreprise;Code interne", "Awa;Diop;awa.csv@example.test;06 12 34 56 78;Teranga;A1", "Sans;Contact;;;Nulle part;A2"].join("\n");
  await page.getByTestId("csv-file").setInputFiles({ name: "salon.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(page.getByTestId("csv-column")).toHaveCount(6);
  await expect(page.getByTestId("csv-map-2")).toHaveValue("email");
  await expect(page.getByTestId("csv-map-3")).toHaveValue("phone");
  await page.getByTestId("csv-map-5").selectOption("ignore");
  await page.getByTestId("csv-import").click();
  await expect(page.getByTestId("csv-result")).toBeVisible();
  await expect(page.getByTestId("csv-error")).toHaveCount(1);
  await expect(page.getByTestId("csv-error")).toContainText("3");

  await expect.poll(async () => {
    await page.goto(`/${tenant.slug}/leads?source=CSV`);
    return page.getByTestId("lead-row").filter({ hasText: "Awa Diop" }).getByText(/^\d+$/).count();
  }, { timeout: 30_000 }).toBe(1);
  await page.getByRole("link", { name: "Awa Diop" }).click();
  await expect(page.getByTestId("score-line-phone")).toContainText("+10");
  await expect(page.getByTestId("score-line-source")).toContainText("+5");
  await page.getByTestId("timeline-submission").locator("summary").click();
  await expect(page.getByTestId("submission-payload")).toContainText("salon.csv");
});

test("Settings -> Lead sources: every webhook URL, the Google key renewed after a confirmation, and a test lead through the real receiver opens as a test lead", async ({ page, baseURL }) => {
  const tenant = await newTenant(baseURL!, "sources");
  await signIn(page, tenant.email, tenant.password);
  await page.goto(`/${tenant.slug}/settings/lead-sources`);
  await expect(page.getByTestId("form-url")).toHaveText(/\/api\/webhooks\/leads$/);
  await expect(page.getByTestId("meta-url")).toHaveText(/\/api\/webhooks\/meta$/);
  await expect(page.getByTestId("google-url")).toHaveText(/\/api\/webhooks\/google-ads-leads$/);
  await expect(page.getByTestId("tiktok-url")).toHaveText(/\/api\/webhooks\/tiktok-leads$/);
  await expect(page.getByTestId("conversion-url")).toHaveText(/\/api\/webhooks\/conversions\?org=/);
  // The key is hidden until shown; renewing asks first, and Cancel changes nothing.
  await expect(page.getByTestId("google-key")).toHaveText(/^•+$/);
  await page.getByTestId("source-google").getByRole("button", { name: /Afficher|Show/ }).click();
  const before = (await page.getByTestId("google-key").textContent())!;
  expect(before).toMatch(/^[A-Za-z0-9_-]{32}$/);
  await page.getByTestId("google-renew").click();
  await page.getByTestId("source-google").getByRole("button", { name: /Annuler|Cancel/ }).click();
  await expect(page.getByTestId("google-key")).toHaveText(before);
  await page.getByTestId("google-renew").click();
  await page.getByTestId("google-renew-confirm").click();
  await expect(page.getByTestId("google-key")).not.toHaveText(before);
  await expect(page.getByTestId("google-key")).toHaveText(/^[A-Za-z0-9_-]{32}$/);
  // No TikTok Ads account in a new organisation: the test lead goes through the Google Ads receiver.
  await expect(page.locator("#test-lead-source")).toHaveValue("google_ads");
  await page.getByTestId("send-test-lead").click();
  await expect(page.getByTestId("test-lead-result")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("test-lead-link").click();
  await expect(page.getByTestId("page-lead")).toBeVisible();
  await expect(page.getByTestId("lead-test")).toBeVisible();
  await expect(page.getByTestId("timeline-submission")).toHaveCount(1);
});
