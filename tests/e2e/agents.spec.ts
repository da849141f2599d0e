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
});
