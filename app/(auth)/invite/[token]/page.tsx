import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/page-guard";
import { isAppError } from "@/lib/errors";
import { acceptInvitation } from "@/lib/orgs/members";
import { sameOriginPath } from "@/lib/net/safe-redirect";

export default async function InvitePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ error?: string }> }) {
  const { token } = await params;
  const { error } = await searchParams;
  const here = sameOriginPath(`/invite/${encodeURIComponent(token)}`, "/");
  const user = await requireUserPage(here);
  const t = await getTranslations("auth.invite");

  async function accept() {
    "use server";
    let slug: string;
    try {
      slug = (await acceptInvitation({ token, userId: user.id, email: user.email })).slug;
    } catch (err) {
      if (isAppError(err)) redirect(sameOriginPath(`${here}?error=${err.code}`, "/"));
      throw err;
    }
    redirect(sameOriginPath(`/${slug}/war-room`, "/"));
  }

  return (
    <Card>
      <CardBody className="space-y-4 p-6 sm:p-8">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("body", { email: user.email })}</p>
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error === "forbidden" ? t("wrongEmail") : t("invalid")}
          </p>
        ) : null}
        <form action={accept}>
          <Button type="submit" className="w-full" data-testid="accept-invitation">
            {t("accept")}
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
