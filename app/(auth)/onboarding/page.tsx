import { getTranslations } from "next-intl/server";
import { OnboardingForm } from "@/components/auth/onboarding-form";
import { requireUserPage } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("onboardingTitle") };
}

export default async function OnboardingPage() {
  await requireUserPage("/onboarding");
  return <OnboardingForm />;
}
