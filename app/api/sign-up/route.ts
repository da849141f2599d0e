import { handle } from "@/lib/api/handle";
import { signUpEndpoint } from "@/lib/auth/contracts";
import { signUp } from "@/lib/auth/sign-up";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/net/client-address";
import { enforceRateLimit } from "@/lib/rate-limit";

/** Create an account over the API (the sign-up page uses the same lib function). Rate limited per address. */
export const POST = handle(signUpEndpoint, async ({ req, body }) => {
  await enforceRateLimit({ bucket: "signup-api", subject: clientAddress(req), limit: env().RATE_LIMIT_SIGNIN_PER_MIN, windowSeconds: 60 });
  return { user: await signUp(await body()) };
});
