import { env } from "@/lib/env";
import { requireOrg } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { json, parseJson, route } from "@/lib/http";
import { connectSandboxAccounts, listConnections, startConnectionSchema } from "@/lib/oauth/connections";
import { BINDING_COOKIE, newBrowserBinding, startConnection, STATE_TTL_MS } from "@/lib/oauth/flow";
import { providerConfig } from "@/lib/oauth/providers";

type Ctx = { params: Promise<{ org: string }> };

export const GET = route<Ctx>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org, "read");
  return json(await listConnections({ organizationId: ctx.organizationId }));
});

/** Start "Connect <provider>": the authorization URL (+ browser-binding cookie), or sandbox accounts when unconfigured. */
export const POST = route<Ctx>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org, "manageConnections");
  if (ctx.actor.kind !== "user") throw new AppError("forbidden", "Connecting accounts needs a signed-in user");
  const input = await parseJson(req, startConnectionSchema);
  if (!providerConfig(input.provider).credentials) {
    return json(
      { mode: "sandbox", ...(await connectSandboxAccounts({ organizationId: ctx.organizationId, userId: ctx.actor.userId, provider: input.provider })) },
      201,
    );
  }
  const appUrl = env().APP_URL ?? new URL(req.url).origin;
  const binding = newBrowserBinding();
  const started = await startConnection({
    organizationId: ctx.organizationId,
    userId: ctx.actor.userId,
    provider: input.provider,
    browserBinding: binding,
    returnTo: input.returnTo ?? `/${ctx.slug}/settings/connections`,
    reconnectAccountId: input.reconnectAccountId,
    appUrl,
  });
  const res = json({ mode: "oauth", authorizationUrl: started.authorizationUrl }, 201);
  res.cookies.set(BINDING_COOKIE, binding, {
    httpOnly: true,
    sameSite: "lax",
    secure: appUrl.startsWith("https:"),
    path: "/api/oauth",
    maxAge: STATE_TTL_MS / 1000,
  });
  return res;
});
