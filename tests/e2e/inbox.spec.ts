import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { signInAsDemo } from "./support/demo";
import { e2eDb } from "./support/slot";

/**
 * Issue 15, the social inbox in the browser as the demo owner: filter the conversations by Escalated,
 * open Camille Durand's Instagram complaint (escalated by the "Réclamations" rule 40 minutes before the
 * seed, its messaging window open), type a reply and send it. The reply is sent on the sandbox network
 * (its record of sent messages, `sandbox_records` kind "message", read in the database the e2e server
 * uses, as tests/e2e/support/mailbox.ts reads sent emails) and the conversation moves to pending.
 */
const SCREENSHOTS = path.resolve("test-results", "screenshots");
test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

/** What the sandbox network recorded as sent to `to` (newest first). */
async function sandboxMessagesTo(to: string): Promise<{ text: string | null; accountId: string }[]> {
  const { url } = e2eDb();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ text: string | null; accountId: string }>(
      `SELECT data->>'text' AS text, "accountId" FROM sandbox_records WHERE kind = 'message' AND data->>'to' = $1 ORDER BY "createdAt" DESC`,
      [to],
    );
    return res.rows;
  } finally {
    await client.end();
  }
}

test("inbox: filter by Escalated, open a conversation, reply; sent on the sandbox network, the conversation is pending", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsDemo(page);
  await page.goto("/demo/inbox");
  await expect(page.getByTestId("page-inbox")).toBeVisible();
  await expect(page.getByTestId("inbox-row").first()).toBeVisible();

  // Escalated: only escalated conversations are listed, the complaint among them.
  await page.getByTestId("inbox-filter-escalated").click();
  await expect(page.getByTestId("inbox-filter-escalated")).toHaveAttribute("aria-pressed", "true");
  const rows = page.getByTestId("inbox-row");
  const camille = rows.filter({ hasText: "Camille Durand" });
  await expect(camille).toHaveCount(1);
  await expect(rows.filter({ hasText: "Promo Boost" })).toHaveCount(0);
  await expect(rows.filter({ hasText: "Léa Robert" })).toHaveCount(0);
  for (const row of await rows.all()) await expect(row).toContainText("Escaladé");

  // Open it: the complaint, the rule's reason, the open messaging window.
  await camille.click();
  const conversation = page.getByTestId("inbox-conversation");
  await expect(conversation).toHaveAttribute("data-status", "ESCALATED");
  await expect(page.getByTestId("inbox-status")).toHaveValue("ESCALATED");
  await expect(conversation.getByTestId("inbox-timeline")).toContainText("arrivée abîmée");
  await expect(conversation).toContainText("Fenêtre de messagerie ouverte");
  await page.screenshot({ path: path.join(SCREENSHOTS, "inbox-escalated.png"), fullPage: true });

  // Reply.
  const reply = `Bonjour Camille, toutes nos excuses ! Nous vous envoyons deux housses neuves dès demain (réf. ${Date.now().toString(36)}).`;
  await page.getByTestId("inbox-reply-text").fill(reply);
  await page.getByTestId("inbox-reply-send").click();
  await expect(conversation.getByRole("status").filter({ hasText: "Envoyé" })).toBeVisible();

  // Sent on the sandbox network, to Camille, from the demo's Instagram account.
  await expect.poll(async () => (await sandboxMessagesTo("sandbox-igsid-1007")).map((m) => m.text)).toContain(reply);

  // The conversation is pending (its status, the status control), the reply in its timeline as sent.
  await expect(conversation).toHaveAttribute("data-status", "PENDING");
  await expect(page.getByTestId("inbox-status")).toHaveValue("PENDING");
  const sent = conversation.getByTestId("inbox-item").filter({ hasText: reply });
  await expect(sent).toHaveAttribute("data-direction", "OUTBOUND");
  await expect(sent.getByTestId("inbox-item-status")).toHaveText("Envoyé");
  await expect(page.getByTestId("inbox-reply-text")).toHaveValue("");
  await page.screenshot({ path: path.join(SCREENSHOTS, "inbox-replied.png"), fullPage: true });

  // In the list, the conversation now reads "En attente".
  await page.getByTestId("inbox-filter-all").click();
  await expect(page.getByTestId("inbox-row").filter({ hasText: "Camille Durand" })).toContainText("En attente");
});
