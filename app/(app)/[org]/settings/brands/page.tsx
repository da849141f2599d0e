import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Tags } from "lucide-react";
import { BrandForm } from "@/components/settings/brand-form";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";
import { getBrand, listBrands } from "@/lib/brands/brand-settings";
import { cn } from "@/lib/utils";

export async function generateMetadata() {
  return { title: (await getTranslations("settings.brands"))("title") };
}

/** Settings > Brands: the brands on the side (on top on phones), the chosen one's settings to edit (`?brand=<id>`). */
export default async function BrandsSettingsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ brand?: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [t, brands, { brand: wanted }] = await Promise.all([getTranslations("settings.brands"), listBrands({ organizationId: ctx.organizationId }), searchParams]);
  if (brands.length === 0) return <EmptyState icon={<Tags className="h-8 w-8" />} title={t("emptyTitle")} description={t("emptyDescription")} />;
  const selected = brands.find((b) => b.id === wanted) ?? brands[0]!;
  const brand = await getBrand({ organizationId: ctx.organizationId, brandId: selected.id });
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]" data-testid="brand-settings">
      <nav aria-label={t("listLabel")}>
        <ul className="flex gap-2 overflow-x-auto lg:flex-col" data-testid="brand-list">
          {brands.map((b) => (
            <li key={b.id} className="shrink-0">
              <Link
                href={`/${ctx.slug}/settings/brands?brand=${b.id}`}
                aria-current={b.id === selected.id ? "page" : undefined}
                className={cn("flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm", b.id === selected.id ? "border-brand-600 bg-brand-50 font-medium text-brand-800" : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50")}
              >
                <span className="truncate">{b.name}</span>
                {b.autoApprove ? <Badge tone="amber">{t("autoApproveBadge")}</Badge> : null}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <BrandForm key={brand.id} org={ctx.slug} brand={brand} canEdit={hasRole(ctx.role, POLICY.editContent)} isOwner={ctx.role === "OWNER"} />
    </div>
  );
}
