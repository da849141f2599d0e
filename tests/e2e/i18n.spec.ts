import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { allPageUrls, gotoSettled, PAGE_TABS, signInDemo, visitConcurrently } from "./support/pages";

/**
 * The whole-app page passes (issue 9). One language at a time: every page in French then in English;
 * a page fails when it shows a string of the other language's catalogue (a text node equal to it), an
 * enum value (HIGH, LINKEDIN, PENDING_APPROVAL) or a workflow id (mkt-106-adapt-content) instead of a
 * label. The French pass also resizes each page to a 390 px phone (checkPhone below).
 */
type Locale = "fr" | "en";

function flatten(obj: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (typeof obj === "string") out.set(prefix, obj);
  else if (obj && typeof obj === "object") for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

function catalogue(locale: Locale): Map<string, string> {
  const dir = path.join("messages", locale);
  const out = new Map<string, string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".json"))) flatten(JSON.parse(readFileSync(path.join(dir, f), "utf8")), f.replace(/\.json$/, ""), out);
  return out;
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

/** Strings of `other` that cannot appear in a `locale` page: different from this language's value and from every value of this language. */
function foreignStrings(locale: Locale): Set<string> {
  const mine = catalogue(locale);
  const other = catalogue(locale === "fr" ? "en" : "fr");
  const mineValues = new Set([...mine.values()].map(norm));
  const out = new Set<string>();
  for (const [key, value] of other) {
    const v = norm(value);
    // Whole static strings only (ICU templates and plurals vary), at least two words or 8 letters.
    if (/[{}<>]/.test(v) || v.length < 8 || (!v.includes(" ") && v.length < 10)) continue;
    if (mine.get(key) !== undefined && norm(mine.get(key)!) === v) continue;
    if (mineValues.has(v)) continue;
    out.add(v);
  }
  return out;
}

/** All-caps words that are not labels: acronyms people write this way are allowed. */
const ACRONYMS = new Set(["API", "URL", "ROAS", "CPC", "CPM", "CTR", "CTA", "KPI", "SEO", "JPEG", "PNG", "WEBP", "GIF", "MP4", "HTTP", "HTTPS", "UTC", "CSV", "JSON", "PDF", "SMS", "B2B", "B2C", "IA", "AI", "OK", "DM", "DMS", "FAQ", "SLA", "CRM", "EUR", "USD", "XOF", "HTML", "OAUTH", "PKCE", "SSRF", "TLS", "ID", "IP", "ICU", "NB", "TVA", "RGPD", "GDPR", "PME", "SAS", "SARL", "CEO", "CMO", "RH", "HR", "UX", "UI", "TV", "QR", "DEMO"]);

async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "CODE", "PRE"].includes(el.tagName)) continue;
      if (el.closest("[data-i18n-exempt], [aria-hidden=true], code, pre, textarea")) continue;
      const text = (n.textContent ?? "").replace(/\s+/g, " ").trim();
      if (!text) continue;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if ((r.width === 0 && r.height === 0) || s.visibility === "hidden") continue;
      out.push(text);
    }
    // Options of closed <select>s have no box but are read when opened.
    for (const o of Array.from(document.querySelectorAll("option"))) {
      const text = (o.textContent ?? "").replace(/\s+/g, " ").trim();
      if (text && !o.closest("[data-i18n-exempt]")) out.push(text);
    }
    for (const el of Array.from(document.querySelectorAll("[placeholder], [aria-label], [title]"))) {
      for (const a of ["placeholder", "aria-label", "title"]) {
        const v = el.getAttribute(a)?.replace(/\s+/g, " ").trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

function problems(texts: string[], foreign: Set<string>): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    if (foreign.has(t)) out.add(`other language: "${t}"`);
    for (const word of t.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\b/g) ?? []) {
      if (word.length >= 4 && !ACRONYMS.has(word) && /[A-Z]{4}/.test(word)) out.add(`enum value: "${word}" in "${t.slice(0, 60)}"`);
    }
    const id = t.match(/\b(?:mkt|sys)-\d{3}-[a-z-]+/);
    if (id) out.add(`workflow id: "${id[0]}"`);
  }
  return [...out];
}

