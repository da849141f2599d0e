import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { listBrandsEndpoint } from "@/lib/brands/contracts";
import { listBrands } from "@/lib/brands/brand-settings";

export const GET = handle(listBrandsEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return { brands: await listBrands({ organizationId: ctx.organizationId }) };
});
