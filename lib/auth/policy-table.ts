import { API_KEY_SCOPES, HUMAN_ONLY, POLICY, ROLE_RANK, hasRole, requiredScope, scopeAllows, type ApiKeyScope, type Permission } from "./roles";
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
  generateReports: "Generate the weekly report now (War Room)",
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

/** What a key acts as in its own organisation (lib/auth/guard.ts). */
const KEY_ROLE: Role = "EDITOR";

type RouteEndpoint = { method: string; path: string; access: string; permission?: string; personOnly?: boolean };

/** Whether `actor` (a role, or a key with one scope) may call an organisation route, as the guard decides. */
export function routeAllows(e: RouteEndpoint, actor: { role: Role } | { scope: ApiKeyScope }): boolean {
  const permission = (e.permission ?? "read") as Permission;
  if ("role" in actor) return hasRole(actor.role, POLICY[permission]);
  const needed = requiredScope(e);
  return needed !== null && scopeAllows([actor.scope], needed) && hasRole(KEY_ROLE, POLICY[permission]);
}

/**
 * The same policy route by route: every state-changing organisation route (from the contracts) x the
 * four roles and a key of each scope. tests/e2e/security.spec.ts reads this table from docs/SECURITY.md
 * and calls each route as each of them against the production build.
 */
export function routeTableMarkdown(endpoints: readonly RouteEndpoint[]): string {
  const head = ["Route", "Permission", ...ROLES.map(label), ...API_KEY_SCOPES.map((s) => `Key \`${s}\``)];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  const rows = endpoints.filter((e) => e.access === "org" && e.method !== "GET").sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  for (const e of rows) {
    const who = e.personOnly ? " (person only)" : "";
    const cells = [...ROLES.map((role) => routeAllows(e, { role })), ...API_KEY_SCOPES.map((scope) => routeAllows(e, { scope }))].map((ok) => (ok ? "yes" : "no"));
    lines.push(`| \`${e.method} ${e.path}\` | \`${e.permission ?? "read"}\`${who} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}
