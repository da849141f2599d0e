import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { newTenant } from "./support/api";

/**
 * The scenario assistant end to end (issue 17): in a new organisation, create a scenario from the
 * chat, add a suggested target in one click, generate the plan, open the detail and see the table,
 * export the CSV (BOM, accents), send a plan item to the Content Flywheel and find it among the ideas.
 * The offline AI provider answers (no vendor configured).
 */
async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel(/E-mail|Email/).fill(email);
  await page.getByLabel(/Mot de passe|Password/).fill(password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page).not.toHaveURL(/sign-in/);
}

test("chat -> scenario -> suggested target -> plan -> table -> CSV -> flywheel idea", async ({ page, baseURL }) => {
  const tenant = await newTenant(baseURL!, "assistant");
  await signIn(page, tenant.email, tenant.password);
  await page.goto(`/${tenant.slug}/assistant`);

  // Welcome message with its entry buttons; the new organisation has no scenario, only the five examples.
  await expect(page.getByTestId("bubble-assistant").first()).toContainText("Bonjour");
  await expect(page.getByTestId("scenario-examples").getByRole("listitem")).toHaveCount(5);
  await page.getByRole("button", { name: "Créer un scénario" }).click();
  const composer = page.getByTestId("composer");
  await expect(composer).toBeFocused();
  // Shift+Enter is a new line, Enter sends.
  await composer.pressSequentially("Lancement offre");
  await composer.press("Shift+Enter");
  await expect(composer).toHaveValue("Lancement offre\n");
  await composer.fill("Lancement offre maintenance prédictive");
  await composer.press("Enter");
  await expect(page.getByTestId("bubble-user").last()).toContainText("Lancement offre maintenance prédictive");
  await expect(page.getByTestId("bubble-assistant").last()).toContainText("Lancement offre maintenance prédictive", { timeout: 20_000 });
  await expect(page.getByTestId("scenario-list")).toContainText("Lancement offre maintenance prédictive");
  await expect(page.getByTestId("selected-scenario")).toContainText("Lancement offre maintenance prédictive");

  // Suggest targets, add the first in one click.
  await page.getByTestId("chat-actions").last().getByRole("button", { name: "Suggérer des cibles" }).click();
  const add = page.getByTestId("chat-actions").last().getByRole("button", { name: /^Ajouter : / }).first();
  await expect(add).toBeVisible({ timeout: 20_000 });
  const label = ((await add.textContent()) ?? "").replace(/^Ajouter : /, "").trim();
  await add.click();
  await expect(page.getByTestId("panel-targets")).toContainText(label, { timeout: 20_000 });

  // Generate the plan.
  await page.getByTestId("chat-actions").last().getByRole("button", { name: "Générer le plan" }).click();
  await expect(page.getByTestId("bubble-assistant").last()).toContainText("Plan de diffusion généré", { timeout: 20_000 });

  // The detail: the table, the CSV export.
  await page.getByTestId("open-detail").click();
  await expect(page.getByTestId("page-scenario")).toBeVisible();
  await expect(page.getByTestId("detail-targets")).toContainText(label);
  const rows = page.getByTestId("plan-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  const download = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  const file = await (await download).path();
  const bytes = await readFile(file!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.toString("utf8").slice(1).trim().split("\r\n");
  expect(csv).toHaveLength(1 + (await rows.count()));
  expect(csv[1]).toContain("Lancement offre maintenance prédictive;Général;READY");

  // A plan item to the Content Flywheel, seen as an idea.
  const message = (await rows.first().locator("td").nth(2).textContent())!.trim();
  await rows.first().getByTestId("to-flywheel").click();
  await expect(rows.first()).toContainText("Idée créée dans le Content Flywheel.");
  await rows.first().getByRole("link", { name: "Voir les idées" }).click();
  await expect(page.getByTestId("page-content")).toBeVisible();
  // The idea is listed (MKT-101 titles it with its own summary) and carries the plan item's text.
  await expect(page.getByTestId("idea-list").locator(":scope > li")).toHaveCount(1);
  const inputs = (await (await tenant.ctx.get(`/api/orgs/${tenant.slug}/content/inputs`)).json()) as { inputs: { excerpt: string | null; type: string }[] };
  expect(inputs.inputs).toHaveLength(1);
  expect(inputs.inputs[0]!.excerpt).toContain(message);

  // "Add a target from the chat" pre-fills the composer.
  await page.goBack();
  await page.getByTestId("add-target-from-chat").click();
  await expect(page.getByTestId("composer")).toHaveValue(/Je voudrais ajouter une cible à « Lancement offre maintenance prédictive »/);
});
