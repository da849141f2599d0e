import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

export type OrganizationDetailDto = { id: string; slug: string; name: string; plan: string; locale: string; timezone: string; currency: string; isDemo: boolean; createdAt: string };

export async function getOrganization(opts: { organizationId: string }): Promise<OrganizationDetailDto> {
  const o = await db().organization.findUnique({ where: { id: opts.organizationId } });
  if (!o) throw notFound("Organization");
  return { id: o.id, slug: o.slug, name: o.name, plan: o.plan, locale: o.locale, timezone: o.timezone, currency: o.currency, isDemo: o.isDemo, createdAt: o.createdAt.toISOString() };
}
