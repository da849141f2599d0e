import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signInAsDemo } from "./support/demo";

/**
 * Issue 16, Agents in the browser as the demo owner: open Agents (the month's AI cost beside the
 * budget), switch an agent off (a confirmation first) and on again, open an agent's runs, filter the
 * failed ones and read a failed run's error, edit its configuration through the form generated from
 * the template's schema (a value out of range is refused naming the field; a valid one becomes a new
 * version), and see the agent's AI cost of the month. Screenshots at 1440 and 390 px.
 */
const SCREENSHOTS = path.resolve("test-results", "screenshots");
test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

const card = (page: Page, code: string) => page.getByTestId("agent-card").filter({ hasText: code });

test("agents: switch one off, read a failed run's error, edit a configuration, see the AI cost of the month", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsDemo(page);
  await page.goto("/demo/agents");
  await expect(page.getByTestId("page-agents")).toBeVisible();
  await expect(page.getByTestId("ai-cost-month")).toContainText("€");
  await expect(page.getByTestId("agent-card")).toHaveCount(28);

  // Switch MKT-403 off: a confirmation first; cancelling changes nothing.
  const weekly = card(page, "MKT-403");
  const toggle = weekly.getByTestId("agent-toggle");
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.click();
  await page.getByTestId("confirm-dialog").getByRole("button", { name: "Désactiver" }).click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(weekly).toContainText("Inactif");
  await page.screenshot({ path: path.join(SCREENSHOTS, "agents-list.png"), fullPage: true });

  // Back on: no confirmation needed (and the demo stays as other specs expect it).
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");

  // MKT-107's page: its runs, the failed ones, a failed run's error.
  await card(page, "MKT-107").getByTestId("agent-link").click();
  await expect(page.getByTestId("page-agent")).toBeVisible();
  await expect(page.getByTestId("agent-month-cost")).toContainText("Coût IA du mois");
  await expect(page.getByTestId("agent-stats-30d")).toContainText("Taux de réussite");
  await expect(page.getByTestId("execution-row").first()).toBeVisible();
  await page.getByTestId("executions-status").selectOption("ERROR");
  const failed = page.getByTestId("execution-row");
  await expect(failed.first()).toHaveAttribute("data-status", "ERROR");
  await failed.first().getByText("Voir l'erreur").click();
  await expect(failed.first().getByTestId("execution-error")).toContainText("conteneur média");

  // The configuration form from the schema: out of range is refused naming the field; a valid value is a new version.
  const attempts = page.getByTestId("cfg-maxAttempts");
  await expect(page.getByLabel("Tentatives maximum")).toBeVisible();
  await attempts.fill("99");
  await page.getByTestId("config-save").click();
  await expect(page.getByTestId("agent-config-form").getByRole("alert")).toContainText("config.maxAttempts");
  await attempts.fill("4");
  await page.getByTestId("config-save").click();
  await expect(page.getByTestId("config-saved")).toContainText("version");
  await expect(page.getByTestId("config-versions")).toContainText("actuelle");
  await page.screenshot({ path: path.join(SCREENSHOTS, "agent-detail.png"), fullPage: true });

  // The logs record the change.
  await expect(page.getByTestId("agent-logs")).toContainText("configuration v");

  // The diff between the previous version and the current one, field by field.
  const diff = page.getByTestId("config-diff");
  await expect(diff).toBeVisible();
  await expect(diff.getByTestId("config-diff-maxAttempts")).toContainText("4");
  await expect(diff.getByTestId("config-diff-maxAttempts")).toContainText("Tentatives maximum");

  // Run now (MKT-107 is scheduled): started at once; the run appears among the runs as a manual one.
  await page.getByTestId("agent-run-now").click();
  await expect(page.getByTestId("agent-run-now-done")).toBeVisible();
  await expect
    .poll(
      async () => {
        await page.getByTestId("executions-status").selectOption("");
        return page.getByTestId("execution-row").filter({ hasText: "lancement manuel" }).count();
      },
      { timeout: 60_000, intervals: [2000] },
    )
    .toBeGreaterThan(0);
  // The performance and cost charts are on the page.
  await expect(page.getByTestId("agent-performance-chart")).toBeVisible();
  await expect(page.getByTestId("agent-cost-chart")).toContainText("Coût IA par jour");
});

test("agents: the overview and health, install an agent from its template (switched back on), both languages and widths", async ({ page, context }) => {
  test.setTimeout(180_000);
  await signInAsDemo(page);
  await page.goto("/demo/agents");
  await expect(page.getByTestId("agents-runs-today")).toBeVisible();
  await expect(page.getByTestId("agents-error-rate")).toContainText("Taux d'erreur");
  await expect(page.getByTestId("agents-cost-chart")).toContainText("Coût IA par jour");
  await page.getByTestId("agents-health").locator("summary").click();
  await expect(page.getByTestId("agent-health-row")).toHaveCount(28);

  // MKT-404 off, then installed again from the catalogue: switched back on.
  const toggle = card(page, "MKT-404").getByTestId("agent-toggle");
  await toggle.click();
  await page.getByTestId("confirm-dialog").getByRole("button", { name: "Désactiver" }).click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await page.getByTestId("templates-link").click();
  await expect(page.getByTestId("page-agent-templates")).toBeVisible();
  await expect(page.getByTestId("template-card")).toHaveCount(28);
  const template = page.getByTestId("template-card").filter({ hasText: "MKT-404" });
  await expect(template).toContainText("Inactif");
  await template.getByTestId("template-install").click();
  await expect(template).toContainText("Installé et actif");
  await page.goto("/demo/agents");
  await expect(card(page, "MKT-404").getByTestId("agent-toggle")).toHaveAttribute("aria-checked", "true");

  for (const locale of ["fr", "en"]) {
    await context.addCookies([{ name: "me_locale", value: locale, domain: "localhost", path: "/" }]);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, url] of [
        ["agents-list", "/demo/agents"],
        ["agent-templates", "/demo/agents/templates"],
      ] as const) {
        await page.goto(url);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${locale}-${width}.png`), fullPage: true });
      }
      await page.goto("/demo/agents");
      await card(page, "MKT-107").getByTestId("agent-link").click();
      await expect(page.getByTestId("page-agent")).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOTS, `agent-detail-${locale}-${width}.png`), fullPage: true });
    }
  }
  await context.addCookies([{ name: "me_locale", value: "fr", domain: "localhost", path: "/" }]);
});
