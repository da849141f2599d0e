import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PostComposer } from "@/components/composer/post-composer";
import { ContentTabs } from "@/components/publishing/content-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";
import { loadComposerDraft, prefillTime, type ComposerDraft } from "@/lib/content/compose/load-draft";
import { isAppError } from "@/lib/errors";

export async function generateMetadata() {
  return { title: (await getTranslations("composer"))("title") };
}

/** The composer (issue 9, seed 003 PostComposer): `?at=` (ISO) prefills the time (calendar), `?contentId=` edits a post. */
export default async function ComposePage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ at?: string; contentId?: string }> }) {
  const [{ org }, sp] = await Promise.all([params, searchParams]);
  const ctx = await requireOrgPage(org);
  const t = await getTranslations("composer");
  const canEdit = hasRole(ctx.role, POLICY.editContent);
  let draft: ComposerDraft | null = null;
  if (sp.contentId) {
    draft = await loadComposerDraft({ organizationId: ctx.organizationId, contentPieceId: sp.contentId }).catch((err: unknown) => {
      if (isAppError(err) && err.code === "not_found") notFound();
      throw err;
    });
  }
  const at = prefillTime(sp.at);
  const selfApproves = ctx.actor.kind === "user" && (ctx.role === "OWNER" || ctx.role === "ADMIN");
  return (
    <div data-testid="page-content-compose">
      <PageHeader title={t(draft ? "editTitle" : "title")} description={t(selfApproves ? "descriptionDirect" : "descriptionApproval")} />
      <ContentTabs org={ctx.slug} />
      {canEdit ? (
        <PostComposer org={ctx.slug} selfApproves={selfApproves} draft={draft} initialAt={draft?.scheduledAt ?? at} />
      ) : (
        <p className="rounded-md bg-slate-50 p-4 text-sm text-slate-600">{t("readOnly")}</p>
      )}
    </div>
  );
}
