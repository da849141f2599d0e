import { NextResponse } from "next/server";
import { callbackErrorPage } from "@/components/connections/callback-error-page";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { BINDING_COOKIE, completeConnection } from "@/lib/oauth/flow";
import { isProviderId } from "@/lib/oauth/providers";

type Ctx = { params: Promise<{ provider: string }> };

/** The provider sends the browser back here; every failure is a 400 and stores nothing (browsers get a small HTML page). */
export const GET = route<Ctx>(async (req, { params }) => {
  const { provider } = await params;
  if (!isProviderId(provider)) throw new AppError("not_found", "Unknown provider");
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
      return callbackErrorPage({ message: err.message, status: 400 });
    throw err;
  }
  const target = new URL(done.returnTo, env().APP_URL ?? new URL(req.url).origin);
  target.searchParams.set("connect", done.stateId);
  const res = NextResponse.redirect(target, 303);
  res.cookies.set(BINDING_COOKIE, "", { path: "/api/oauth", maxAge: 0 });
  return res;
});
