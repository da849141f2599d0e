import { redirect } from "next/navigation";
import { ConnectionsPanel } from "@/components/connections/connections-panel";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";

type Props = { params: Promise<{ org: string }>; searchParams: Promise<{ connect?: string; connected?: string }> };

/** Settings -> Connections. The OAuth callback comes back here with ?connect=<stateId>: go on to the account picker. */
export default async function ConnectionsPage({ params, searchParams }: Props) {
  const ctx = await requireOrgPage((await params).org);
  const q = await searchParams;
  if (q.connect && /^ost_[0-9a-f]{1,64}$/.test(q.connect)) redirect(`/${ctx.slug}/settings/connections/pending/${q.connect}`);
  const connected = Number(q.connected);
  return (
    <ConnectionsPanel
      org={ctx.slug}
      canManage={hasRole(ctx.role, POLICY.manageConnections)}
      connectedCount={Number.isInteger(connected) && connected > 0 ? connected : undefined}
    />
  );
}
