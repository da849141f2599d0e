import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { notify } from "@/lib/providers/notify";
import { createSlackFake, type SlackFake } from "@/tests/fakes/slack";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { setEnv } from "./harness";

/**
 * notify(): the in-app Notification row always, a Slack chat.postMessage copy when configured
 * (against the Slack fake), deduplicated per (organisation, dedupeKey), and Slack failures recorded
 * on the row without ever losing it.
 */
const TOKEN = "xoxb-test-token";
let t: TestDatabase;
let slack: SlackFake;
let orgId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  slack = createSlackFake({ token: TOKEN, channels: { "#marketing": "C0MARKETING", C0MARKETING: "C0MARKETING", "#private": "C0PRIVATE" }, notInChannel: ["C0PRIVATE"] });
  await slack.server.start();
  orgId = (await t.db.organization.create({ data: { slug: `n-${randomBytes(4).toString("hex")}`, name: "Notify Org" } })).id;
});
afterAll(async () => {
  await slack.server.stop();
  await t.cleanup();
  setEnv({ SLACK_BOT_TOKEN: undefined, SLACK_API_BASE_URL: undefined, SLACK_DEFAULT_CHANNEL: undefined, APP_URL: undefined });
});
beforeEach(() => {
  slack.reset();
  setEnv({ SLACK_BOT_TOKEN: TOKEN, SLACK_API_BASE_URL: `${slack.server.url}/api`, SLACK_DEFAULT_CHANNEL: "#marketing", APP_URL: "https://app.example.com" });
});

const key = () => `k-${randomBytes(4).toString("hex")}`;

