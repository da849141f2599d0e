import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { BINDING_COOKIE, completeConnection } from "@/lib/oauth/flow";
import { isProviderId } from "@/lib/oauth/providers";

type Ctx = { params: Promise<{ provider: string }> };

/** The provider sends the browser back here; every failure is a 400 and stores nothing. */
export const GET = route<Ctx>(async (req, { params }) => {
  const { provider } = await params;
  if (!isProviderId(provider)) throw new AppError("not_found", "Unknown provider");
  const binding = req.headers
    .get("cookie")
    ?.split(/;\s*/)
    .find((c) => c.startsWith(`${BINDING_COOKIE}=`))
    ?.slice(BINDING_COOKIE.length + 1);
  const done = await completeConnection({ provider, params: new URL(req.url).searchParams, browserBinding: binding });
  const target = new URL(done.returnTo, env().APP_URL ?? new URL(req.url).origin);
  target.searchParams.set("connect", done.stateId);
  const res = NextResponse.redirect(target, 303);
  res.cookies.set(BINDING_COOKIE, "", { path: "/api/oauth", maxAge: 0 });
  return res;
});
