import { expect, test } from "@playwright/test";
import { newTenant } from "./support/api";
import { signInWith } from "./support/demo";

/**
 * The pipeline board: a scored lead is dragged to another stage and stays there after a reload; the
 * keyboard alternative (the card's "Move to" menu) does the same; Converted is reached only through
 * "Mark won", whose confirmation records the sale and shows its credits on the lead's page.
 */
test("move it on the board: drag a lead to another stage, reload, it stays; the move menu and Mark won", async ({ page, baseURL }) => {
  const tenant = await newTenant(baseURL!, "board");
  const keyRes = await tenant.ctx.post(`/api/orgs/${tenant.slug}/api-keys`, { data: { name: "site", scopes: ["ingest"] } });
  const { key } = (await keyRes.json()) as { key: string };
  for (const body of [
    { name: "Fatou Sow", email: "fatou.sow@example.test", source: "manual", utm_source: "newsletter" },
    { name: "Marc Petit", email: "marc.petit@example.test", source: "manual" },
  ])
    expect((await tenant.ctx.post("/api/webhooks/leads", { data: body, headers: { "x-api-key": key } })).status()).toBe(202);

  await signInWith(page, tenant.email, tenant.password);
  const card = (name: string) => page.getByTestId("board-card").filter({ hasText: name });
  const column = (stage: string) => page.getByTestId(`board-column-${stage}`);
  // Both leads processed and scored (MKT-301, MKT-302): their cards sit in "Qualifié".
  await expect
    .poll(
      async () => {
        await page.goto(`/${tenant.slug}/leads?view=board`);
        return column("SCORED").getByTestId("board-card").count();
      },
      { timeout: 45_000 },
    )
    .toBe(2);

  await card("Fatou Sow").dragTo(column("NURTURING"), { sourcePosition: { x: 12, y: 14 } });
  await expect(column("NURTURING").getByTestId("board-card").filter({ hasText: "Fatou Sow" })).toBeVisible();
  await expect(column("NURTURING").getByTestId("board-count")).toHaveText("1");
  await expect
    .poll(
      async () => ((await (await tenant.ctx.get(`/api/orgs/${tenant.slug}/leads/export?lang=en`)).text()).match(/Fatou.*Nurturing/) ? "moved" : "not yet"),
      { timeout: 10_000 },
    )
    .toBe("moved");
  await page.reload();
  await expect(column("NURTURING").getByTestId("board-card").filter({ hasText: "Fatou Sow" })).toBeVisible();
  await expect(column("SCORED").getByTestId("board-card")).toHaveCount(1);

  // The keyboard / touch alternative: the card's menu; Converted is not offered (Mark won only).
  const menu = card("Marc Petit").getByTestId("board-move");
  await expect(menu.locator('option[value="CONVERTED"]')).toBeDisabled();
  await menu.selectOption("LOST");
  await expect(column("LOST").getByTestId("board-card").filter({ hasText: "Marc Petit" })).toBeVisible();
  // The card moves at once (optimistic); reload only once the server has it, as for the drag above.
  await expect
    .poll(
      async () => ((await (await tenant.ctx.get(`/api/orgs/${tenant.slug}/leads/export?lang=en`)).text()).match(/Marc.*Lost/) ? "moved" : "not yet"),
      { timeout: 10_000 },
    )
    .toBe("moved");
  await page.reload();
  await expect(column("LOST").getByTestId("board-card").filter({ hasText: "Marc Petit" })).toBeVisible();

  // Mark won from the lead's page: confirmed, the lead is Converted, its credits add up to the value.
  await card("Fatou Sow").getByRole("link", { name: "Fatou Sow" }).click();
  await expect(page.getByTestId("page-lead")).toBeVisible();
  await page.getByTestId("mark-won").click();
  await page.getByTestId("mark-won-value").fill("1200");
  await page.getByTestId("mark-won-currency").selectOption("EUR");
  await page
    .getByTestId("mark-won-form")
    .getByRole("button", { name: /Continuer|Continue/ })
    .click();
  await page.getByTestId("mark-won-confirm").click();
  await expect(page.getByTestId("conversion-value")).toContainText("1");
  await expect(page.getByTestId("credit-row")).toHaveCount(1);
  await expect(page.getByTestId("credit-amount")).toContainText(/1\s?200/);
  await page.goto(`/${tenant.slug}/leads?view=board`);
  await expect(column("CONVERTED").getByTestId("board-card").filter({ hasText: "Fatou Sow" })).toBeVisible();
});
