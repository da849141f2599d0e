import "server-only";
import { db } from "@/lib/db/client";

export type Approver = { userId: string; email: string; name: string | null; locale: string; timeZone: string | null };

/** Members who may decide (POLICY.approve = EDITOR and above), oldest membership first. */
export async function listApprovers(opts: { organizationId: string }): Promise<Approver[]> {
  const rows = await db().membership.findMany({
    where: { organizationId: opts.organizationId, role: { in: ["OWNER", "ADMIN", "EDITOR"] } },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { id: true, email: true, name: true, locale: true, timeZone: true } } },
  });
  return rows.map((r) => ({ userId: r.user.id, email: r.user.email, name: r.user.name, locale: r.user.locale, timeZone: r.user.timeZone }));
}
