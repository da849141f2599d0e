import { handle, reply } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { connectSandboxAccounts, listConnections } from "@/lib/oauth/connections";
import { listConnectionsEndpoint, startConnectionEndpoint } from "@/lib/oauth/contracts";
import { BINDING_COOKIE, newBrowserBinding, startConnection, STATE_TTL_MS } from "@/lib/oauth/flow";
import { providerConfig } from "@/lib/oauth/providers";

export const GET = handle(listConnectionsEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "read");
  return listConnections({ organizationId: ctx.organizationId });
});

/** Start "Connect <provider>": the authorization URL (+ browser-binding cookie), or sandbox accounts when unconfigured. */
export const POST = handle(startConnectionEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "manageConnections");
  if (ctx.actor.kind !== "user") throw new AppError("forbidden", "auth.connectionsNeedUser");
  const input = await body();
  if (!providerConfig(input.provider).credentials) {
    return { mode: "sandbox" as const, ...(await connectSandboxAccounts({ organizationId: ctx.organizationId, userId: ctx.actor.userId, provider: input.provider })) };
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
  return reply(
    { mode: "oauth" as const, authorizationUrl: started.authorizationUrl },
    {
      status: 201,
      apply: (res) =>
        res.cookies.set(BINDING_COOKIE, binding, { httpOnly: true, sameSite: "lax", secure: appUrl.startsWith("https:"), path: "/api/oauth", maxAge: STATE_TTL_MS / 1000 }),
    },
  );
});
