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
    const res = await notify({ organizationId: orgId, type: "approval.requested", severity: "WARNING", title: "Post <LinkedIn> à valider", body: "Q&A > 3 lignes", actionUrl: "/acme/approvals/apr_1", dedupeKey: key(), data: { approvalId: "apr_1" } });
    expect(res).toMatchObject({ created: true, slack: "sent" });
    expect(slack.messages).toHaveLength(1);
    const m = slack.messages[0]!;
    expect(m.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(m.warning).toBeUndefined(); // charset declared
    expect(m.channel).toBe("C0MARKETING");
    expect(m.text).toBe("Post <LinkedIn> à valider: Q&A > 3 lignes");
    const section = (m.blocks as { text: { type: string; text: string } }[])[0]!.text;
    expect(section.type).toBe("mrkdwn");
    expect(section.text).toContain("*Post &lt;LinkedIn&gt; à valider*");
    expect(section.text).toContain("Q&amp;A &gt; 3 lignes");
    expect(section.text).toContain("<https://app.example.com/acme/approvals/apr_1|");
    const row = await t.db.notification.findUniqueOrThrow({ where: { id: res.id } });
    expect(row).toMatchObject({ type: "approval.requested", severity: "WARNING", title: "Post <LinkedIn> à valider", actionUrl: "/acme/approvals/apr_1", userId: null });
    expect(row.data).toMatchObject({ approvalId: "apr_1", slack: { ok: true, channel: "C0MARKETING", ts: m.ts } });
  });

  it("the same dedupeKey twice (a re-run step) -> one row, one Slack message", async () => {
    const k = key();
    const first = await notify({ organizationId: orgId, type: "signal.detected", title: "Contenu gagnant", dedupeKey: k });
    const again = await notify({ organizationId: orgId, type: "signal.detected", title: "Contenu gagnant", dedupeKey: k });
    expect(first).toMatchObject({ created: true, slack: "sent" });
    expect(again).toEqual({ id: first.id, created: false, slack: "skipped" });
    expect(await t.db.notification.count({ where: { organizationId: orgId, dedupeKey: k } })).toBe(1);
    expect(slack.messages).toHaveLength(1);
  });

  it("Slack answers ok:false (channel_not_found, not_in_channel, invalid_auth) -> the row is kept with the error", async () => {
    setEnv({ SLACK_DEFAULT_CHANNEL: "#nowhere" });
    const a = await notify({ organizationId: orgId, type: "publication.failed", severity: "CRITICAL", title: "Échec de publication", dedupeKey: key() });
    expect(a.slack).toBe("failed");
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: a.id } })).data).toMatchObject({ slack: { ok: false, error: "channel_not_found" } });

    setEnv({ SLACK_DEFAULT_CHANNEL: "#private" });
    const b = await notify({ organizationId: orgId, type: "publication.failed", title: "Échec", dedupeKey: key() });
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: b.id } })).data).toMatchObject({ slack: { ok: false, error: "not_in_channel" } });

    setEnv({ SLACK_DEFAULT_CHANNEL: "#marketing", SLACK_BOT_TOKEN: "xoxb-revoked" });
    const c = await notify({ organizationId: orgId, type: "publication.failed", title: "Échec", dedupeKey: key() });
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: c.id } })).data).toMatchObject({ slack: { ok: false, error: "invalid_auth" } });
    expect(slack.messages).toHaveLength(0);
  });

  it("429 ratelimited, a 5xx, Slack unreachable -> row kept, failure recorded, notify returns", async () => {
    slack.enqueue({ status: 429, retryAfter: 30 });
    const limited = await notify({ organizationId: orgId, type: "lead.hot", title: "Lead chaud", dedupeKey: key() });
    expect(limited.slack).toBe("failed");
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: limited.id } })).data).toMatchObject({ slack: { ok: false, error: "ratelimited", retryAfterSeconds: 30 } });

    slack.enqueue({ status: 503 });
    const down = await notify({ organizationId: orgId, type: "lead.hot", title: "Lead chaud", dedupeKey: key() });
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: down.id } })).data).toMatchObject({ slack: { ok: false, error: "http_503" } });

    await slack.server.stop();
    try {
      const unreachable = await notify({ organizationId: orgId, type: "lead.hot", title: "Lead chaud", dedupeKey: key() });
      expect(unreachable).toMatchObject({ created: true, slack: "failed" });
      expect(await t.db.notification.findUniqueOrThrow({ where: { id: unreachable.id } })).toMatchObject({ title: "Lead chaud" });
    } finally {
      await slack.server.start(Number(new URL(slack.server.url).port));
    }
  });
});

describe("notify without Slack", () => {
  it("no SLACK_BOT_TOKEN -> in-app only, nothing sent; a member-targeted row keeps its userId", async () => {
    setEnv({ SLACK_BOT_TOKEN: undefined });
    const user = await t.db.user.create({ data: { email: `m-${randomBytes(4).toString("hex")}@example.com` } });
    const res = await notify({ organizationId: orgId, userId: user.id, type: "token.expiring", title: "Reconnectez LinkedIn", body: "Le jeton expire dans 3 jours." });
    expect(res).toMatchObject({ created: true, slack: "disabled" });
    expect(slack.calls).toHaveLength(0);
    expect(await t.db.notification.findUniqueOrThrow({ where: { id: res.id } })).toMatchObject({ userId: user.id, severity: "INFO", body: "Le jeton expire dans 3 jours.", dedupeKey: null });
  });

  it("a token without SLACK_DEFAULT_CHANNEL -> in-app only (skipped), nothing sent", async () => {
    setEnv({ SLACK_DEFAULT_CHANNEL: undefined });
    expect((await notify({ organizationId: orgId, type: "x", title: "x" })).slack).toBe("skipped");
    expect(slack.calls).toHaveLength(0);
  });
});
