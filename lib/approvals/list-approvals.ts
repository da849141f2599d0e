import { db } from "@/lib/db/client";

export type ApprovalListItemDto = {
  id: string;
  title: string;
  summary: string | null;
  entityType: string;
  priority: string;
  status: string;
  spendAmountMinor: number | null;
  currency: string | null;
  createdAt: string;
  dueAt: string | null;
  reminderCount: number;
};

export async function listApprovals(opts: { organizationId: string; status?: "PENDING" | "ALL" }): Promise<ApprovalListItemDto[]> {
  const rows = await db().approvalRequest.findMany({
    where: { organizationId: opts.organizationId, ...(opts.status === "ALL" ? {} : { status: "PENDING" }) },
    orderBy: [{ priority: "desc" }, { createdAt: "asc" }],
    take: 100,
    select: { id: true, title: true, summary: true, entityType: true, priority: true, status: true, spendAmountMinor: true, currency: true, createdAt: true, dueAt: true, reminderCount: true },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), dueAt: r.dueAt?.toISOString() ?? null }));
}
