"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth";
import { currentUser } from "@/lib/auth/guard";
import { signUp } from "@/lib/auth/sign-up";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { validationError } from "@/lib/http";
import { createOrganization } from "@/lib/orgs/create-organization";
import { createOrganizationSchema, signUpSchema } from "@/lib/orgs/schemas";
import { clientAddressFrom } from "@/lib/net/client-address";
import { sameOriginPath } from "@/lib/net/safe-redirect";
import { hitRateLimit } from "@/lib/rate-limit";
import { z } from "zod";

export type FormState = { error?: string; fieldErrors?: Record<string, string>; retryAfter?: number; sent?: boolean } | undefined;

function safeCallback(raw: FormDataEntryValue | null): string {
  return sameOriginPath(raw, "/");
}

async function limited(bucket: string, subject: string): Promise<FormState | null> {
  const ip = clientAddressFrom(await headers());
  const limit = env().RATE_LIMIT_SIGNIN_PER_MIN;
  for (const s of [`ip:${ip}`, `id:${subject}`]) {
    const r = await hitRateLimit({ bucket, subject: s, limit, windowSeconds: 60 });
    if (!r.allowed) return { error: "rate_limited", retryAfter: r.retryAfterSeconds };
  }
  return null;
}

/** Each invalid field's message in the page's language (the forms show them as they are). */
async function fieldErrors(err: z.ZodError): Promise<Record<string, string>> {
  const locale = (await getLocale()) as Locale;
  return Object.fromEntries(validationError(err).issuesIn(locale).map((i) => [i.field, i.message]));
}

export async function signInWithPassword(_: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "").trim().toLowerCase();
  const blocked = await limited("signin", email);
  if (blocked) return blocked;
  try {
    await signIn("credentials", { email, password: String(form.get("password") ?? ""), redirectTo: safeCallback(form.get("callbackUrl")) });
  } catch (err) {
    if (err instanceof AuthError) return { error: "invalid_credentials" };
    throw err; // the redirect after a successful sign-in
  }
  return undefined;
}

export async function signInWithEmailLink(_: FormState, form: FormData): Promise<FormState> {
  const parsed = z.object({ email: z.string().trim().toLowerCase().email() }).safeParse({ email: form.get("email") });
  if (!parsed.success) return { fieldErrors: { email: "invalid_email" } };
  const blocked = await limited("magic", parsed.data.email);
  if (blocked) return blocked;
  try {
    await signIn("email", { email: parsed.data.email, redirect: false, redirectTo: safeCallback(form.get("callbackUrl")) });
  } catch (err) {
    if (err instanceof AuthError) return { error: "email_failed" };
    throw err;
  }
  return { sent: true };
}

export async function signInWithGoogle(form: FormData): Promise<void> {
  await signIn("google", { redirectTo: safeCallback(form.get("callbackUrl")) });
}

export async function signUpAction(_: FormState, form: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { fieldErrors: await fieldErrors(parsed.error) };
  const blocked = await limited("signup", parsed.data.email);
  if (blocked) return blocked;
  try {
    await signUp(parsed.data);
  } catch (err) {
    if (isAppError(err) && err.code === "conflict") return { fieldErrors: { email: "email_taken" } };
    throw err;
  }
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/onboarding" });
  } catch (err) {
    if (err instanceof AuthError) return { error: "invalid_credentials" };
    throw err;
  }
  return undefined;
}

export async function createOrganizationAction(_: FormState, form: FormData): Promise<FormState> {
  const user = await currentUser();
  if (!user) redirect("/sign-in?callbackUrl=/onboarding");
  const slugRaw = String(form.get("slug") ?? "").trim();
  const parsed = createOrganizationSchema.safeParse({ name: form.get("name"), ...(slugRaw ? { slug: slugRaw } : {}), locale: form.get("locale") || undefined });
  if (!parsed.success) return { fieldErrors: await fieldErrors(parsed.error) };
  let slug: string;
  try {
    slug = (await createOrganization({ userId: user.id, input: parsed.data })).slug;
  } catch (err) {
    if (isAppError(err) && err.field) return { fieldErrors: { [err.field]: err.messageIn((await getLocale()) as Locale) } };
    throw err;
  }
  redirect(`/${slug}/war-room`);
}
