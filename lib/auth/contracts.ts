import { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { changePasswordSchema, signUpSchema } from "@/lib/orgs/schemas";

/** Accounts: sign-up over the API, and next-auth's own endpoints (sign-in, callbacks, session). */

export const signUpEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/sign-up",
  tag: "Accounts",
  access: "public",
  summary: "Create an account with a password (rate limited per address)",
  body: signUpSchema,
  response: z.object({ user: z.object({ id: z.string(), email: z.string() }) }),
  status: 201,
});

const nextAuth = {
  path: "/api/auth/{nextauth}",
  tag: "Accounts",
  access: "internal",
  produces: "raw",
  contentType: "application/json",
  description: "next-auth's endpoints (providers, csrf, session, sign-in, callbacks, sign-out); the protocol is next-auth's.",
} as const;

export const nextAuthGetEndpoint = defineEndpoint({ ...nextAuth, method: "GET", summary: "next-auth: session, CSRF token, providers, OAuth callbacks" });
export const nextAuthPostEndpoint = defineEndpoint({ ...nextAuth, method: "POST", summary: "next-auth: sign in (rate limited per address), sign out" });

export const signOutEverywhereEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/account/sign-out-everywhere",
  tag: "Accounts",
  access: "user",
  summary: "Sign out everywhere: ends every session of the signed-in person, this one included",
  description: "Bumps the person's session version: every session signed in before stops working on its next request (within 30 s on other app instances).",
  produces: "none",
});

export const changePasswordEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/account/password",
  tag: "Accounts",
  access: "user",
  summary: "Change one's password (the current one required; rate limited): every other session ends",
  description: "Bumps the person's session version: every other session stops working on its next request (within 30 s on other app instances); this one gets a new cookie and stays signed in. 5 attempts per 15 minutes per person.",
  body: changePasswordSchema,
  response: z.object({ changed: z.literal(true) }),
});
