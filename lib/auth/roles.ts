import type { Role } from "@/lib/db/generated/enums";
import type { ApiKeyScope } from "@/lib/orgs/schemas";

/** Role order: an owner can do what an admin can, and so on. */
export const ROLE_RANK: Record<Role, number> = { VIEWER: 0, EDITOR: 1, ADMIN: 2, OWNER: 3 };

export function hasRole(actual: Role, required: Role): boolean {
  return ROLE_RANK[actual] >= ROLE_RANK[required];
}

/** Who may do what (the policy table; tests check the guard against it). */
export const POLICY = {
  read: "VIEWER",
  editContent: "EDITOR",
  approve: "EDITOR",
  manageConnections: "ADMIN",
  manageApiKeys: "ADMIN",
  manageMembers: "ADMIN",
  manageAutomations: "ADMIN",
  manageBilling: "OWNER",
  generateReports: "OWNER",
  deleteOrganization: "OWNER",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof POLICY;

/**
 * What only a person signed in may do, whatever an API key's role: the "human yes" (approvals, ad
 * spend decisions) and the organisation's own settings. Enforced in requireOrg (lib/auth/guard.ts).
 */
export const HUMAN_ONLY: readonly Permission[] = ["approve", "manageConnections", "manageApiKeys", "manageMembers", "manageAutomations", "manageBilling", "generateReports", "deleteOrganization"];

/**
 * API key scopes (issue 10, row 7). A key holds one or more; "write" includes "read". No scope lets a
 * key do what HUMAN_ONLY lists: approvals and spend are decided by a person signed in.
 *  - ingest: the ingestion webhooks (ideas, leads) and nothing else;
 *  - read: GET on the organisation's routes;
 *  - write: any other method on the organisation's routes (create, edit, delete), below HUMAN_ONLY.
 * Keys made before scopes existed were made for idea ingestion: they are "ingest".
 */
export { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/orgs/schemas";

export function scopeAllows(scopes: readonly string[], needed: ApiKeyScope): boolean {
  return scopes.includes(needed) || (needed === "read" && scopes.includes("write"));
}

/**
 * The scope a route needs from an API key, from its contract: "apiKey" routes (webhooks) need ingest;
 * an organisation route needs read for GET and write otherwise; null when no key may call it at all
 * (a HUMAN_ONLY permission, a personOnly route, or a route that is not the organisation's).
 */
export function requiredScope(endpoint: { method: string; access: string; permission?: string; personOnly?: boolean }): ApiKeyScope | null {
  if (endpoint.access === "apiKey") return "ingest";
  if (endpoint.access !== "org" || endpoint.personOnly) return null;
  if (endpoint.permission && (HUMAN_ONLY as readonly string[]).includes(endpoint.permission)) return null;
  return endpoint.method === "GET" ? "read" : "write";
}