/**
 * Known gaps, each reported to the lead (not silently accepted): the API reference page shows the
 * OpenAPI contracts' English summaries and tag names in both languages.
 */
const KNOWN_GAPS = new Set(["/demo/settings/api"]);

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

const PHONE = { width: 390, height: 844 };
const SHOTS = path.resolve("test-results", "screenshots", "phone");

/**
 * Phone-sized screens (issue 9): no page of the app scrolls sideways at 390 x 844. Wide content
 * (tables, calendars, charts) must become a list or scroll inside its own box, never the document.
 * Checked in the French pass, on the page it has just read at desktop width, resized to the phone's:
 * the layout is CSS media queries and matchMedia subscriptions, which follow a resize, and a third
 * whole-app pass of navigations (3.3 min of the e2e phase's worker time) is saved.
 */
async function checkPhone(tab: Page, file: string, url: string, desktop: { width: number; height: number }, failures: string[]): Promise<void> {
  await tab.setViewportSize(PHONE);
  // The resize has reached the page, and two frames have run (ResizeObserver-driven charts lay out again).
  await tab.waitForFunction((w) => window.innerWidth === w, PHONE.width);
  await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const { doc, vw } = await tab.evaluate(() => ({ doc: document.documentElement.scrollWidth, vw: window.innerWidth }));
  if (doc !== vw) failures.push(`${url} (${file}): document ${doc} px wide for a ${vw} px viewport\n    ${(await overflowing(tab)).join("\n    ")}`);
  await tab.screenshot({ path: path.join(SHOTS, `${url.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "root"}.png`), fullPage: true });
  await tab.setViewportSize(desktop);
}

// The two passes only read (each signs in on its own): with two workers they run at the same time,
// each on its worker's server (tests/e2e/support/slot.ts).
test.describe.configure({ mode: "parallel" });

for (const locale of ["fr", "en"] as const) {
  const name = locale === "fr" ? "every page speaks only French, and fits a 390 px phone" : "every page speaks only English";
  test(name, async ({ page, context, browser, baseURL, locale: browserLocale, viewport }) => {
    test.setTimeout(480_000);
    const cookie = { name: "me_locale", value: locale, domain: "localhost", path: "/" };
    await context.addCookies([cookie]);
    await signInDemo(page);
    await context.addCookies([cookie]);
    const foreign = foreignStrings(locale);
    expect(foreign.size).toBeGreaterThan(100);
    const failures: string[] = [];
    const phoneFailures: string[] = [];
    const phone = locale === "fr";
    if (phone) mkdirSync(SHOTS, { recursive: true });
    const desktop = viewport ?? { width: 1280, height: 720 };
    // The phone check covers every page; the language check leaves out the known gaps.
    const pages = (await allPageUrls(page)).filter(({ url }) => phone || !KNOWN_GAPS.has(url));
    // This test's browser settings, session and locale cookie.
    const options = { baseURL, locale: browserLocale, viewport, storageState: await context.storageState() };
    await visitConcurrently(browser, options, pages, PAGE_TABS, async (tab, { file, url }) => {
      const res = await gotoSettled(tab, url);
      expect(res?.status() ?? 0, `${url} answers`).toBeLessThan(500);
      await expect(tab.locator("html")).toHaveAttribute("lang", locale);
      if (!KNOWN_GAPS.has(url)) {
        const found = problems(await visibleTexts(tab), foreign);
        if (found.length) failures.push(`${url}:\n    ${found.slice(0, 15).join("\n    ")}`);
      }
      if (phone) await checkPhone(tab, file, url, desktop, phoneFailures);
    });
    expect(failures, failures.join("\n")).toEqual([]);
    expect(phoneFailures, phoneFailures.join("\n")).toEqual([]);
    expect(pages.length).toBeGreaterThanOrEqual(28);
  });
}
