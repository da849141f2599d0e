import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { notify } from "@/lib/providers/notify";
import { createResendFake, type ResendFake } from "@/tests/fakes/resend";
import { createSlackFake, type SlackFake } from "@/tests/fakes/slack";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { setEnv } from "./harness";

/**
 * notify() called again for the same alert (a step retried after the email provider failed, or replayed
 * after a crash): each channel is delivered once, keyed (the rows by dedupe key, the Slack message by a
 * claim on that key, each email by its outbox idempotency key), and none is skipped because the in-app
 * rows already exist. Against the Slack and Resend fakes and PostgreSQL.
 */
const TOKEN = "xoxb-retry-token";
const RESEND_KEY = "re_test_retry";
let t: TestDatabase;
let slack: SlackFake;
let resend: ResendFake;
let org: { id: string; owner: string; admin: string };

beforeAll(async () => {
  t = await createTestDatabase();
  slack = createSlackFake({ token: TOKEN });
  resend = createResendFake({ apiKey: RESEND_KEY });
  await slack.server.start();
  await resend.server.start();
  // Before the first email: the provider is chosen once per process.
  setEnv({ RESEND_API_KEY: RESEND_KEY, RESEND_BASE_URL: resend.server.url, SLACK_BOT_TOKEN: TOKEN, SLACK_API_BASE_URL: `${slack.server.url}/api`, SLACK_DEFAULT_CHANNEL: "#marketing", APP_URL: "https://app.example.com" });
  const o = await t.db.organization.create({ data: { slug: `r-${randomBytes(4).toString("hex")}`, name: "Retry Org" } });
  const mk = async (role: "OWNER" | "ADMIN") => {
    const u = await t.db.user.create({ data: { email: `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@example.com` } });
    await t.db.membership.create({ data: { organizationId: o.id, userId: u.id, role } });
    return u.email;
  };
  org = { id: o.id, owner: await mk("OWNER"), admin: await mk("ADMIN") };
});
afterAll(async () => {
  await slack.server.stop();
  await resend.server.stop();
  await t.cleanup();
  setEnv({ RESEND_API_KEY: undefined, RESEND_BASE_URL: undefined, SLACK_BOT_TOKEN: undefined, SLACK_API_BASE_URL: undefined, SLACK_DEFAULT_CHANNEL: undefined, APP_URL: undefined });
});
beforeEach(() => {
  slack.reset();
  resend.sent.length = 0;
});

const alert = (dedupeKey: string) => ({
  organizationId: org.id,
  to: { roles: ["OWNER", "ADMIN"] as ("OWNER" | "ADMIN")[] },
  type: "account.reconnect_required",
  severity: "CRITICAL" as const,
  message: { key: "accountReconnect" as const, values: { account: "Atelier", platform: "linkedin" } },
  actionUrl: "/retry/settings/connections",
  dedupeKey,
  email: "audience" as const,
});

describe("notify retried after a failure", () => {
  it("the email provider fails after the rows are written: the retry sends Slack once and each email once", async () => {
    const k = `k-${randomBytes(4).toString("hex")}`;
    resend.failNext(1);
    await expect(notify(alert(k))).rejects.toThrow();
    // The step's retry, then one more replay.
    const retry = await notify(alert(k));
    const replay = await notify(alert(k));
    expect(retry).toMatchObject({ created: 0, emailed: 2 });
    expect(replay).toMatchObject({ created: 0, slack: "skipped", emailed: 2 });
    expect(await t.db.notification.count({ where: { organizationId: org.id, dedupeKey: { startsWith: `${k}:` } } })).toBe(2);
    expect(slack.messages).toHaveLength(1);
    expect(resend.sent.map((m) => m.to[0]).sort()).toEqual([org.admin, org.owner].sort());
    const rows = await t.db.notification.findMany({ where: { organizationId: org.id, dedupeKey: { startsWith: `${k}:` } } });
    expect(rows.every((r) => (r.data as { slack?: { ok: boolean; ts: string } }).slack?.ts === slack.messages[0]!.ts)).toBe(true);
  });

  it("Slack refused the first time (ok:false): the retry posts it once; Slack that did not answer (5xx) is not posted again", async () => {
    const refused = `k-${randomBytes(4).toString("hex")}`;
    slack.enqueue({ error: "invalid_auth" });
    expect((await notify(alert(refused))).slack).toBe("failed");
    expect((await notify(alert(refused))).slack).toBe("sent");
    expect((await notify(alert(refused))).slack).toBe("skipped");
    expect(slack.messages).toHaveLength(1);

    const unknown = `k-${randomBytes(4).toString("hex")}`;
    slack.enqueue({ status: 503 });
    expect((await notify(alert(unknown))).slack).toBe("failed");
    expect((await notify(alert(unknown))).slack).toBe("skipped");
    expect(slack.calls.filter((c) => JSON.stringify(c.body).includes("Atelier"))).toHaveLength(3);
  });
});
