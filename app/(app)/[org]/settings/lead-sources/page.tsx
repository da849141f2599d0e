import { getTranslations } from "next-intl/server";
import { ConversionSettings } from "@/components/leads/conversion-settings";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { getConversionSettings } from "@/lib/leads/conversions/attribution-settings";

export async function generateMetadata() {
  return { title: (await getTranslations("leads.conversions.settings"))("pageTitle") };
}

/** Lead sources settings: the conversion webhook's URL and secret (admins), and the attribution model. */
export default async function LeadSourcesSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const t = await getTranslations("leads.conversions.settings");
  if (!hasRole(ctx.role, POLICY.manageApiKeys))
    return (
      <p className="text-sm text-slate-500" data-testid="lead-sources-admin-only">
        {t("adminOnly")}
      </p>
    );
  const settings = await getConversionSettings({ organizationId: ctx.organizationId, slug: ctx.slug });
  return (
    <div data-testid="page-lead-sources">
      <ConversionSettings org={ctx.slug} initial={settings} />
    </div>
  );
}
