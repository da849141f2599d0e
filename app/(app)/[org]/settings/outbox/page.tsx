import { getTranslations } from "next-intl/server";
import { OutboxList } from "@/components/settings/outbox-list";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";
import { listOutbox } from "@/lib/providers/email";

export default async function OutboxPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const t = await getTranslations("settings");
  if (!hasRole(ctx.role, POLICY.manageMembers)) return <p className="text-sm text-slate-500">{t("apiKeys.adminOnly")}</p>;
  const emails = await listOutbox({ organizationId: ctx.organizationId });
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-500">{t("outbox.description")}</p>
      <OutboxList emails={emails} />
    </div>
  );
}
