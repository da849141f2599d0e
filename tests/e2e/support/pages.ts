import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";

/**
 * Every page of the app (each app/**\/page.tsx) as a URL on the demo organisation, for the checks
 * that must hold on all of them (phone width, one language at a time). A page file with no entry
 * here fails `allPages()`, so a new page cannot slip past those checks.
 * `id` pages take the first matching link of their list page (a real record of the demo data).
 */
type Entry = { urls: string[] } | { from: string; link: RegExp; prepare?: (page: Page) => Promise<void> };

export const PAGE_TABLE: Record<string, Entry> = {
  "app/page.tsx": { urls: ["/"] },
  "app/(auth)/sign-in/page.tsx": { urls: ["/sign-in"] },
  "app/(auth)/sign-up/page.tsx": { urls: ["/sign-up"] },
  "app/(auth)/onboarding/page.tsx": { urls: ["/onboarding"] },
  "app/(auth)/invite/[token]/page.tsx": { urls: ["/invite/not-a-real-invitation-token"] },
  "app/approve/[token]/page.tsx": { urls: ["/approve/not-a-real-approval-token"] },
  "app/dev/mail/page.tsx": { urls: ["/dev/mail"] },
  "app/(app)/[org]/page.tsx": { urls: ["/demo"] },
  "app/(app)/[org]/war-room/page.tsx": { urls: ["/demo/war-room"] },
  "app/(app)/[org]/war-room/automations/page.tsx": { urls: ["/demo/war-room/automations"] },
  "app/(app)/[org]/war-room/dead-letters/page.tsx": { urls: ["/demo/war-room/dead-letters"] },
  "app/(app)/[org]/war-room/reports/page.tsx": { urls: ["/demo/war-room/reports"] },
  "app/(app)/[org]/war-room/reports/[id]/page.tsx": { from: "/demo/war-room/reports", link: /^\/demo\/war-room\/reports\/[^/?#]+$/ },
  "app/(app)/[org]/war-room/trends/page.tsx": { urls: ["/demo/war-room/trends", "/demo/war-room/trends?days=30"] },
  "app/(app)/[org]/content/page.tsx": { urls: ["/demo/content"] },
  "app/(app)/[org]/content/[id]/page.tsx": { from: "/demo/content/queue", link: /^\/demo\/content\/(?!calendar|queue|media|compose)[^/?#]+$/ },
  "app/(app)/[org]/content/calendar/page.tsx": { urls: ["/demo/content/calendar"] },
  "app/(app)/[org]/content/queue/page.tsx": { urls: ["/demo/content/queue"] },
  "app/(app)/[org]/content/media/page.tsx": { urls: ["/demo/content/media"] },
  "app/(app)/[org]/content/compose/page.tsx": { urls: ["/demo/content/compose"] },
  "app/(app)/[org]/approvals/page.tsx": { urls: ["/demo/approvals"] },
  "app/(app)/[org]/campaigns/page.tsx": { urls: ["/demo/campaigns"] },
  "app/(app)/[org]/campaigns/[id]/page.tsx": { from: "/demo/campaigns", link: /^\/demo\/campaigns\/(?!competitors$)[^/?#]+$/ },
  "app/(app)/[org]/campaigns/competitors/page.tsx": { urls: ["/demo/campaigns/competitors"] },
  "app/(app)/[org]/leads/page.tsx": { urls: ["/demo/leads", "/demo/leads?view=board"] },
  "app/(app)/[org]/leads/[id]/page.tsx": { from: "/demo/leads", link: /^\/demo\/leads\/(?!import$|sequences$|attribution$)[^/?#]+$/ },
  "app/(app)/[org]/leads/attribution/page.tsx": { urls: ["/demo/leads/attribution"] },
  "app/(app)/[org]/leads/import/page.tsx": { urls: ["/demo/leads/import"] },
  "app/(app)/[org]/leads/sequences/page.tsx": { urls: ["/demo/leads/sequences"] },
  "app/(app)/[org]/leads/sequences/new/page.tsx": { urls: ["/demo/leads/sequences/new"] },
  "app/(app)/[org]/leads/sequences/[id]/page.tsx": { from: "/demo/leads/sequences", link: /^\/demo\/leads\/sequences\/(?!new$)[^/?#]+$/ },
  "app/(app)/[org]/inbox/page.tsx": { urls: ["/demo/inbox"] },
  "app/(app)/[org]/inbox/comments/page.tsx": { urls: ["/demo/inbox/comments"] },
  "app/(app)/[org]/inbox/kpis/page.tsx": { urls: ["/demo/inbox/kpis"] },
  "app/(app)/[org]/inbox/topics/page.tsx": { urls: ["/demo/inbox/topics", "/demo/inbox/topics?period=24h"] },
  "app/(app)/[org]/inbox/rules/page.tsx": { urls: ["/demo/inbox/rules"] },
  "app/(app)/[org]/assistant/page.tsx": { urls: ["/demo/assistant"] },
  "app/(app)/[org]/assistant/[id]/page.tsx": { from: "/demo/assistant", link: /^\/demo\/assistant\/[^/?#]+$/ },
  "app/(app)/[org]/agents/page.tsx": { urls: ["/demo/agents"] },
  "app/(app)/[org]/agents/[id]/page.tsx": { from: "/demo/agents", link: /^\/demo\/agents\/(?!templates$)[^/?#]+$/ },
  "app/(app)/[org]/agents/templates/page.tsx": { urls: ["/demo/agents/templates"] },
  "app/(app)/[org]/analytics/page.tsx": { urls: ["/demo/analytics"] },
  "app/(app)/[org]/events/page.tsx": { urls: ["/demo/events"] },
  "app/(app)/[org]/runs/page.tsx": { urls: ["/demo/runs"] },
  "app/(app)/[org]/runs/[runId]/page.tsx": {
    from: "/demo/runs",
    link: /^\/demo\/runs\/[^/?#]+$/,
    // A fresh database has no run yet: start the ping workflow and wait until the runs list shows it.
    prepare: async (page) => {
      expect((await page.request.post("/api/orgs/demo/runs/ping", { data: {}, headers: { origin: new URL(page.url()).origin } })).status()).toBe(202);
      await expect.poll(async () => ((await (await page.request.get("/api/orgs/demo/runs")).json()) as { runs: unknown[] }).runs.length, { timeout: 30_000 }).toBeGreaterThan(0);
    },
  },
  "app/(app)/[org]/settings/page.tsx": { urls: ["/demo/settings"] },
  "app/(app)/[org]/settings/ads/page.tsx": { urls: ["/demo/settings/ads"] },
  "app/(app)/[org]/settings/api-keys/page.tsx": { urls: ["/demo/settings/api-keys"] },
  "app/(app)/[org]/settings/lead-sources/page.tsx": { urls: ["/demo/settings/lead-sources"] },
  "app/(app)/[org]/settings/api/page.tsx": { urls: ["/demo/settings/api"] },
  "app/(app)/[org]/settings/connections/page.tsx": { urls: ["/demo/settings/connections"] },
  "app/(app)/[org]/settings/connections/pending/[stateId]/page.tsx": { urls: ["/demo/settings/connections/pending/not-a-real-state"] },
  "app/(app)/[org]/settings/members/page.tsx": { urls: ["/demo/settings/members"] },
  "app/(app)/[org]/settings/outbox/page.tsx": { urls: ["/demo/settings/outbox"] },
  "app/(app)/[org]/settings/brands/page.tsx": { urls: ["/demo/settings/brands"] },
  "app/(app)/[org]/settings/booking/page.tsx": { urls: ["/demo/settings/booking"] },
  // The lead's booking link (public, no sign-in): an invalid token shows its explanation.
  "app/book/[token]/page.tsx": { urls: ["/book/not-a-real-booking-token"] },
};

function pageFiles(dir = "app"): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pageFiles(p));
    else if (name === "page.tsx") out.push(p.split(path.sep).join("/"));
  }
  return out;
}

/** The page files of this checkout; throws naming any without an entry in PAGE_TABLE. */
export function allPageFiles(): string[] {
  const files = pageFiles().sort();
  const missing = files.filter((f) => !PAGE_TABLE[f]);
  if (missing.length) throw new Error(`Pages not covered by tests/e2e/support/pages.ts: ${missing.join(", ")}`);
  return files;
}

/** Resolve every page file to URLs (the signed-in demo user's session in `page`). */
export async function allPageUrls(page: Page): Promise<{ file: string; url: string }[]> {
  const out: { file: string; url: string }[] = [];
  for (const file of allPageFiles()) {
    const entry = PAGE_TABLE[file]!;
    if ("urls" in entry) {
      for (const url of entry.urls) out.push({ file, url });
      continue;
    }
    await entry.prepare?.(page);
    await page.goto(entry.from);
    const link = async () => (await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))).find((h) => entry.link.test(h));
    await expect.poll(link, { message: `a link to ${file} on ${entry.from}` }).toBeTruthy();
    out.push({ file, url: (await link())! });
  }
  return out;
}

export async function signInDemo(page: Page): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel(/E-mail|Email/).fill("demo@marketingengine.app");
  await page.getByLabel(/Mot de passe|Password/).fill("demo-password");
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/demo\/war-room$/);
}

/** Pages a page pass visits at once (visitConcurrently): 2 by default; E2E_PAGE_TABS to measure another. */
export const PAGE_TABS = Math.max(1, Number(process.env.E2E_PAGE_TABS ?? "2"));

/**
 * Runs `visit` on every item, `tabs` at a time: each in its own browser context, signed in with
 * `session` (a context's storageState: cookies, locale cookie included). Separate contexts, not tabs of
 * one: every app page keeps its live stream (SSE) open, and the tabs of one context share Chromium's
 * six connections per host, so three tabs (six streams while they navigate) left the other requests
 * queued forever and "networkidle" never came. A context has its own connection pool.
 * The server renders one page while the browser lays out another, and the 500 ms network-idle waits
 * overlap. `visit` may push failures; the first thrown error stops the pass.
 */
export async function visitConcurrently<T>(
  browser: Browser,
  options: BrowserContextOptions & { storageState: NonNullable<BrowserContextOptions["storageState"]> },
  items: T[],
  tabs: number,
  visit: (page: Page, item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const contexts = await Promise.all(Array.from({ length: Math.min(tabs, items.length) }, () => browser.newContext(options)));
  try {
    await Promise.all(
      contexts.map(async (context) => {
        const page = await context.newPage();
        for (let i = next++; i < items.length; i = next++) await visit(page, items[i]!);
      }),
    );
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}

/**
 * goto(url), then wait for the network to go idle (500 ms without a request, the page's live stream
 * aside), at most `idleMs`. Playwright's "networkidle" sometimes never comes after a navigation: in CI
 * a 390 px pass hung 8 minutes on it, and bounded to 60 s the French pass stalled on
 * `/invite/not-a-real-invitation-token` and `/onboarding` (the first pages outside the app shell after
 * a series of app pages) with no request in flight by the page's own request events; run again, the
 * same pass went idle everywhere. So the wait is bounded and its timeout tolerated: the checks after it
 * read the settled page anyway (auto-waiting locators, screenshots), and the run prints which page it
 * was, so a page that really keeps the network busy shows up.
 */
export async function gotoSettled(tab: Page, url: string, idleMs = 20_000): Promise<import("@playwright/test").Response | null> {
  const res = await tab.goto(url);
  try {
    await tab.waitForLoadState("networkidle", { timeout: idleMs });
  } catch {
    console.warn(`${url}: no "networkidle" within ${idleMs / 1000} s; checked after the load event`);
  }
  return res;
}
