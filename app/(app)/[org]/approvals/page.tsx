import { getTranslations } from "next-intl/server";
import { ApprovalQueue } from "@/components/approvals/approval-queue";
import { SectionHeader } from "@/components/sections/section-intro";
import { listApprovalsPage } from "@/lib/approvals/list-approvals";
import { loadQueueFacets } from "@/lib/approvals/queue-facets";
import { listApprovalsQuerySchema } from "@/lib/approvals/queue/schemas";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";

export async function generateMetadata() {
  return { title: (await getTranslations("approvals.queue"))("title") };
}

const PARAMS = ["status", "entityType", "brandId", "platform", "requestedBy", "priority", "q", "focus"] as const;

export default async function ApprovalsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireOrgPage((await params).org);
  const raw = await searchParams;
  // The address carries the tab, filters and ?focus= (notification links); anything invalid is dropped.
  const picked = Object.fromEntries(PARAMS.flatMap((k) => (typeof raw[k] === "string" && raw[k] ? [[k, raw[k]]] : [])));
  const parsed = listApprovalsQuerySchema.safeParse(picked);
  const query = parsed.success ? parsed.data : {};
  const [page, facets] = await Promise.all([listApprovalsPage({ organizationId: ctx.organizationId, ...query }), loadQueueFacets(ctx.organizationId)]);
  const { focus, ...filters } = query;
  return (
    <div data-testid="page-approvals">
      <SectionHeader section="approvals" />
      <ApprovalQueue
        org={ctx.slug}
        canDecide={hasRole(ctx.role, POLICY.approve)}
        initial={page}
        initialFilters={page.focus?.found ? { status: page.status } : { ...filters, status: page.status }}
        facets={facets}
        focusId={focus}
      />
    </div>
  );
}