describe("notify with Slack configured", () => {
  it("writes the row and posts chat.postMessage (bearer token, JSON utf-8, escaped mrkdwn, absolute link)", async () => {
    const res = await notify({
      organizationId: orgId,
      to: "organization",
      type: "approval.requested",
      severity: "WARNING",
      message: { key: "approvalRequested", values: { title: "Post <LinkedIn>", excerpt: "Q&A > 3 lignes" } },
      actionUrl: "/acme/approvals/apr_1",
      dedupeKey: key(),
      data: { approvalId: "apr_1" },
    });
    expect(res).toMatchObject({ created: 1, slack: "sent" });
    expect(slack.messages).toHaveLength(1);
    const m = slack.messages[0]!;
    expect(m.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(m.warning).toBeUndefined(); // charset declared
    expect(m.channel).toBe("C0MARKETING");
    // In the organisation's language (French by default).
    expect(m.text).toBe("À approuver : Post <LinkedIn>: Q&A > 3 lignes");
    const section = (m.blocks as { text: { type: string; text: string } }[])[0]!.text;
    expect(section.type).toBe("mrkdwn");
    expect(section.text).toContain("*À approuver : Post &lt;LinkedIn&gt;*");
    expect(section.text).toContain("Q&amp;A &gt; 3 lignes");
    expect(section.text).toContain("<https://app.example.com/acme/approvals/apr_1|Ouvrir dans MarketingEngine>");
    const row = await t.db.notification.findUniqueOrThrow({ where: { id: res.ids[0] } });
    expect(row).toMatchObject({
      type: "approval.requested",
      severity: "WARNING",
      title: "To approve: Post <LinkedIn>",
      messageKey: "approvalRequested",
      messageValues: { title: "Post <LinkedIn>", excerpt: "Q&A > 3 lignes" },
      actionUrl: "/acme/approvals/apr_1",
      userId: null,
    });
    expect(row.data).toMatchObject({ approvalId: "apr_1", slack: { ok: true, channel: "C0MARKETING", ts: m.ts } });
  });

  it("the same dedupeKey twice (a re-run step) -> one row, one Slack message", async () => {
    const k = key();
    const first = await notify({ organizationId: orgId, to: "organization", type: "signal.detected", message: { key: "signalDetected", values: { title: "Contenu gagnant", platform: "LINKEDIN", rate: 9.5, threshold: 6 } }, dedupeKey: k });
    const again = await notify({ organizationId: orgId, to: "organization", type: "signal.detected", message: { key: "signalDetected", values: { title: "Contenu gagnant", platform: "LINKEDIN", rate: 9.5, threshold: 6 } }, dedupeKey: k });
    expect(first).toMatchObject({ created: 1, slack: "sent" });
    expect(again).toEqual({ ids: first.ids, created: 0, slack: "skipped", emailed: 0 });
    expect(await t.db.notification.count({ where: { organizationId: orgId, dedupeKey: k } })).toBe(1);
    expect(slack.messages).toHaveLength(1);
  });

  it("Slack answers ok:false (channel_not_found, not_in_channel, invalid_auth) -> the row is kept with the error", async () => {
    setEnv({ SLACK_DEFAULT_CHANNEL: "#nowhere" });
    const a = await notify({ organizationId: orgId, to: "organization", type: "account.reconnect_required", severity: "CRITICAL", message: { key: "accountReconnect", values: { account: "Page", platform: "FACEBOOK" } }, dedupeKey: key() });
    expect(a.slack).toBe("failed");
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: a.ids[0] } })).data).toMatchObject({ slack: { ok: false, error: "channel_not_found" } });

    setEnv({ SLACK_DEFAULT_CHANNEL: "#private" });
    const b = await notify({ organizationId: orgId, to: "organization", type: "account.reconnect_required", message: { key: "accountReconnect", values: { account: "Page", platform: "FACEBOOK" } }, dedupeKey: key() });
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: b.ids[0] } })).data).toMatchObject({ slack: { ok: false, error: "not_in_channel" } });

    setEnv({ SLACK_DEFAULT_CHANNEL: "#marketing", SLACK_BOT_TOKEN: "xoxb-revoked" });
    const c = await notify({ organizationId: orgId, to: "organization", type: "account.reconnect_required", message: { key: "accountReconnect", values: { account: "Page", platform: "FACEBOOK" } }, dedupeKey: key() });
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: c.ids[0] } })).data).toMatchObject({ slack: { ok: false, error: "invalid_auth" } });
    expect(slack.messages).toHaveLength(0);
  });

  it("429 ratelimited, a 5xx, Slack unreachable -> row kept, failure recorded, notify returns", async () => {
    slack.enqueue({ status: 429, retryAfter: 30 });
    const limited = await notify({ organizationId: orgId, to: "organization", type: "lead.hot", message: { key: "leadHot", values: { name: "Awa", company: "Sahel & Co", score: 80, summary: "" } }, dedupeKey: key() });
    expect(limited.slack).toBe("failed");
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: limited.ids[0] } })).data).toMatchObject({ slack: { ok: false, error: "ratelimited", retryAfterSeconds: 30 } });

    slack.enqueue({ status: 503 });
    const down = await notify({ organizationId: orgId, to: "organization", type: "lead.hot", message: { key: "leadHot", values: { name: "Awa", company: "Sahel & Co", score: 80, summary: "" } }, dedupeKey: key() });
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: down.ids[0] } })).data).toMatchObject({ slack: { ok: false, error: "http_503" } });

    await slack.server.stop();
    try {
      const unreachable = await notify({ organizationId: orgId, to: "organization", type: "lead.hot", message: { key: "leadHot", values: { name: "Awa", company: "Sahel & Co", score: 80, summary: "" } }, dedupeKey: key() });
      expect(unreachable).toMatchObject({ created: 1, slack: "failed" });
      expect(await t.db.notification.findUniqueOrThrow({ where: { id: unreachable.ids[0] } })).toMatchObject({ title: "Hot lead: Awa (Sahel & Co)" });
    } finally {
      await slack.server.start(Number(new URL(slack.server.url).port));
    }
  });
});

