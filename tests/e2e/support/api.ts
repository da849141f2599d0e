import type { APIRequestContext } from "@playwright/test";
import { request as pwRequest } from "@playwright/test";

/**
 * A signed-in API client (session cookie obtained through next-auth's credentials callback). It sends
 * our own Origin, as the app's pages do: cookie-authenticated changes without it are refused (CSRF).
 */
export async function signedInContext(baseURL: string, creds: { email: string; password: string }): Promise<APIRequestContext> {
  const ctx = await pwRequest.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL).origin } });
  const csrf = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email: creds.email, password: creds.password, callbackUrl: "/" },
    maxRedirects: 0,
  });
  if (res.status() >= 400) throw new Error(`sign-in failed: ${res.status()}`);
  const session = (await (await ctx.get("/api/auth/session")).json()) as { user?: { id: string } } | null;
  if (!session?.user?.id) throw new Error("no session after sign-in");
  return ctx;
}

let counter = 0;
/** A new user with their own organisation, through the public API. */
export async function newTenant(baseURL: string, label: string): Promise<{ ctx: APIRequestContext; slug: string; email: string; password: string }> {
  const anon = await pwRequest.newContext({ baseURL });
  const stamp = `${Date.now().toString(36)}${(counter++).toString(36)}`;
  const email = `${label}-${stamp}@example.test`;
  const password = "correct horse battery";
  const up = await anon.post("/api/sign-up", { data: { name: `${label} ${stamp}`, email, password } });
  if (up.status() !== 201) throw new Error(`sign-up failed: ${up.status()} ${await up.text()}`);
  await anon.dispose();
  const ctx = await signedInContext(baseURL, { email, password });
  const org = await ctx.post("/api/orgs", { data: { name: `${label} org ${stamp}` } });
  if (org.status() !== 201) throw new Error(`create org failed: ${org.status()} ${await org.text()}`);
  const { organization } = (await org.json()) as { organization: { slug: string } };
  return { ctx, slug: organization.slug, email, password };
}
