import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { createXFake, X_CLIENT, type XFake } from "@/tests/fakes/x";
import { createLinkedinFake, LINKEDIN_CLIENT, type LinkedinFake } from "@/tests/fakes/linkedin";
import { createMetaFake, META_CLIENT, type MetaFake } from "@/tests/fakes/meta";
import { setEnv } from "@/tests/contract/harness";
import {
  completeConnection,
  confirmSelection,
  disconnectAccount,
  listCandidates,
  newBrowserBinding,
  safeReturnTo,
  startConnection,
  STATE_TTL_MS,
} from "@/lib/oauth/flow";
import type { ProviderId } from "@/lib/oauth/providers";

const APP = "http://app.test";
let t: TestDatabase;
let x: XFake;
let li: LinkedinFake;
let meta: MetaFake;
let org: { id: string };
let user: { id: string };

beforeAll(async () => {
  t = await createTestDatabase();
  x = createXFake();
  li = createLinkedinFake();
  meta = createMetaFake();
  await Promise.all([x.server.start(), li.server.start(), meta.server.start()]);
  setEnv({
    X_CLIENT_ID: X_CLIENT.clientId,
    X_CLIENT_SECRET: X_CLIENT.clientSecret,
    LINKEDIN_CLIENT_ID: LINKEDIN_CLIENT.clientId,
    LINKEDIN_CLIENT_SECRET: LINKEDIN_CLIENT.clientSecret,
    META_APP_ID: META_CLIENT.clientId,
    META_APP_SECRET: META_CLIENT.clientSecret,
    PLATFORM_BASE_URLS: JSON.stringify({ x: x.server.url, linkedin: li.server.url, meta: meta.server.url }),
  });
  org = await t.db.organization.create({ data: { slug: "oauth-org", name: "OAuth Org" } });
  user = await t.db.user.create({ data: { email: "owner@oauth.test" } });
  await t.db.membership.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
});
afterAll(async () => {
  await Promise.all([x.server.stop(), li.server.stop(), meta.server.stop()]);
  await t.cleanup();
  setEnv({
    X_CLIENT_ID: undefined,
    X_CLIENT_SECRET: undefined,
    LINKEDIN_CLIENT_ID: undefined,
    LINKEDIN_CLIENT_SECRET: undefined,
    META_APP_ID: undefined,
    META_APP_SECRET: undefined,
    PLATFORM_BASE_URLS: undefined,
  });
});

/** pg_dump of the test database; if the server is the embedded PGlite (major version mismatch), every row as text. */
async function dumpDatabase(url: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)("/usr/bin/pg_dump", ["--data-only", url], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 30_000 });
    return stdout;
  } catch (err) {
    if (!/version mismatch/.test(String((err as { stderr?: string }).stderr ?? err))) throw err;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const tables = (await c.query<{ t: string }>("select quote_ident(tablename) t from pg_tables where schemaname = 'public'")).rows;
      let out = "";
      for (const { t: name } of tables)
        out += `${name}\n` + (await c.query<{ r: string }>(`select x::text r from ${name} x`)).rows.map((r) => r.r).join("\n") + "\n";
      return out;
    } finally {
      await c.end();
    }
  }
}

/** Start a flow and follow the fake's auto-consent redirect, like a browser would. */
async function consent(provider: ProviderId, binding = newBrowserBinding(), returnTo = "/oauth-org/settings/connections") {
  const started = await startConnection({ organizationId: org.id, userId: user.id, provider, browserBinding: binding, returnTo, appUrl: APP });
  const res = await fetch(started.authorizationUrl, { redirect: "manual" });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get("location")!);
  return { started, binding, back, params: back.searchParams, authUrl: new URL(started.authorizationUrl) };
}

const tokensStored = () => t.db.socialAccount.count({ where: { accessTokenEnc: { not: null } } });
const expect400 = async (p: Promise<unknown>, msg: RegExp) => {
  const err = (await p.then(
    () => null,
    (e) => e,
  )) as { code?: string; message?: string } | null;
  expect(err?.code).toBe("bad_request");
  expect(err?.message).toMatch(msg);
};

