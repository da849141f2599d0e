import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { sendMagicLinkEmail } from "@/lib/auth/send-magic-link";
import { devMailboxAllowed, listMailTo } from "@/lib/providers/email";

/** Issue 10, row 3: /dev/mail showed everyone's sign-in links to anyone. */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.cleanup();
});

describe("development mailbox", () => {
  it("only in development, only with the outbox provider, only from loopback", () => {
    expect(devMailboxAllowed({ nodeEnv: "development", provider: "outbox", peer: "127.0.0.1" })).toBe(true);
    expect(devMailboxAllowed({ nodeEnv: "development", provider: "outbox", peer: "::1" })).toBe(true);
    expect(devMailboxAllowed({ nodeEnv: "development", provider: "outbox", peer: "192.168.1.20" })).toBe(false);
    expect(devMailboxAllowed({ nodeEnv: "development", provider: "outbox", peer: "unknown" })).toBe(false);
    expect(devMailboxAllowed({ nodeEnv: "production", provider: "outbox", peer: "127.0.0.1" })).toBe(false);
    expect(devMailboxAllowed({ nodeEnv: "development", provider: "resend", peer: "127.0.0.1" })).toBe(false);
  });

  it("a person sees their own sign-in link, never another person's", async () => {
    const expires = new Date(Date.now() + 15 * 60_000);
    await sendMagicLinkEmail({ email: "victim@example.test", url: "http://localhost/api/auth/callback/email?token=victim-token", expires });
    await sendMagicLinkEmail({ email: "attacker@example.test", url: "http://localhost/api/auth/callback/email?token=own-token", expires });
    const mine = await listMailTo({ email: "attacker@example.test" });
    expect(mine).toHaveLength(1);
    expect(JSON.stringify(mine)).not.toContain("victim");
    // Their own link works there (the sealed copy, opened for its recipient): /dev/mail is how they sign in.
    expect(mine[0]!.text).toContain("token=own-token");
  });
});
