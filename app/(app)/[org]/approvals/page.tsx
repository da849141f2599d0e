import { getTranslations } from "next-intl/server";
import { ApprovalQueue } from "@/components/approvals/approval-queue";
import { SectionHeader } from "@/components/sections/section-intro";
import { listApprovals } from "@/lib/approvals/list-approvals";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";

export async function generateMetadata() {
  return { title: (await getTranslations("approvals.queue"))("title") };
}

export default async function ApprovalsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ focus?: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [items, { focus }] = await Promise.all([listApprovals({ organizationId: ctx.organizationId }), searchParams]);
  return (
    <div data-testid="page-approvals">
      <SectionHeader section="approvals" />
      <ApprovalQueue org={ctx.slug} canDecide={hasRole(ctx.role, POLICY.approve)} initial={items} focusId={typeof focus === "string" ? focus : undefined} />
    </div>
  );
}
