import { NextResponse } from "next/server";
import { callbackErrorPage } from "@/components/connections/callback-error-page";
import { handle } from "@/lib/api/handle";
import { env } from "@/lib/env";
import { isAppError, notFound } from "@/lib/errors";
import { localeOfRequest } from "@/lib/i18n/config";
import { oauthCallbackEndpoint } from "@/lib/oauth/contracts";
import { BINDING_COOKIE, completeConnection } from "@/lib/oauth/flow";
import { isProviderId } from "@/lib/oauth/providers";
import { sameOriginPath } from "@/lib/net/safe-redirect";

/** The provider sends the browser back here; every failure is a 400 and stores nothing (browsers get a small HTML page). */
export const GET = handle(oauthCallbackEndpoint, async ({ req, params }) => {
  const { provider } = params;
  if (!isProviderId(provider)) throw notFound("provider");
  const binding = req.headers
    .get("cookie")
    ?.split(/;\s*/)
    .find((c) => c.startsWith(`${BINDING_COOKIE}=`))
    ?.slice(BINDING_COOKIE.length + 1);
  let done: Awaited<ReturnType<typeof completeConnection>>;
  try {
    done = await completeConnection({ provider, params: new URL(req.url).searchParams, browserBinding: binding });
  } catch (err) {
    if (isAppError(err) && err.code === "bad_request" && (req.headers.get("accept") ?? "").includes("text/html"))
      return callbackErrorPage({ reason: err.values?.reason, message: err.messageIn(localeOfRequest(req)), status: 400 });
    throw err;
  }
  const target = new URL(sameOriginPath(done.returnTo, "/"), env().APP_URL ?? new URL(req.url).origin);
  target.searchParams.set("connect", done.stateId);
  const res = NextResponse.redirect(target, 303);
  res.cookies.set(BINDING_COOKIE, "", { path: "/api/oauth", maxAge: 0 });
  return res;
});