describe("OAuth connection flow (state, PKCE, mix-up, picker)", () => {
  it("X end to end: PKCE S256, per-provider redirect URI, picker, encrypted tokens", async () => {
    const c = await consent("x");
    expect(c.authUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(c.back.origin + c.back.pathname).toBe(`${APP}/api/oauth/x/callback`);
    const done = await completeConnection({ provider: "x", params: c.params, browserBinding: c.binding });
    expect(done.returnTo).toBe("/oauth-org/settings/connections");
    // The verifier sent at the token endpoint hashes to the challenge sent at authorize.
    const verifier = x.oauth.tokenCalls.at(-1)!.form.get("code_verifier")!;
    expect(createHash("sha256").update(verifier).digest("base64url")).toBe(c.authUrl.searchParams.get("code_challenge"));
    expect(await tokensStored()).toBe(0); // nothing stored before the pick
    const picker = await listCandidates({ organizationId: org.id, stateId: done.stateId });
    expect(picker.candidates).toEqual([expect.objectContaining({ platform: "x", externalId: "42", handle: "acme" })]);
    const { accountIds } = await confirmSelection({ organizationId: org.id, userId: user.id, stateId: done.stateId, externalIds: ["x:42"] });
    const acc = await t.db.socialAccount.findUniqueOrThrow({ where: { id: accountIds[0] } });
    expect(acc).toMatchObject({ platform: "X", status: "ACTIVE", isSandbox: false });
    expect(acc.accessTokenEnc).toMatch(/^v1\./);
    expect(acc.refreshTokenEnc).toMatch(/^v1\./);
    const state = await t.db.oAuthState.findUniqueOrThrow({ where: { id: done.stateId } });
    expect(state.tokenSetEnc).toBeNull();
    await disconnectAccount({ organizationId: org.id, accountId: acc.id });
    expect(await t.db.socialAccount.findUniqueOrThrow({ where: { id: acc.id } })).toMatchObject({
      status: "DISCONNECTED",
      accessTokenEnc: null,
      refreshTokenEnc: null,
    });
  });

  it("every PKCE flow uses S256; providers without PKCE for web apps send none", async () => {
    const xs = await consent("x");
    const ms = await consent("meta");
    const ls = await consent("linkedin");
    for (const c of [xs, ms]) {
      expect(c.authUrl.searchParams.get("code_challenge_method")).toBe("S256");
      expect(c.authUrl.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    expect(ls.authUrl.searchParams.has("code_challenge")).toBe(false);
    for (const call of [...x.oauth.authorizeCalls, ...meta.oauth.authorizeCalls]) expect(call.get("code_challenge_method")).toBe("S256");
  });

  it("missing, unknown, reused and expired state -> 400 and no token stored", async () => {
    const before = await tokensStored();
    const c = await consent("x");
    const noState = new URLSearchParams(c.params);
    noState.delete("state");
    await expect400(completeConnection({ provider: "x", params: noState, browserBinding: c.binding }), /missing state/);
    const wrong = new URLSearchParams(c.params);
    wrong.set("state", "forged-state-value");
    await expect400(completeConnection({ provider: "x", params: wrong, browserBinding: c.binding }), /unknown state/);
    await completeConnection({ provider: "x", params: c.params, browserBinding: c.binding });
    await expect400(completeConnection({ provider: "x", params: c.params, browserBinding: c.binding }), /already used/);
    const e = await consent("x");
    await expect400(completeConnection({ provider: "x", params: e.params, browserBinding: e.binding, now: Date.now() + STATE_TTL_MS + 1000 }), /expired/);
    expect(await tokensStored()).toBe(before);
  });

  it("a state is bound to the browser that started the flow", async () => {
    const c = await consent("x");
    await expect400(completeConnection({ provider: "x", params: c.params, browserBinding: newBrowserBinding() }), /not bound to this browser/);
    await expect400(completeConnection({ provider: "x", params: c.params, browserBinding: null }), /not bound/);
  });

  it("mix-up: a callback for provider A arriving on provider B's redirect URI is rejected", async () => {
    const c = await consent("x");
    const before = x.oauth.tokenCalls.length + li.oauth.tokenCalls.length;
    await expect400(completeConnection({ provider: "linkedin", params: c.params, browserBinding: c.binding }), /another provider/);
    expect(x.oauth.tokenCalls.length + li.oauth.tokenCalls.length).toBe(before);
    // and the state is still usable on its own provider (the rejected attempt did not consume it)
    await completeConnection({ provider: "x", params: c.params, browserBinding: c.binding });
  });

  it("provider errors (access_denied) -> 400, state consumed, no token", async () => {
    const c = await consent("linkedin");
    const denied = new URLSearchParams({ state: c.params.get("state")!, error: "access_denied", error_description: "user cancelled" });
    await expect400(completeConnection({ provider: "linkedin", params: denied, browserBinding: c.binding }), /access_denied/);
  });

  it("returnTo fuzz: 0 off-site redirects", () => {
    const evil = [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/x",
      "http:/evil",
      "javascript:alert(1)",
      "/\t/evil.example",
      "\\\\evil",
      " //evil",
      "/%0d%0aLocation:evil",
      "",
      "evil",
      "//",
      "/..//evil.example",
      `/${"a".repeat(600)}`,
    ];
    for (const v of evil) {
      const out = safeReturnTo(v, "/");
      expect(out.startsWith("/") && !out.startsWith("//") && !out.startsWith("/\\"), `${v} -> ${out}`).toBe(true);
      expect(new URL(out, APP).origin).toBe(APP);
    }
    expect(safeReturnTo("/org/settings/connections?x=1")).toBe("/org/settings/connections?x=1");
  });

  it("Meta picker: Pages, Instagram business accounts, ad accounts and WhatsApp numbers; Page tokens stored for the picked Page", async () => {
    const c = await consent("meta");
    const done = await completeConnection({ provider: "meta", params: c.params, browserBinding: c.binding });
    const platforms = done.candidates.map((k) => k.platform).sort();
    expect(platforms).toEqual(["facebook", "instagram", "meta_ads", "whatsapp"]);
    const { accountIds } = await confirmSelection({
      organizationId: org.id,
      userId: user.id,
      stateId: done.stateId,
      externalIds: ["facebook:1001", "meta_ads:act_555"],
    });
    expect(accountIds).toHaveLength(2);
    await expect(confirmSelection({ organizationId: org.id, userId: user.id, stateId: done.stateId, externalIds: ["facebook:1001"] })).rejects.toThrow(
      /expired/,
    );
  });

  it("a DB dump contains no plaintext token", async () => {
    const plaintexts = [...x.oauth.accessTokens.keys(), ...x.oauth.refreshTokens.keys(), ...li.oauth.accessTokens.keys(), ...meta.oauth.accessTokens.keys()];
    expect(plaintexts.length).toBeGreaterThan(5);
    const dump = await dumpDatabase(t.url);
    expect(dump).toContain("social_accounts");
    expect(dump).toMatch(/v1\.[A-Za-z0-9_-]+\./);
    for (const p of plaintexts) expect(dump.includes(p), `plaintext token ${p.slice(0, 6)}… found in dump`).toBe(false);
  });
});
