import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { googleSignInEnabled } from "@/lib/auth";
import { currentUser } from "@/lib/auth/guard";
import { demoCredentials } from "@/lib/demo/credentials";
import { sameOriginPath } from "@/lib/net/safe-redirect";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = sameOriginPath(sp.callbackUrl, "/");
  if (await currentUser()) redirect(callbackUrl);
  return <SignInForm callbackUrl={callbackUrl} google={googleSignInEnabled()} checkEmail={sp.check === "email"} demo={await demoCredentials()} />;
}
