import { handlers } from "@/lib/auth";
import { env } from "@/lib/env";
import { localeOfRequest } from "@/lib/i18n/config";
import { errorResponse } from "@/lib/http";
import { clientAddress } from "@/lib/net/client-address";
import { enforceRateLimit } from "@/lib/rate-limit";

export const GET = handlers.GET;

/** Sign-in endpoints are rate limited per client address (429 + Retry-After) before next-auth runs. */
export async function POST(req: Request): Promise<Response> {
  const path = new URL(req.url).pathname;
  if (/\/(callback\/credentials|signin\/email)$/.test(path)) {
    try {
      await enforceRateLimit({ bucket: "signin-api", subject: clientAddress(req), limit: env().RATE_LIMIT_SIGNIN_PER_MIN, windowSeconds: 60 });
    } catch (err) {
      return errorResponse(err, { locale: localeOfRequest(req) });
    }
  }
  return handlers.POST(req as Parameters<typeof handlers.POST>[0]);
}
