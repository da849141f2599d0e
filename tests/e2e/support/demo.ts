import { expect, type Locator, type Page } from "@playwright/test";

/** Signs the demo owner in through the sign-in page (French by default) and lands on the War Room. */
export async function signInAsDemo(page: Page): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill("demo@marketingengine.app");
  await page.getByLabel("Mot de passe").fill("demo-password");
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/demo\/war-room$/);
}

/** The values of `attr` on every element `items` matches right now. */
export async function attrs(items: Locator, attr: string): Promise<string[]> {
  return (await items.evaluateAll((els, a) => els.map((el) => el.getAttribute(a) ?? ""), attr)).filter(Boolean);
}

/** Signs a person in through the sign-in page (either language) and waits to leave it. */
export async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel(/E-mail|Email/).fill(email);
  await page.getByLabel(/Mot de passe|Password/).fill(password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page).not.toHaveURL(/sign-in/);
}
