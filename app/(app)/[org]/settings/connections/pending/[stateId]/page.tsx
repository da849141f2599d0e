import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AccountPicker } from "@/components/connections/account-picker";
import { buttonClass } from "@/components/ui/button";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";

/** The account/page picker after consent (the connections page forwards ?connect=<stateId> here). */
export default async function PendingConnectionPage({ params }: { params: Promise<{ org: string; stateId: string }> }) {
  const { org, stateId } = await params;
  const ctx = await requireOrgPage(org);
  if (!hasRole(ctx.role, POLICY.manageConnections)) {
    const t = await getTranslations("connections.picker");
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-600">{t("adminOnly")}</p>
        <Link href={`/${ctx.slug}/settings/connections`} className={buttonClass("secondary")}>
          {t("back")}
        </Link>
      </div>
    );
  }
  return <AccountPicker org={ctx.slug} stateId={stateId} />;
}
