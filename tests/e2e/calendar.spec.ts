import { expect, test } from "@playwright/test";
import { signInDemo } from "./support/pages";

/**
 * Calendar (issue 9): 7-day week of hour slots (keyboard: arrows + Enter), a month grid of whole weeks starting Monday, today marked, times in
 * the organisation's zone (the browser here is in New York, the demo organisation in Paris), filters,
 * "+" on a day opens the composer, no navigation beyond 2 years.
 */
test.use({ timezoneId: "America/New_York", viewport: { width: 1440, height: 900 } });

test("week and month grids in the organisation's time zone, today marked, filters", async ({ page }) => {
  test.setTimeout(150_000); // 30 page loads; a loaded CI machine took more than the default minute
  await signInDemo(page);
  await page.goto("/demo/content/calendar");
  const grid = page.getByTestId("calendar-grid");
  await expect(grid).toHaveAttribute("data-days", "7");
  await expect(page.getByTestId("publishing-calendar")).toHaveAttribute("data-time-zone", "Europe/Paris");
  const parisToday = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  await expect(page.locator('[data-testid="calendar-day"][aria-current="date"]')).toHaveAttribute("data-day", parisToday);
  const days = await page.getByTestId("calendar-day").evaluateAll((els) => els.map((e) => e.getAttribute("data-day")!));
  expect(new Date(`${days[0]}T12:00:00Z`).getUTCDay()).toBe(1); // Monday first
  expect(new Set(days).size).toBe(7);

  // Each item shows its time in Paris time, whatever the browser's zone.
  const first = page.getByTestId("calendar-item").first();
  await expect(first).toBeVisible();
  const week = (await (await page.request.get(`/api/orgs/demo/publications?from=${encodeURIComponent(new Date(`${days[0]}T00:00:00+01:00`).toISOString())}&to=${encodeURIComponent(new Date(new Date(`${days[6]}T00:00:00+01:00`).getTime() + 86_400_000).toISOString())}`)).json()) as { publications: { scheduledAt: string; platform: string }[] };
  expect(week.publications.length).toBeGreaterThan(0);
  const expected = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", timeStyle: "short" }).format(new Date(week.publications[0]!.scheduledAt));
  await expect(page.getByTestId("calendar-item-time").first()).toContainText(expected);

  // Week = hour slots: an item sits in the slot of its hour in Paris.
  const parisHour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", hourCycle: "h23" }).format(new Date(week.publications[0]!.scheduledAt)));
  expect(Number(await first.evaluate((el) => el.closest('[data-testid="calendar-slot"]')?.getAttribute("data-hour")))).toBe(parisHour);

  // Keyboard: the slots are one Tab stop; arrows move between hours and days, Enter opens the composer at that hour.
  const slots = page.locator('[data-testid="calendar-slot-compose"][tabindex="0"]');
  await expect(slots).toHaveCount(1);
  await slots.focus();
  const [d0, h0] = (await slots.getAttribute("data-slot"))!.split(":").map(Number) as [number, number];
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press(d0 < 6 ? "ArrowRight" : "ArrowLeft");
  const focused = page.locator(":focus");
  await expect(focused).toHaveAttribute("data-slot", `${d0 < 6 ? d0 + 1 : d0 - 1}:${h0 + 1}`);
  await expect(focused).toHaveAttribute("aria-label", new RegExp(`${String(h0 + 1).padStart(2, "0")}:00`));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/demo\/content\/compose\?at=/);
  const slotAt = new Date(decodeURIComponent(page.url().split("at=")[1]!));
  expect(new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", timeStyle: "short" }).format(slotAt)).toBe(`${String(h0 + 1).padStart(2, "0")}:00`);
  await page.goBack();
  await expect(grid).toHaveAttribute("data-days", "7");

  // Filter by network: only that network's items remain.
  const total = await page.getByTestId("calendar-item").count();
  await page.getByTestId("calendar-network").selectOption("LINKEDIN");
  await expect.poll(async () => page.getByTestId("calendar-item").count()).toBeLessThan(total);
  for (const text of await page.getByTestId("calendar-item").allTextContents()) expect(text).toContain("LinkedIn");
  await page.getByTestId("calendar-network").selectOption("");

  // Month: whole weeks, Monday first, 28..42 days, the 1st of the month inside.
  await page.getByTestId("calendar-month").click();
  await expect.poll(async () => Number(await grid.getAttribute("data-days"))).toBeGreaterThanOrEqual(28);
  const monthDays = await page.getByTestId("calendar-day").evaluateAll((els) => els.map((e) => e.getAttribute("data-day")!));
  expect(monthDays.length % 7).toBe(0);
  expect(new Date(`${monthDays[0]}T12:00:00Z`).getUTCDay()).toBe(1);
  expect(monthDays).toContain(`${parisToday.slice(0, 7)}-01`);
  await expect(page.locator('[data-testid="calendar-day"][aria-current="date"]')).toHaveCount(1);

  // "+" on an empty day opens the composer at 09:00 that day (Paris).
  const href = await page.getByTestId("calendar-compose").first().getAttribute("href");
  expect(href).toMatch(/\/demo\/content\/compose\?at=/);
  const at = new Date(decodeURIComponent(href!.split("at=")[1]!));
  expect(new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", timeStyle: "short" }).format(at)).toBe("09:00");

  // No further than 2 years ahead.
  for (let i = 0; i < 25; i++) await page.getByTestId("calendar-next").click();
  await expect(page.getByTestId("calendar-notice")).toContainText("2 ans");
});

test("the API refuses a date more than 2 years ahead with a message naming the field", async ({ page }) => {
  await signInDemo(page);
  const cal = (await (await page.request.get("/api/orgs/demo/publications")).json()) as { publications: { id: string; status: string; projected: boolean }[] };
  const pub = cal.publications.find((p) => p.status === "SCHEDULED" && !p.projected)!;
  const res = await page.request.patch(`/api/orgs/demo/publications/${pub.id}`, { data: { scheduledAt: "9999-01-01T09:00:00Z" }, headers: { origin: new URL(page.url()).origin } });
  expect(res.status()).toBe(422);
  const body = (await res.json()) as { error: { field?: string; message: string; issues?: { field: string; message: string }[] } };
  expect(JSON.stringify(body)).toContain("scheduledAt");
  expect(JSON.stringify(body)).toMatch(/2 ans/);
});
