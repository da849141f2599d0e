import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator } from "@playwright/test";
import { attrs, signInAsDemo } from "./support/demo";

/**
 * Issue 13, the Amplification Engine in the browser, as the demo owner on the sandbox ad network and
 * the offline AI provider, with the embedded executor inside the app: "Amplifier" on the demo's
 * winning post -> MKT-202 proposes a campaign -> its ad card in the approval queue -> approve it there
 * -> MKT-203/204 launch it on the sandbox network -> its page shows it Active with its remote id and
 * its first metrics chart (MKT-205 on launch), and the approval in its trail.
 */
const SCREENSHOTS = path.resolve("test-results", "screenshots");

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test("approve a proposed campaign in the browser: it goes live with its first metrics chart", async ({ page }) => {
  test.setTimeout(300_000);
  await signInAsDemo(page);

  // The demo's campaigns before: only the one that appears next is ours.
  await page.goto("/demo/campaigns");
  await expect(page.getByTestId("campaigns-table")).toBeVisible();
  const campaignLinks = page.getByTestId("campaigns-table").locator('a[href^="/demo/campaigns/"]');
  const before = new Set(await attrs(campaignLinks, "href"));
  expect(before.size).toBeGreaterThan(0);

  // 1. The demo's winning post (MKT-109 signal): "Amplifier".
  await page.goto(`/demo/content?q=${encodeURIComponent("8 semaines pour une pièce unique")}`);
  await page.getByTestId("content-open").first().click();
  await expect(page.getByTestId("page-content-detail")).toBeVisible();
  await page.getByTestId("amplify-button").click();
  await expect(page.getByTestId("amplify").getByRole("status")).toContainText("Proposition demandée");
  await page.getByTestId("amplify-open-queue").click();
  await expect(page.getByTestId("page-approvals")).toBeVisible();

  // 2. The approval queue: MKT-202's proposal arrives as an ad card (the queue does not poll: reload until it is there).
  let card: Locator = page.getByTestId("approval-ad-card").first();
  let campaignId = "";
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("approval-queue")).toBeVisible();
    const ids = (await attrs(page.getByTestId("approval-ad-card"), "data-campaign-id")).filter((id) => !before.has(`/demo/campaigns/${id}`));
    expect(ids).toHaveLength(1);
    campaignId = ids[0]!;
  }).toPass({ timeout: 120_000 });
  card = page.locator(`[data-testid="approval-ad-card"][data-campaign-id="${campaignId}"]`);
  const item = page.getByTestId("approval-item").filter({ has: card });
  // What the approver decides on: budget, expected results, three copy variants.
  await expect(card.getByTestId("approval-ad-budget")).toContainText("€");
  await expect(card.getByTestId("approval-ad-kpis")).toContainText("CPC");
  await expect(card.getByTestId("approval-ad-variant")).toHaveCount(3);
  // Each variant's visual (generated in the ad network's format, signed URL of our storage) is shown and loads.
  await expect(card.getByTestId("approval-ad-visual")).toHaveCount(3);
  await expect.poll(() => card.getByTestId("approval-ad-visual").evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length)).toBe(3);
  await page.screenshot({ path: path.join(SCREENSHOTS, "amplification-ad-card.png"), fullPage: true });

  // 3. Approve it at once (the launch does not depend on MKT-203's wait being registered yet): the card leaves the pending queue.
  await item.getByRole("button", { name: /^Approuver/ }).click();
  await expect(item).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "décision enregistrée" })).toBeVisible();

  // 4. The campaigns list has it; its page follows the launch by itself (no reload): Active, remote id, first metrics chart.
  await page.goto("/demo/campaigns");
  await page.locator(`a[href="/demo/campaigns/${campaignId}"]`).click();
  await expect(page.getByTestId("page-campaign")).toBeVisible();
  await expect(page.getByTestId("campaign-status")).toHaveText("Active", { timeout: 90_000 });
  await expect(page.getByTestId("campaign-remote-id")).toContainText(/\S{6,}/);
  const chart = page.getByTestId("campaign-chart");
  // The chart itself (not its "no metrics yet" line): one area per series over at least the launch day.
  await expect(chart.locator("svg[role='application'] .recharts-area")).toHaveCount(2, { timeout: 60_000 });
  // Its x axis names the day ("3 déc."), its y axis the spend in euros.
  await expect(chart.getByRole("application")).toContainText(/\d{1,2} [a-zéû]{3,5}\.?/);
  await expect(chart.getByRole("application")).toContainText("€");
  await expect(page.getByTestId("campaign-no-metrics")).toHaveCount(0);
  await expect(page.getByTestId("campaign-approvals")).toContainText("Validé");
  await expect(page.getByTestId("campaign-ad-sets").locator("li").first()).toContainText("Active");
  await expect.poll(() => page.getByTestId("campaign-creative").locator("img").evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length)).toBeGreaterThan(0);
  await page.screenshot({ path: path.join(SCREENSHOTS, "amplification-campaign.png"), fullPage: true });
});
