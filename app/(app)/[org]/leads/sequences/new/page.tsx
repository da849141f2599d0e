import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SequenceEditor } from "@/components/leads/sequence-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("leads.sequences"))("new") };
}

export default async function NewSequencePage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const t = await getTranslations("leads.sequences");
  return (
    <div data-testid="page-sequence-new" className="space-y-4">
      <Link href={`/${ctx.slug}/leads/sequences`} className="text-sm text-slate-500 hover:underline">
        ← {t("backToList")}
      </Link>
      <PageHeader title={t("new")} description={t("editorDescription")} />
      <SequenceEditor org={ctx.slug} sequence={null} isOwner={ctx.role === "OWNER"} />
    </div>
  );
}
