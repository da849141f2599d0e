import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CsvImport } from "@/components/leads/csv-import";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("leads.import"))("title") };
}

/** Import leads from a CSV file: column mapping with a preview of the first rows, refused rows by line and field. */
export default async function LeadImportPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const t = await getTranslations("leads.import");
  return (
    <div data-testid="page-lead-import" className="space-y-4">
      <Link href={`/${ctx.slug}/leads`} className="text-sm text-slate-500 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader title={t("title")} description={t("description")} />
      <CsvImport org={ctx.slug} />
    </div>
  );
}