describe("notify to members: each in their own language", () => {
  it("a row per member with the role, one Slack message (organisation's language), an email per member in theirs, all once", async () => {
    const org = await t.db.organization.create({ data: { slug: `m-${randomBytes(4).toString("hex")}`, name: "Atelier Ségou", locale: "en", timezone: "Africa/Dakar" } });
    const mk = async (locale: string, role: "OWNER" | "ADMIN" | "EDITOR", timeZone?: string) => {
      const u = await t.db.user.create({ data: { email: `${locale}-${randomBytes(4).toString("hex")}@example.com`, locale, timeZone } });
      await t.db.membership.create({ data: { organizationId: org.id, userId: u.id, role } });
      return u;
    };
    const fr = await mk("fr", "OWNER", "Europe/Paris");
    const en = await mk("en", "ADMIN");
    await mk("fr", "EDITOR"); // not in the audience
    const input = {
      organizationId: org.id,
      to: { roles: ["OWNER", "ADMIN"] as ("OWNER" | "ADMIN")[] },
      type: "publication.failed",
      severity: "CRITICAL" as const,
      message: {
        key: "publicationFailed" as const,
        values: { platform: "INSTAGRAM", account: "@atelier", label: "Bogolan", at: "2026-03-12T08:00:00.000Z", attempts: 3, error: "media rejected" },
      },
      actionUrl: `/${org.slug}/content/queue`,
      dedupeKey: key(),
      email: "audience" as const,
    };
    const first = await notify(input);
    const again = await notify(input);
    expect(first).toMatchObject({ created: 2, slack: "sent", emailed: 2 });
    expect(again).toMatchObject({ created: 0, slack: "skipped" });
    expect((await t.db.notification.findMany({ where: { organizationId: org.id } })).map((n) => n.userId).sort()).toEqual([fr.id, en.id].sort());
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]!.text).toBe("Publishing failed on Instagram (@atelier): \u201cBogolan\u201d, scheduled for Mar 12, 2026 at 8:00 AM, failed after 3 attempts: media rejected");
    const mails = await t.db.outboxEmail.findMany({ where: { organizationId: org.id } });
    expect(mails).toHaveLength(2);
    const to = (u: { email: string }) => mails.find((m) => m.toAddresses.includes(u.email))!;
    // French reader in Paris (09:00), English reader in the organisation's zone (Dakar, 08:00).
    expect(to(fr).subject).toBe("Échec de publication sur Instagram (@atelier)");
    expect(to(fr).text).toContain("prévue le 12 mars 2026 à 09:00, a échoué après 3 tentatives : media rejected");
    expect(to(fr).text).toContain(`Ouvrir dans MarketingEngine: https://app.example.com/${org.slug}/content/queue`);
    expect(to(en).subject).toBe("Publishing failed on Instagram (@atelier)");
    expect(to(en).text).toContain("scheduled for Mar 12, 2026 at 8:00 AM");
    expect(to(en).html).toContain("You receive this email because you are a member of Atelier Ségou");
  });
});

describe("notify without Slack", () => {
  it("no SLACK_BOT_TOKEN -> in-app only, nothing sent; a member-targeted row keeps its userId", async () => {
    setEnv({ SLACK_BOT_TOKEN: undefined });
    const user = await t.db.user.create({ data: { email: `m-${randomBytes(4).toString("hex")}@example.com` } });
    await t.db.membership.create({ data: { organizationId: orgId, userId: user.id, role: "EDITOR" } });
    const res = await notify({ organizationId: orgId, to: { userId: user.id }, type: "account.reconnect_required", message: { key: "accountReconnect", values: { account: "Acme", platform: "LINKEDIN" } } });
    expect(res).toMatchObject({ created: 1, slack: "disabled", emailed: 0 });
    expect(slack.calls).toHaveLength(0);
    expect(await t.db.notification.findUniqueOrThrow({ where: { id: res.ids[0] } })).toMatchObject({
      userId: user.id,
      severity: "INFO",
      body: "The LinkedIn account \u201cAcme\u201d stopped accepting our access. Publishing and metrics are paused until it is reconnected.",
      dedupeKey: null,
    });
  });

  it("a token without SLACK_DEFAULT_CHANNEL -> in-app only (skipped), nothing sent", async () => {
    setEnv({ SLACK_DEFAULT_CHANNEL: undefined });
    expect((await notify({ organizationId: orgId, to: "organization", type: "lead.hot", message: { key: "leadHot", values: { name: "Awa", company: "Sahel & Co", score: 80, summary: "" } } })).slack).toBe("skipped");
    expect(slack.calls).toHaveLength(0);
  });
});
