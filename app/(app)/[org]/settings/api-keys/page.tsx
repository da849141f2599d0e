import { ApiKeysPanel } from "@/components/settings/api-keys-panel";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";

export default async function ApiKeysPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  return <ApiKeysPanel org={ctx.slug} canManage={hasRole(ctx.role, POLICY.manageApiKeys)} />;
}
