import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { OrganizationDetailDto } from "@/lib/orgs/contracts";
export type { OrganizationDetailDto };

export async function getOrganization(opts: { organizationId: string }): Promise<OrganizationDetailDto> {
  const o = await db().organization.findUnique({ where: { id: opts.organizationId } });
  if (!o) throw notFound("organization");
  return { id: o.id, slug: o.slug, name: o.name, plan: o.plan, locale: o.locale, timezone: o.timezone, currency: o.currency, isDemo: o.isDemo, createdAt: o.createdAt.toISOString() };
}
