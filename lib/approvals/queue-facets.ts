import "server-only";
import { db } from "@/lib/db/client";

import type { QueueFacets, RequesterOption } from "@/lib/approvals/contracts";
export type { QueueFacets, RequesterOption };

/**
 * The choices of the queue's filters: the organisation's brands and who asked for approvals
 * (a workflow such as MKT-104, a member by name, or the app), read once per page load.
 */
export async function loadQueueFacets(organizationId: string): Promise<QueueFacets> {
  const [brands, grouped] = await Promise.all([
    db().brand.findMany({ where: { organizationId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().approvalRequest.groupBy({ by: ["requestedBy"], where: { organizationId, requestedBy: { not: null } }, orderBy: { requestedBy: "asc" } }),
  ]);
  const values = grouped.map((g) => g.requestedBy!).slice(0, 50);
  const people = await db().membership.findMany({ where: { organizationId, userId: { in: values } }, select: { userId: true, user: { select: { name: true, email: true } } } });
  const requesters = values.map((value): RequesterOption => {
    const workflow = /^mkt-(\d{3})/i.exec(value);
    if (workflow) return { value: `mkt-${workflow[1]}`, kind: "workflow", label: `MKT-${workflow[1]}` };
    const person = people.find((p) => p.userId === value);
    if (person) return { value, kind: "person", label: person.user.name ?? person.user.email ?? value };
    return { value, kind: "app", label: value };
  });
  // One entry per workflow ("mkt-104" stands for every MKT-104 step that asks: the filter matches the prefix).
  return { brands, requesters: requesters.filter((r, i) => requesters.findIndex((x) => x.value === r.value) === i) };
}
