import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { changePassword } from "@/lib/auth/change-password";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth";
import { reissueSessionCookie } from "@/lib/auth/reissue-session";
import { bumpSessionVersion } from "@/lib/auth/session-version";
import { signUp } from "@/lib/auth/sign-up";
import { removeMember } from "@/lib/orgs/members";
import { createOrganization } from "@/lib/orgs/create-organization";

/**
 * Issue 10, row 10: sessions could not be revoked (a cookie still worked after sign-out, for 30 days).
 * Real next-auth handlers: sign in with a password, then read the session with the cookie.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.cleanup();
});

const BASE = "http://localhost:3000/api/auth";
const peer = { "x-me-peer": "127.0.0.1" };
const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);

async function signIn(email: string, password: string): Promise<string> {
  const csrf = await authGet(new Request(`${BASE}/csrf`, { headers: peer }) as never);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf).join("; ");
  const res = await authPost(
    new Request(`${BASE}/callback/credentials`, { method: "POST", headers: { ...peer, cookie: jar, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }).toString() }),
  );
  const session = cookiesOf(res).find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`no session cookie: ${res.status}`);
  return session;
}

async function sessionUser(cookie: string): Promise<{ id?: string } | undefined> {
  const res = await authGet(new Request(`${BASE}/session`, { headers: { ...peer, cookie } }) as never);
  const body = (await res.json()) as { user?: { id?: string } } | null;
  return body?.user;
}

describe("sessions", () => {
  it("a cookie stops working after sign out everywhere (every session of the person, not others')", async () => {
    const ana = await signUp({ name: "Ana", email: "ana@example.test", password: "long enough password" });
    await signUp({ name: "Ben", email: "ben@example.test", password: "long enough password" });
    const laptop = await signIn("ana@example.test", "long enough password");
    const phone = await signIn("ana@example.test", "long enough password");
    const ben = await signIn("ben@example.test", "long enough password");
    expect((await sessionUser(laptop))?.id).toBe(ana.id);
    expect((await sessionUser(phone))?.id).toBe(ana.id);

    await bumpSessionVersion(ana.id);
    expect(await sessionUser(laptop)).toBeUndefined();
    expect(await sessionUser(phone)).toBeUndefined();
    expect(await sessionUser(ben)).toBeDefined();
    // Signing in again works (the new session carries the new version).
    expect((await sessionUser(await signIn("ana@example.test", "long enough password")))?.id).toBe(ana.id);
  });

  it("a password change and removal from an organisation end the person's sessions", async () => {
    const owner = await signUp({ name: "Owner", email: "owner@example.test", password: "long enough password" });
    const member = await signUp({ name: "Member", email: "member@example.test", password: "long enough password" });
    const org = await createOrganization({ userId: owner.id, input: { name: "Sessions SARL" } });
    const membership = await t.db.membership.create({ data: { organizationId: org.id, userId: member.id, role: "EDITOR" } });

    const before = await signIn("member@example.test", "long enough password");
    await removeMember({ organizationId: org.id, membershipId: membership.id, actorRole: "OWNER" });
    expect(await sessionUser(before)).toBeUndefined();

    const old = await signIn("owner@example.test", "long enough password");
    await changePassword({ userId: owner.id, currentPassword: "long enough password", newPassword: "another long password" });
    expect(await sessionUser(old)).toBeUndefined();
    expect((await sessionUser(await signIn("owner@example.test", "another long password")))?.id).toBe(owner.id);
  });

  it("the session that changes the password is re-issued with the new version: it stays, the others end", async () => {
    const cy = await signUp({ name: "Cy", email: "cy@example.test", password: "long enough password" });
    const here = await signIn("cy@example.test", "long enough password");
    const elsewhere = await signIn("cy@example.test", "long enough password");
    await changePassword({ userId: cy.id, currentPassword: "long enough password", newPassword: "another long password" });
    const fresh = await reissueSessionCookie(new Request("http://localhost:3000/api/account/password", { method: "POST", headers: { cookie: here } }), cy.id);
    expect(fresh?.name).toBe("authjs.session-token");
    expect((await sessionUser(`${fresh!.name}=${fresh!.value}`))?.id).toBe(cy.id);
    expect(await sessionUser(here)).toBeUndefined();
    expect(await sessionUser(elsewhere)).toBeUndefined();
    // Only the person's own session is re-issued.
    expect(await reissueSessionCookie(new Request("http://localhost:3000/api/account/password", { headers: { cookie: elsewhere } }), "someone-else")).toBeNull();
  });

  it("sessions last 7 days, sliding", () => {
    expect(SESSION_MAX_AGE_SECONDS).toBe(7 * 24 * 3600);
  });
});
