import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

/**
 * Issue 4 in the browser. The e2e server (tests/e2e/server.ts) runs the platform fakes and gives Meta
 * app credentials pointing at its fake, so "Connect Meta" is the real authorization-code flow: our
 * app -> the fake's authorize page (auto-consent) -> our callback -> the account picker. The other
 * providers have no credentials: their Connect buttons add sandbox accounts.
 */
const SCREENSHOTS = path.resolve("test-results", "screenshots");

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill("demo@marketingengine.app");
  await page.getByLabel("Mot de passe").fill("demo-password");
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/demo\/war-room$/);
}

test("connect a Meta Page through the fake's OAuth consent, see its health, disconnect it", async ({ page }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const visited: string[] = [];
  page.on("request", (r) => {
    if (r.isNavigationRequest()) visited.push(r.url());
  });
  await signIn(page);
  await page.getByTestId("nav-settings").click();
  await page.getByTestId("settings-tab-connections").click();
  await expect(page).toHaveURL(/\/demo\/settings\/connections$/);
  await expect(page.getByTestId("settings-tab-connections")).toHaveText("Connexions");
  const meta = page.getByTestId("provider-card-meta");
  await expect(meta).toBeVisible();
  // Meta is configured (fake-backed): a real Connect button, no Sandbox label on the provider.
  await expect(page.getByTestId("connect-meta")).toHaveText("Connecter Meta");
  await expect(page.getByTestId("connect-linkedin")).toHaveText("Connecter LinkedIn (bac à sable)");

  await page.getByTestId("connect-meta").click();
  await expect(page).toHaveURL(/\/demo\/settings\/connections\/pending\/ost_[0-9a-f]+$/);
  // The browser really went through the fake's consent page and back through our callback.
  expect(visited.some((u) => /^http:\/\/127\.0\.0\.1:\d+\/v\d+\.\d\/dialog\/oauth\?/.test(u) && new URL(u).searchParams.get("code_challenge_method") === "S256")).toBe(true);
  expect(visited.some((u) => u.startsWith("http://localhost:") && new URL(u).pathname === "/api/oauth/meta/callback")).toBe(true);

  // The picker offers what the consent allows: the Page, its Instagram account, the ad account, the WhatsApp number.
  const picker = page.getByTestId("account-picker");
  await expect(picker).toBeVisible();
  await expect(page.getByTestId("picker-candidate")).toHaveCount(4);
  await page.getByLabel("Tout sélectionner").uncheck();
  await expect(page.getByTestId("picker-confirm")).toBeDisabled();
  await page.getByTestId("picker-candidate").filter({ hasText: "Acme Page" }).getByRole("checkbox").check();
  await page.getByTestId("picker-confirm").click();

  await expect(page).toHaveURL(/\/demo\/settings\/connections\?connected=1$/);
  await expect(page.getByTestId("connections-notice")).toHaveText(/1 compte connecté/);
  const row = meta.getByTestId("account-row").filter({ hasText: "Acme Page" });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("account-health")).toHaveText("En bonne santé");
  await expect(row).toContainText("Facebook");
  await expect(row).not.toContainText("Bac à sable");
  await expect(row).toContainText(/Dernier renouvellement|Jamais renouvelé/);
  // The demo's sandbox accounts are labelled as such.
  await expect(meta.getByTestId("account-row").filter({ hasText: "Bac à sable" }).first()).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, "settings-connections.png"), fullPage: true });

  // Disconnect, with a confirmation (Escape cancels first).
  await row.getByTestId("disconnect-account").click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Déconnecter « Acme Page » ?");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(row).toHaveCount(1);
  await row.getByTestId("disconnect-account").click();
  await page.getByTestId("confirm-disconnect").click();
  await expect(page.getByTestId("connections-notice")).toHaveText(/« Acme Page » a été déconnecté/);
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("provider-card-meta")).toBeVisible();
  await expect(page.getByTestId("account-row").filter({ hasText: "Acme Page" })).toHaveCount(0);
});

test("a provider without credentials connects sandbox accounts, labelled Sandbox", async ({ page }) => {
  await signIn(page);
  await page.goto("/demo/settings/connections");
  const tiktok = page.getByTestId("provider-card-tiktok");
  await expect(tiktok).toContainText("Bac à sable");
  const before = await tiktok.getByTestId("account-row").count();
  await page.getByTestId("connect-tiktok").click();
  await expect(page.getByTestId("connections-notice")).toHaveText(/1 compte bac à sable ajouté/);
  await expect(tiktok.getByTestId("account-row")).toHaveCount(before + 1);
  const row = tiktok.getByTestId("account-row").filter({ hasText: "Sandbox tiktok" });
  await expect(row).toContainText("Bac à sable");
  await expect(row.getByTestId("account-health")).toHaveText("En bonne santé");
});

test("a rejected OAuth callback shows a readable page (400, nothing stored)", async ({ page }) => {
  await signIn(page);
  const res = await page.goto("/api/oauth/meta/callback?state=forged-state&code=abc");
  expect(res?.status()).toBe(400);
  await expect(page.getByTestId("oauth-callback-error")).toContainText("La connexion n'a pas abouti");
  await expect(page.getByTestId("oauth-callback-error")).toContainText("Ce lien de retour n'est pas valide");
  // API callers still get JSON.
  const api = await page.request.get("/api/oauth/meta/callback?state=forged-state&code=abc", { headers: { accept: "application/json" } });
  expect(api.status()).toBe(400);
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe("bad_request");
});
