import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { getOrganization } from "@/lib/orgs/get-organization";
import { providerModes, workflowEngineMode } from "@/lib/health/get-health";
import { OrganizationForm } from "@/components/settings/organization-form";
import { ChangePassword } from "@/components/settings/change-password";
import { SignOutEverywhere } from "@/components/settings/sign-out-everywhere";
import { POLICY, hasRole } from "@/lib/auth/roles";

export async function generateMetadata() {
  return { title: (await getTranslations("sections.settings"))("title") };
}

export default async function SettingsGeneralPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const [org, t, ta, format] = await Promise.all([getOrganization({ organizationId: ctx.organizationId }), getTranslations("settings.general"), getTranslations("settings.account"), getFormatter()]);
  const providers = providerModes();
  const rows: [string, string][] = [
    [t("name"), org.name],
    [t("address"), `/${org.slug}`],
    [t("plan"), org.plan],
    [t("language"), org.locale === "fr" ? "Français" : "English"],
    [t("timezone"), org.timezone],
    [t("currency"), org.currency],
    [t("created"), format.dateTime(new Date(org.createdAt), { dateStyle: "long" })],
  ];
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader title={t("title")} description={t("description")} />
        <CardBody className="space-y-6">
          {hasRole(ctx.role, POLICY.manageMembers) ? <OrganizationForm slug={org.slug} org={{ name: org.name, locale: org.locale, timezone: org.timezone, currency: org.currency }} /> : null}
          <dl className="divide-y divide-slate-100 text-sm">
            {rows.map(([k, v]) => (
              <div key={k} className="flex justify-between gap-4 py-2">
                <dt className="text-slate-500">{k}</dt>
                <dd className="font-medium text-slate-900">{v}</dd>
              </div>
            ))}
          </dl>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("servicesTitle")} description={t("servicesDescription")} />
        <CardBody>
          <ul className="divide-y divide-slate-100 text-sm" data-testid="provider-modes">
            <li className="flex justify-between py-2">
              <span>{t("services.workflow")}</span>
              <Badge tone={workflowEngineMode() === "embedded" ? "amber" : "green"}>{t(`modes.${workflowEngineMode()}`)}</Badge>
            </li>
            {Object.entries(providers).map(([name, mode]) => (
              <li key={name} className="flex justify-between py-2">
                <span>{t(`services.${name}`)}</span>
                <Badge tone={mode === "embedded" ? "amber" : "green"}>{t(`modes.${mode}`)}</Badge>
              </li>
            ))}
          </ul>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={ta("title")} description={ta("description")} />
        <CardBody className="space-y-6">
          <ChangePassword />
          <SignOutEverywhere />
        </CardBody>
      </Card>
    </div>
  );
}
