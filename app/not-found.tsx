import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <div className="flex min-h-[60vh] flex-col items-center justify-center gap-3 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="max-w-md text-sm text-slate-500">{t("notFoundBody")}</p>
      <Link href="/" className="text-sm font-medium text-brand-700 hover:underline">
        {t("backHome")}
      </Link>
    </div>
  );
}
