import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { latestEmailTo } from "./support/mailbox";

const SCREENSHOTS = path.resolve("test-results", "screenshots");
const SECTIONS = ["war-room", "content", "approvals", "campaigns", "leads", "inbox", "assistant", "agents", "analytics", "settings"];

test.beforeAll(() => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  console.log(`Screenshots of each main page: ${SCREENSHOTS}`);
});

/** The demo owner signs in through the form (French is the default language). */
async function signInAsDemo(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill("demo@marketingengine.app");
  await page.getByLabel("Mot de passe").fill("demo-password");
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/demo\/war-room$/);
}

test("sign up, create an organisation, land in its War Room", async ({ page }) => {
  const email = `new-${Date.now()}@example.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Votre nom").fill("Awa Diop");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Mot de passe").fill("un mot de passe solide");
  await page.getByTestId("sign-up-submit").click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Nom de l'organisation").fill("Boutique Awa");
  await page.getByTestId("create-org-submit").click();
  await expect(page).toHaveURL(/\/boutique-awa(-\d+)?\/war-room$/);
  await expect(page.getByTestId("page-war-room")).toBeVisible();
  await expect(page.getByTestId("empty-state")).toBeVisible();
});

test("bad sign-in is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill("demo@marketingengine.app");
  await page.getByLabel("Mot de passe").fill("wrong password");
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("auth-error")).toContainText("incorrect");
});

test("the demo user signs in, visits every section, switches language", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByTestId("demo-hint")).toBeVisible();
  await page.getByLabel("E-mail").fill("demo@marketingengine.app");
  await page.getByLabel("Mot de passe").fill("demo-password");
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/demo\/war-room$/);
  await expect(page.getByTestId("demo-banner")).toBeVisible();

  for (const section of SECTIONS) {
    await page.getByTestId(`nav-${section}`).click();
    await expect(page).toHaveURL(new RegExp(`/demo/${section}$`));
    await expect(page.getByTestId(`page-${section}`)).toBeVisible();
    await expect(page.getByTestId(`nav-${section}`)).toHaveAttribute("aria-current", "page");
    await page.screenshot({ path: path.join(SCREENSHOTS, `${section}.png`), fullPage: true });
  }

  await expect(page.getByTestId("nav-content")).toHaveText("Contenus");
  await page.getByTestId("locale-switch").selectOption("en");
  await expect(page.getByTestId("nav-content")).toHaveText("Content");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByTestId("nav-content")).toHaveText("Content");
  await page.getByTestId("locale-switch").selectOption("fr");
  await expect(page.getByTestId("nav-content")).toHaveText("Contenus");
});

test("API keys: create (shown once), list, revoke with confirmation", async ({ page }) => {
  await signInAsDemo(page);
  await page.goto("/demo/settings/api-keys");
  await page.getByLabel("Nom").fill("Formulaire du site");
  // Keys are ingest-only unless the owner ticks more (issue 10): this one may also read.
  await page.getByTestId("api-key-scopes").locator('input[value="read"]').check();
  await page.getByTestId("create-api-key").click();
  await expect(page.getByTestId("api-key-value")).toHaveText(/^me_[0-9a-f]{8}_/);
  const key = (await page.getByTestId("api-key-value").textContent())!;
  // The key reads the organisation's API (its read scope) and nothing else.
  const ok = await page.request.get("/api/orgs/demo", { headers: { "X-API-Key": key } });
  expect(ok.status()).toBe(200);
  await expect(page.getByTestId("api-keys-table")).toContainText("Formulaire du site");
  await page.getByTestId("revoke-api-key").first().click();
  await page.getByTestId("confirm-revoke").click();
  await expect(page.getByTestId("api-keys-table")).toContainText("Révoquée");
  await page.screenshot({ path: path.join(SCREENSHOTS, "settings-api-keys.png"), fullPage: true });
});

test("API reference page lists every operation of the OpenAPI document, and opens one", async ({ page }) => {
  await signInAsDemo(page);
  const doc = (await (await page.request.get("/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).filter((k) => ["get", "post", "put", "patch", "delete"].includes(k)).length, 0);
  await page.goto("/demo/settings/api");
  await expect(page.getByTestId("api-operation")).toHaveCount(operations);
  const ideas = page.getByTestId("api-operation").filter({ hasText: "/api/webhooks/ideas" }).first();
  await ideas.locator("summary").click();
  await expect(ideas).toContainText("X-API-Key");
  await expect(page.getByTestId("openapi-download")).toHaveAttribute("href", "/api/openapi.json");
  await page.screenshot({ path: path.join(SCREENSHOTS, "settings-api-reference.png"), fullPage: true });
});

test("a page of another organisation is a 404", async ({ page }) => {
  await signInAsDemo(page);
  const res = await page.goto("/some-other-org/war-room");
  expect(res?.status()).toBe(404);
  await expect(page.getByText("Page introuvable")).toBeVisible();
});

test("magic link: the emailed link signs in once", async ({ page, browser }) => {
  const email = `link-${Date.now()}@example.test`;
  await page.goto("/sign-in");
  await page.getByRole("tab", { name: "Lien par e-mail" }).click();
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
  await expect(page.getByTestId("link-sent")).toBeVisible();
  const mail = await latestEmailTo(email);
  const link = mail.text.match(/https?:\/\/\S+/)![0];
  await page.goto(link);
  await expect(page).toHaveURL(/\/onboarding$/);
  // Single use: a second browser opening the same link is not signed in.
  const other = await browser.newPage();
  await other.goto(link);
  await expect(other).toHaveURL(/\/sign-in/);
  await other.close();
});
