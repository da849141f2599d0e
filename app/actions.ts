"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { signOut } from "@/lib/auth";
import { currentUser } from "@/lib/auth/guard";
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n/config";
import { setUserLocale } from "@/lib/auth/set-user-locale";
import { sameOriginPath } from "@/lib/net/safe-redirect";

/** Switch the UI language: a cookie for this browser, and the user's preference when signed in. */
export async function setLocaleAction(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 86400, sameSite: "lax" });
  const user = await currentUser();
  if (user) await setUserLocale({ userId: user.id, locale });
  revalidatePath("/", "layout");
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: sameOriginPath("/sign-in") });
}
