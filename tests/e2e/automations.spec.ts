import { expect, test } from "@playwright/test";
import { newTenant } from "./support/api";
import { signInWith } from "./support/demo";

/**
 * Issue 14, the Bot Control Center page: an owner of a new organisation switches the Instagram welcome
 * DM on (refused until its text is written, the message naming the field), sees it recorded in the log,
 * switches it off after a confirmation; the like/follow bot's switch cannot be used; the reposter's
 * routes and delay are saved and read back after a reload.
 */
test("an owner switches an automation on and off, with its settings and audit log", async ({ page, baseURL }) => {
  const tenant = await newTenant(baseURL!, "automations");
  await tenant.ctx.dispose();
  await signInWith(page, tenant.email, tenant.password);
  await page.goto(`/${tenant.slug}/war-room/automations`);
  await expect(page.getByTestId("page-automations")).toBeVisible();

  const dm = page.getByTestId("automation-instagram_welcome_dm");
  const dmSwitch = dm.getByTestId("automation-toggle");
  await expect(dmSwitch).toHaveAttribute("aria-checked", "false");
  await dmSwitch.click();
  // No text yet: refused, the message under the text field.
  await expect(dm.getByRole("alert")).toBeVisible();
  await expect(dm.getByTestId("automation-welcome-text")).toHaveAttribute("aria-invalid", "true");
  await expect(dmSwitch).toHaveAttribute("aria-checked", "false");

  await dm.getByTestId("automation-welcome-text").fill("Bonjour et bienvenue ! Nous vous répondons dans la journée.");
  await dmSwitch.click();
  await expect(dmSwitch).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("automation-audit")).toContainText("Message de bienvenue Instagram");

  await dmSwitch.click();
  await page.getByRole("dialog").getByRole("button", { name: "Désactiver" }).click();
  await expect(dmSwitch).toHaveAttribute("aria-checked", "false");
  await expect(page.getByTestId("automation-audit").locator("li")).toHaveCount(2);

  await expect(page.getByTestId("automation-like_follow_bot").getByTestId("automation-toggle")).toBeDisabled();

  const reposter = page.getByTestId("automation-auto_reposter");
  await reposter.getByTestId("route-LINKEDIN-X").check();
  await reposter.getByTestId("automation-delay").fill("12");
  await reposter.getByTestId("automation-save-auto_reposter").click();
  await expect(reposter.getByRole("status")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("automation-auto_reposter").getByTestId("route-LINKEDIN-X")).toBeChecked();
  await expect(page.getByTestId("automation-auto_reposter").getByTestId("automation-delay")).toHaveValue("12");
  await expect(page.getByTestId("automation-auto_reposter").getByTestId("automation-toggle")).toHaveAttribute("aria-checked", "false");
});
