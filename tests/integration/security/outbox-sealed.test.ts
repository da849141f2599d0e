import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "@/tests/integration/runtime/harness";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedOrg, seedPiece, startEventServer, stopEventServer } from "@/tests/integration/approvals/support";
import { DecryptionError } from "@/lib/crypto/token-cipher";
import { HIDDEN_LINK } from "@/lib/providers/email/contracts";

/**
 * Issue 10, row 8: every email body, with approval, invitation and sign-in links (bearer tokens), was
 * stored in plain text in outbox_emails, and admins read other approvers' one-click links in
 * Settings -> Outbox. Reproduced with `select text, html from outbox_emails` after each kind of mail.
 */
let t: TestDatabase;
let server: AppServer;
let M: typeof import("@/lib/approvals/request-approval") &
  typeof import("@/lib/approvals/send-approval-email") &
  typeof import("@/lib/auth/send-magic-link") &
  typeof import("@/lib/orgs/members") &
  typeof import("@/lib/providers/email") &
  typeof import("@/lib/providers/email/sealed");

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startEventServer();
  M = {
    ...(await import("@/lib/approvals/request-approval")),
    ...(await import("@/lib/approvals/send-approval-email")),
    ...(await import("@/lib/auth/send-magic-link")),
    ...(await import("@/lib/orgs/members")),
    ...(await import("@/lib/providers/email")),
    ...(await import("@/lib/providers/email/sealed")),
  } as typeof M;
});
afterAll(async () => {
  await stopEventServer(server);
  await t?.cleanup();
});

type Row = { id: string; organizationId: string | null; text: string | null; html: string; sealed: string | null };
const rawRows = () => t.db.$queryRaw<Row[]>`SELECT id, "organizationId", text, html, sealed FROM outbox_emails`;

describe("the outbox keeps no bearer link readable", () => {
  it("approval, invitation and sign-in links: hidden in every readable column, as sent in the sealed copy only", async () => {
    const o = await seedOrg(t.db);
    const piece = await seedPiece(t.db, o);
    const { approvalRequestId } = await M.requestApproval({ organizationId: o.orgId, contentPieceId: piece.id });
    expect((await M.sendApprovalEmails({ organizationId: o.orgId, approvalRequestId })).sent).toBe(2);
    await M.inviteMember({ organizationId: o.orgId, email: "guest@example.test", role: "EDITOR", invitedById: o.ownerId, baseUrl: "http://localhost:3000" });
    await M.sendMagicLinkEmail({ email: "someone@example.test", url: "http://localhost:3000/api/auth/callback/nodemailer?token=magic-secret&email=someone%40example.test", expires: new Date(Date.now() + 900_000) });

    const rows = await rawRows();
    expect(rows).toHaveLength(4);
    // The tokens, from the copies as sent (what the recipients received).
    const sent = rows.map((r) => M.openSealedEmail(r));
    const links = sent.flatMap((m) => (m.text ?? "").match(/https?:\/\/\S+\/(approve|invite)\/\S+|https?:\/\/\S+token=\S+/g) ?? []);
    expect(links.filter((l) => l.includes("/approve/"))).toHaveLength(6);
    expect(links.filter((l) => l.includes("/invite/"))).toHaveLength(1);
    expect(links.filter((l) => l.includes("magic-secret"))).toHaveLength(1);
    const tokens = links.map((l) => l.replace(/^.*\/(approve|invite)\//, "").replace(/^.*token=([^&]+).*$/, "$1"));
    for (const row of rows) {
      const readable = `${row.text}\n${row.html}`;
      for (const token of tokens) expect(readable, `outbox row ${row.id} shows a bearer token`).not.toContain(token);
      expect(row.sealed, `row ${row.id} is sealed`).toMatch(/^v1\./);
      for (const token of tokens) expect(row.sealed).not.toContain(token);
      expect(row.text).toContain(HIDDEN_LINK);
    }
    // What an admin reads in Settings -> Outbox (and GET /api/orgs/{org}/outbox): hidden links, the queue link still there.
    const outbox = JSON.stringify(await M.listOutbox({ organizationId: o.orgId }));
    for (const token of tokens) expect(outbox).not.toContain(token);
    expect(outbox).toContain(`/${o.slug}/approvals?focus=${approvalRequestId}`);
    // The recipient's own mailbox (/dev/mail) shows their links as sent.
    expect((await M.listMailTo({ email: "guest@example.test" }))[0]!.text).toMatch(/\/invite\/[\w-]{20,}/);
  });

  it("a mail without a bearer link is stored as it is, unsealed", async () => {
    await M.sendEmail({ to: "plain@example.test", subject: "Hello", html: "<p>Open https://app.example/x</p>", text: "Open https://app.example/x", idempotencyKey: "plain-1" });
    const row = await t.db.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: "plain-1" } });
    expect(row.text).toBe("Open https://app.example/x");
    expect(row.sealed).toBeNull();
  });

  it("a sealed copy moved to another row does not open", async () => {
    await M.sendEmail({ to: "a@example.test", subject: "A", html: "x https://s/a-secret", text: "x https://s/a-secret", idempotencyKey: "seal-a", secrets: ["https://s/a-secret"] });
    await M.sendEmail({ to: "b@example.test", subject: "B", html: "y https://s/b-secret", text: "y https://s/b-secret", idempotencyKey: "seal-b", secrets: ["https://s/b-secret"] });
    const a = await t.db.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: "seal-a" } });
    const b = await t.db.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: "seal-b" } });
    expect(M.openSealedEmail(a).text).toBe("x https://s/a-secret");
    expect(() => M.openSealedEmail({ ...b, sealed: a.sealed })).toThrow(DecryptionError);
  });
});
