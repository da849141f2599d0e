import type { Role } from "@/lib/db/generated/enums";

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
  manageBilling: "OWNER",
  deleteOrganization: "OWNER",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof POLICY;
