import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { allPageUrls, gotoSettled, PAGE_TABS, signInDemo, visitConcurrently } from "./support/pages";

/**
 * One language at a time (issue 9): every page in French then in English; a page fails when it
 * shows a string of the other language's catalogue (a text node equal to it), an enum value
 * (HIGH, LINKEDIN, PENDING_APPROVAL) or a workflow id (mkt-106-adapt-content) instead of a label.
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

// The two passes only read (each signs in on its own): with two workers they run at the same time,
// each on its worker's server (tests/e2e/support/slot.ts).
test.describe.configure({ mode: "parallel" });

for (const locale of ["fr", "en"] as const) {
  test(`every page speaks only ${locale === "fr" ? "French" : "English"}`, async ({ page, context, browser, baseURL, locale: browserLocale, viewport }) => {
    test.setTimeout(480_000);
    const cookie = { name: "me_locale", value: locale, domain: "localhost", path: "/" };
    await context.addCookies([cookie]);
    await signInDemo(page);
    await context.addCookies([cookie]);
    const foreign = foreignStrings(locale);
    expect(foreign.size).toBeGreaterThan(100);
    const failures: string[] = [];
    const urls = (await allPageUrls(page)).map(({ url }) => url).filter((url) => !KNOWN_GAPS.has(url));
    // This test's browser settings, session and locale cookie.
    const options = { baseURL, locale: browserLocale, viewport, storageState: await context.storageState() };
    await visitConcurrently(browser, options, urls, PAGE_TABS, async (tab, url) => {
      await gotoSettled(tab, url);
      await expect(tab.locator("html")).toHaveAttribute("lang", locale);
      const found = problems(await visibleTexts(tab), foreign);
      if (found.length) failures.push(`${url}:\n    ${found.slice(0, 15).join("\n    ")}`);
    });
    expect(failures, failures.join("\n")).toEqual([]);
  });
}
