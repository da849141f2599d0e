import { MembersPanel } from "@/components/settings/members-panel";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  const email = ctx.actor.kind === "user" ? ctx.actor.email : "";
  return <MembersPanel org={ctx.slug} canManage={hasRole(ctx.role, POLICY.manageMembers)} currentEmail={email} />;
}
