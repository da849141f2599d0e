import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { authAdapter } from "@/lib/auth/adapter";
import { resolveOrgForUser, requireApiKey, requireOrg } from "@/lib/auth/guard";
import { signUp } from "@/lib/auth/sign-up";
import { AppError } from "@/lib/errors";
import { createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from "@/lib/orgs/api-keys";
import { createOrganization, listOrganizationsForUser } from "@/lib/orgs/create-organization";
import { acceptInvitation, inviteMember, listMembers, removeMember, updateMemberRole } from "@/lib/orgs/members";
import { sendEmail } from "@/lib/providers/email";
import { openSealedEmail } from "@/lib/providers/email/sealed";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.cleanup();
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "resolved";
  } catch (err) {
    return err instanceof AppError ? err.code : `unexpected: ${(err as Error).message}`;
  }
}

async function userWithOrg(label: string) {
  const user = await signUp({ name: label, email: `${label}@example.test`, password: "long enough password" });
  const org = await createOrganization({ userId: user.id, input: { name: `${label} SARL` } });
  return { user, org };
}

describe("organisations and tenancy", () => {
  it("sign-up refuses an existing email, even one without a password (no takeover)", async () => {
    await signUp({ name: "A", email: "dup@example.test", password: "long enough password" });
    expect(await code(signUp({ name: "B", email: "dup@example.test", password: "another long password" }))).toBe("conflict");
    await t.db.user.create({ data: { email: "linkonly@example.test" } });
    expect(await code(signUp({ name: "C", email: "linkonly@example.test", password: "another long password" }))).toBe("conflict");
  });

  it("creates organisations with unique slugs and the creator as owner", async () => {
    const { user, org } = await userWithOrg("alpha");
    expect(org.slug).toBe("alpha-sarl");
    const second = await createOrganization({ userId: user.id, input: { name: "Alpha SARL" } });
    expect(second.slug).toBe("alpha-sarl-2");
    expect(await code(createOrganization({ userId: user.id, input: { name: "X", slug: "alpha-sarl" } }))).toBe("conflict");
    expect(await code(createOrganization({ userId: user.id, input: { name: "X", slug: "api" } }))).toBe("validation");
    expect((await listOrganizationsForUser({ userId: user.id })).map((o) => o.role)).toEqual(["OWNER", "OWNER"]);
  });

  it("a non-member gets not_found for another organisation", async () => {
    const a = await userWithOrg("tenant-a");
    const b = await userWithOrg("tenant-b");
    expect(await code(resolveOrgForUser({ slug: a.org.slug, userId: b.user.id, email: b.user.email }))).toBe("not_found");
    const ctx = await resolveOrgForUser({ slug: a.org.slug, userId: a.user.id, email: a.user.email });
    expect(ctx.role).toBe("OWNER");
  });

  it("API keys: shown once, stored hashed, scoped to their organisation, revocable", async () => {
    const a = await userWithOrg("keys-a");
    const b = await userWithOrg("keys-b");
    const { key, apiKey } = await createApiKey({ organizationId: a.org.id, name: "site", scopes: ["ingest", "read"] });
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.keyHash).not.toContain(key);
    // The secret: everything after the prefix (base64url may itself contain "_", even first).
    expect(JSON.stringify(row)).not.toContain(key.slice(key.indexOf("_", 3) + 1));
    expect((await verifyApiKey(key))?.organization.id).toBe(a.org.id);
    expect(await verifyApiKey(key.slice(0, -1) + (key.endsWith("a") ? "b" : "a"))).toBeNull();

    const req = (k: string) => new Request("http://x", { headers: { "x-api-key": k } });
    expect((await requireOrg(req(key), a.org.slug)).organizationId).toBe(a.org.id);
    expect(await code(requireOrg(req(key), b.org.slug))).toBe("not_found");
    expect((await requireApiKey(req(key))).organizationId).toBe(a.org.id);
    expect(await code(requireApiKey(new Request("http://x")))).toBe("unauthorized");
    expect(await code(requireOrg(req(key), a.org.slug, "manageApiKeys"))).toBe("forbidden");

    expect(await code(revokeApiKey({ organizationId: b.org.id, id: apiKey.id }))).toBe("not_found");
    await revokeApiKey({ organizationId: a.org.id, id: apiKey.id });
    expect(await verifyApiKey(key)).toBeNull();
    expect((await listApiKeys({ organizationId: a.org.id }))[0]!.revokedAt).not.toBeNull();
  });

  it("invitations: emailed, single use, for the invited email only; the last owner stays", async () => {
    const a = await userWithOrg("inviter");
    const inv = await inviteMember({ organizationId: a.org.id, email: "guest@example.test", role: "EDITOR", invitedById: a.user.id, baseUrl: "http://localhost:3000" });
    const mail = await t.db.outboxEmail.findFirstOrThrow({ where: { organizationId: a.org.id, toAddresses: { has: "guest@example.test" } } });
    const token = openSealedEmail(mail).text!.match(/\/invite\/([A-Za-z0-9_-]+)/)![1]!;
    const stored = await t.db.invitation.findUniqueOrThrow({ where: { id: inv.id } });
    expect(stored.tokenHash).not.toBe(token);

    const intruder = await signUp({ name: "I", email: "intruder@example.test", password: "long enough password" });
    expect(await code(acceptInvitation({ token, userId: intruder.id, email: intruder.email }))).toBe("forbidden");
    const guest = await signUp({ name: "G", email: "guest@example.test", password: "long enough password" });
    expect((await acceptInvitation({ token, userId: guest.id, email: guest.email })).slug).toBe(a.org.slug);
    expect(await code(acceptInvitation({ token, userId: guest.id, email: guest.email }))).toBe("not_found");

    const { members } = await listMembers({ organizationId: a.org.id });
    expect(members.map((m) => m.role).sort()).toEqual(["EDITOR", "OWNER"]);
    const owner = members.find((m) => m.role === "OWNER")!;
    expect(await code(updateMemberRole({ organizationId: a.org.id, membershipId: owner.id, role: "VIEWER", actorRole: "OWNER" }))).toBe("conflict");
    expect(await code(removeMember({ organizationId: a.org.id, membershipId: owner.id, actorRole: "ADMIN" }))).toBe("forbidden");
  });

  it("magic-link tokens are single use", async () => {
    const adapter = authAdapter();
    const expires = new Date(Date.now() + 60_000);
    await adapter.createVerificationToken!({ identifier: "m@example.test", token: "hashed-token", expires });
    const results = await Promise.all([1, 2, 3].map(() => adapter.useVerificationToken!({ identifier: "m@example.test", token: "hashed-token" })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(results.find(Boolean)!.expires.getTime()).toBe(expires.getTime());
  });
});

describe("email outbox", () => {
  it("stores every email before delivery and sends an idempotent email once", async () => {
    const first = await sendEmail({ to: "x@example.test", subject: "Hello", text: "t", html: "<p>t</p>", idempotencyKey: "k-1" });
    const again = await sendEmail({ to: "x@example.test", subject: "Hello", text: "t", html: "<p>t</p>", idempotencyKey: "k-1" });
    expect(again.id).toBe(first.id);
    const rows = await t.db.outboxEmail.findMany({ where: { idempotencyKey: "k-1" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "SENT", provider: "outbox", attempts: 1 });
  });
});
