import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { allPageUrls, gotoSettled, PAGE_TABS, signInDemo, visitConcurrently } from "./support/pages";

/**
 * Phone-sized screens (issue 9): no page of the app scrolls sideways at 390 x 844. Wide content
 * (tables, calendars, charts) must become a list or scroll inside its own box, never the document.
 */
const SHOTS = path.resolve("test-results", "screenshots", "phone");
test.use({ viewport: { width: 390, height: 844 } });

/** Elements sticking out of the viewport that are not clipped by a scrolling/hidden ancestor (for the message). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return true;
      }
      return false;
    };
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= vw + 1 || clipped(el)) continue;
      // Report the innermost offenders only.
      if (Array.from(el.children).some((c) => c.getBoundingClientRect().right > vw + 1)) continue;
      const id = el.getAttribute("data-testid") ?? el.className.toString().slice(0, 60);
      out.push(`<${el.tagName.toLowerCase()} ${id}> right=${Math.round(r.right)} "${(el.textContent ?? "").trim().slice(0, 40)}"`);
      if (out.length >= 8) break;
    }
    return out;
  });
}

test("every page fits a 390 px phone: document width = viewport width", async ({ page, context, browser, baseURL, locale: browserLocale, viewport }) => {
  test.setTimeout(480_000);
  mkdirSync(SHOTS, { recursive: true });
  await signInDemo(page);
  const pages = await allPageUrls(page);
  const failures: string[] = [];
  // This test's browser settings (390 x 844) and session.
  const options = { baseURL, locale: browserLocale, viewport, storageState: await context.storageState() };
  await visitConcurrently(browser, options, pages, PAGE_TABS, async (tab, { file, url }) => {
    const res = await gotoSettled(tab, url);
    expect(res?.status() ?? 0, `${url} answers`).toBeLessThan(500);
    const { doc, vw } = await tab.evaluate(() => ({ doc: document.documentElement.scrollWidth, vw: window.innerWidth }));
    if (doc !== vw) failures.push(`${url} (${file}): document ${doc} px wide for a ${vw} px viewport\n    ${(await overflowing(tab)).join("\n    ")}`);
    await tab.screenshot({ path: path.join(SHOTS, `${url.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "root"}.png`), fullPage: true });
  });
  expect(failures, failures.join("\n")).toEqual([]);
  expect(pages.length).toBeGreaterThanOrEqual(28);
});
