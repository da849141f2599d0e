import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { getBrandEndpoint, updateBrandEndpoint } from "@/lib/brands/contracts";
import { getBrand, updateBrand } from "@/lib/brands/brand-settings";

export const GET = handle(getBrandEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return { brand: await getBrand({ organizationId: ctx.organizationId, brandId: params.id }) };
});

export const PATCH = handle(updateBrandEndpoint, async ({ req, params, body }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await body();
  const actor = { role: ctx.role, userId: ctx.actor.kind === "user" ? ctx.actor.userId : null };
  return { brand: await updateBrand({ organizationId: ctx.organizationId, brandId: params.id, input, actor }) };
});
