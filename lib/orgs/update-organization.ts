import "server-only";
import { db } from "@/lib/db/client";
import { getOrganization, type OrganizationDetailDto } from "./get-organization";
import type { UpdateOrganizationInput } from "./schemas";

export async function updateOrganization(opts: { organizationId: string; input: UpdateOrganizationInput }): Promise<OrganizationDetailDto> {
  await db().organization.update({ where: { id: opts.organizationId }, data: opts.input });
  return getOrganization({ organizationId: opts.organizationId });
}
