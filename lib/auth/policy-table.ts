import { API_KEY_SCOPES, HUMAN_ONLY, POLICY, ROLE_RANK, hasRole, scopeAllows, type ApiKeyScope, type Permission } from "./roles";
import type { Role } from "@/lib/db/generated/enums";

/**
 * The "who may do what" table of docs/SECURITY.md, generated from the policy in roles.ts
 * (tests/unit/security/policy-table.test.ts fails when the document says something else;
 * `npx tsx scripts/policy-table.ts` prints it).
 */
const ACTIONS: Record<Permission, string> = {
  read: "Read the organisation's data",
  editContent: "Create and edit content, ideas, media, schedules, runs",
  approve: "Approve content or ad spend, decide or launch a campaign",
  manageConnections: "Connect / disconnect platforms",
  manageApiKeys: "Create / revoke API keys",
  manageMembers: "Invite, change roles, remove members; organisation settings; outbox",
  manageAutomations: "Switch the War Room automations (Bot Control Center)",
  manageBilling: "Billing",
  deleteOrganization: "Delete the organisation",
};

/** The scope a key needs for a permission (GET for read, any other method otherwise), or null: never a key. */
export function keyScopeFor(permission: Permission): ApiKeyScope | null {
  if (HUMAN_ONLY.includes(permission)) return null;
  return permission === "read" ? "read" : "write";
}

const ROLES = (Object.keys(ROLE_RANK) as Role[]).sort((a, b) => ROLE_RANK[b] - ROLE_RANK[a]);
const label = (r: Role) => r[0] + r.slice(1).toLowerCase();

export function policyTableMarkdown(): string {
  const head = ["Action (permission)", ...ROLES.map(label), ...API_KEY_SCOPES.map((s) => `Key \`${s}\``)];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const p of Object.keys(POLICY) as Permission[]) {
    const needed = keyScopeFor(p);
    const keyCells = API_KEY_SCOPES.map((s) => (needed === null ? "**no** (human only)" : scopeAllows([s], needed) ? "yes" : "no"));
    lines.push(`| ${ACTIONS[p]} (\`${p}\`) | ${ROLES.map((r) => (hasRole(r, POLICY[p]) ? "yes" : "no")).join(" | ")} | ${keyCells.join(" | ")} |`);
  }
  const ingest = API_KEY_SCOPES.map((s) => (s === "ingest" ? "yes" : "no"));
  lines.push(`| Send ideas and leads to the ingestion webhooks (API key only) | ${ROLES.map(() => "no").join(" | ")} | ${ingest.join(" | ")} |`);
  return lines.join("\n");
}
