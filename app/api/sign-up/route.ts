import { signUp } from "@/lib/auth/sign-up";
import { env } from "@/lib/env";
import { json, parseJson, route } from "@/lib/http";
import { signUpSchema } from "@/lib/orgs/schemas";
import { clientAddress, enforceRateLimit } from "@/lib/rate-limit";

/** Create an account over the API (the sign-up page uses the same lib function). Rate limited per address. */
export const POST = route(async (req) => {
  await enforceRateLimit({ bucket: "signup-api", subject: clientAddress(req), limit: env().RATE_LIMIT_SIGNIN_PER_MIN, windowSeconds: 60 });
  const input = await parseJson(req, signUpSchema);
  return json({ user: await signUp(input) }, 201);
});
