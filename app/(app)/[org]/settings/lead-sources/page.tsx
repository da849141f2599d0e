import { getTranslations } from "next-intl/server";
import { ConversionSettings } from "@/components/leads/conversion-settings";
import { LeadSourceSettings } from "@/components/leads/lead-source-settings";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { hasRole, POLICY } from "@/lib/auth/roles";
import { getLeadSourceSettings } from "@/lib/leads/capture/lead-source-settings";
import { getConversionSettings } from "@/lib/leads/conversions/attribution-settings";

export async function generateMetadata() {
  return { title: (await getTranslations("leads.conversions.settings"))("pageTitle") };
}

/** Lead sources settings (admins): every lead webhook with its key or signature and a test lead, the conversion webhook, the attribution model. */
export default async function LeadSourcesSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const t = await getTranslations("leads.conversions.settings");
  if (!hasRole(ctx.role, POLICY.manageApiKeys))
    return (
      <p className="text-sm text-slate-500" data-testid="lead-sources-admin-only">
        {t("adminOnly")}
      </p>
    );
  const [sources, settings] = await Promise.all([
    getLeadSourceSettings({ organizationId: ctx.organizationId }),
    getConversionSettings({ organizationId: ctx.organizationId, slug: ctx.slug }),
  ]);
  return (
    <div className="space-y-6" data-testid="page-lead-sources">
      <LeadSourceSettings org={ctx.slug} initial={sources} />
      <ConversionSettings org={ctx.slug} initial={settings} />
    </div>
  );
}
