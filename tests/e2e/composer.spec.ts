import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { signInDemo } from "./support/pages";

/**
 * The composer (issue 9), in Chromium on the demo organisation (the demo user is its owner, so their own
 * text is approved by them): write a post, attach a library image, preview it on three networks,
 * schedule it, find it on the calendar at the right local time (Paris, whatever the browser's zone),
 * then publish it now and see it "Publiée". And an image the network refuses is stopped at scheduling
 * with a message naming the rule.
 */
test.use({ timezoneId: "America/New_York", viewport: { width: 1440, height: 900 } });

const paris = (d: Date, o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", ...o }).format(d);

test("write, attach a library image, preview on three networks, schedule, see it on the calendar, publish now, Publiée", async ({ page }) => {
  test.setTimeout(120_000);
  await signInDemo(page);
  await page.goto("/demo/content/compose");
  const composer = page.getByTestId("post-composer");
  await expect(composer).toBeVisible();

  // Three networks: LinkedIn, Facebook and X (one account each).
  for (const p of ["LINKEDIN", "FACEBOOK", "X"]) await composer.locator(`[data-testid="composer-account"][data-platform="${p}"]`).first().check();
  const marker = `Composer e2e ${Date.now()}`;
  const text = `${marker} : nos tisserandes de Kayes ouvrent leur atelier samedi. ${"Huit semaines de travail pour chaque pagne, du coton filé à la main jusqu'au tissage. ".repeat(5)}`;
  await page.getByTestId("composer-text").fill(text);
  // Live counters per network; X (280) is over, so the form cannot be sent until the text fits.
  await expect(page.locator('[data-testid="composer-counters"] li[data-platform="X"]')).toHaveAttribute("data-over", "true");
  await expect(page.getByTestId("composer-submit")).toBeDisabled();
  const short = `${marker} : nos tisserandes de Kayes ouvrent leur atelier samedi, de 10 h à 18 h. Huit semaines pour un pagne, du coton filé à la main au tissage. Venez voir.`;
  await page.getByTestId("composer-text").fill(short);
  await expect(page.locator('[data-testid="composer-counters"] li[data-platform="X"]')).toHaveAttribute("data-over", "false");

  // A library image, square enough for every network (uploaded to the library first, as a person would).
  const origin = new URL(page.url()).origin;
  const square = await sharp({ create: { width: 1200, height: 1200, channels: 3, background: "#b5482a" } }).jpeg().toBuffer();
  const up = await page.request.post("/api/orgs/demo/media", { headers: { origin }, multipart: { file: { name: `atelier-${Date.now()}.jpg`, mimeType: "image/jpeg", buffer: square } } });
  expect([200, 201]).toContain(up.status());
  const assetId = ((await up.json()) as { asset: { id: string } }).asset.id;
  await page.reload();
  for (const p of ["LINKEDIN", "FACEBOOK", "X"]) await composer.locator(`[data-testid="composer-account"][data-platform="${p}"]`).first().check();
  await page.getByTestId("composer-text").fill(short);
  const libraryImage = page.locator(`[data-testid="composer-media"][data-asset-id="${assetId}"]`);
  await libraryImage.click();
  await expect(libraryImage).toHaveAttribute("aria-pressed", "true");

  // Previews: one tab per chosen network; LinkedIn folds at 210 characters behind "voir plus".
  const tabs = page.getByTestId("preview-tab");
  await expect(tabs).toHaveCount(3);
  for (const p of ["LINKEDIN", "FACEBOOK", "X"]) {
    await page.locator(`[data-testid="preview-tab"][data-platform="${p}"]`).click();
    const preview = page.locator(`[data-testid="network-preview"][data-platform="${p}"]`);
    await expect(preview).toBeVisible();
    await expect(preview.getByTestId("preview-media")).toBeVisible();
    await expect(preview.getByTestId("preview-text")).toContainText(marker);
  }
  await page.locator('[data-testid="preview-tab"][data-platform="LINKEDIN"]').click();
  await expect(page.locator('[data-testid="network-preview"][data-platform="LINKEDIN"]')).toHaveAttribute("data-folded", "false");

  // Schedule tomorrow 10:30, Paris time (the organisation's zone; the browser is in New York).
  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(tomorrow);
  await page.getByTestId("composer-at").fill(`${day}T10:30`);
  await page.getByTestId("composer-submit").click();
  const result = page.getByTestId("composer-result");
  await expect(result).toHaveAttribute("data-outcome", "scheduled");
  await expect(result).toContainText("3 comptes");

  // The calendar shows it on that day at 10:30 Paris time.
  await page.goto("/demo/content/calendar");
  await expect(page.getByTestId("calendar-grid")).toBeVisible();
  if (paris(new Date(), { weekday: "long" }) === "dimanche") await page.getByTestId("calendar-next").click(); // tomorrow is next week
  const items = page.getByTestId("calendar-item").filter({ hasText: marker });
  await expect(items).toHaveCount(3);
  await expect(page.locator(`[data-testid="calendar-day"][data-day="${day}"]`).getByTestId("calendar-item").filter({ hasText: marker })).toHaveCount(3);
  for (const time of await items.getByTestId("calendar-item-time").allTextContents()) expect(time).toContain("10:30");

  // Publish now (the calendar's action on each), then each becomes "Publiée".
  // One at a time: the next click waits until the calendar re-read the last one, moved to now (else it can hit the same card twice).
  const stillTomorrow = items.filter({ has: page.getByTestId("calendar-item-time").filter({ hasText: "10:30" }) });
  for (let i = 0; i < 3; i++) {
    await stillTomorrow.first().getByRole("button", { name: "Publier maintenant" }).click();
    await expect(page.getByTestId("calendar-notice")).toBeVisible();
    await expect(stillTomorrow).toHaveCount(2 - i);
  }
  await expect
    .poll(
      async () => {
        await page.reload();
        await expect(page.getByTestId("calendar-grid")).toBeVisible();
        if (paris(new Date(), { weekday: "long" }) === "dimanche") await page.getByTestId("calendar-next").click();
        return (await items.allTextContents()).filter((t) => t.includes("Publiée")).length;
      },
      { timeout: 60_000, intervals: [2000] },
    )
    .toBe(3);
});

test("an image the network refuses is stopped at scheduling, with a message naming the rule", async ({ page }) => {
  await signInDemo(page);
  await page.goto("/demo/content/compose");
  await page.locator('[data-testid="composer-account"][data-platform="INSTAGRAM"]').first().check();
  await page.getByTestId("composer-text").fill(`Un portrait très haut ${Date.now()}`);
  // A 1:2 JPEG: Instagram accepts feed images between 4:5 and 1.91:1.
  const tall = await sharp({ create: { width: 600, height: 1200, channels: 3, background: "#2a6fb5" } }).jpeg().toBuffer();
  await page.locator('input[type="file"]').setInputFiles({ name: "portrait-1x2.jpg", mimeType: "image/jpeg", buffer: tall });
  await expect(page.locator('[data-testid="composer-media"][aria-pressed="true"]')).toHaveCount(1, { timeout: 30_000 });
  const before = (await (await page.request.get("/api/orgs/demo/content?q=portrait")).json().catch(() => ({}))) as unknown;
  await page.getByTestId("composer-submit").click();
  const error = page.getByTestId("composer-media-error");
  await expect(error).toBeVisible();
  await expect(error).toContainText("Instagram");
  await expect(error).toContainText(/format|ratio|4:5|1,91|1.91/i);
  await expect(page.getByTestId("composer-result")).toHaveCount(0);
  const after = (await (await page.request.get("/api/orgs/demo/content?q=portrait")).json().catch(() => ({}))) as unknown;
  expect(after).toEqual(before);
});
