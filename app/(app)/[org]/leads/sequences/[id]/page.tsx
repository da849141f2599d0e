import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SequenceEditor } from "@/components/leads/sequence-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { isAppError } from "@/lib/errors";
import { getSequence } from "@/lib/leads/nurture/sequences";

export async function generateMetadata() {
  return { title: (await getTranslations("leads.sequences"))("title") };
}

export default async function SequencePage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const p = await params;
  const ctx = await requireOrgPage(p.org);
  const sequence = await getSequence({ organizationId: ctx.organizationId, sequenceId: p.id }).catch((err) => {
    if (isAppError(err) && err.code === "not_found") notFound(); // another organisation's sequence: 404
    throw err;
  });
  const t = await getTranslations("leads.sequences");
  return (
    <div data-testid="page-sequence" className="space-y-4">
      <Link href={`/${ctx.slug}/leads/sequences`} className="text-sm text-slate-500 hover:underline">
        ← {t("backToList")}
      </Link>
      <PageHeader title={<span data-user-content>{sequence.name}</span>} description={t("editorDescription")} />
      <SequenceEditor org={ctx.slug} sequence={sequence} isOwner={ctx.role === "OWNER"} />
    </div>
  );
}
