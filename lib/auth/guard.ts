import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { auth } from "./index";
import { verifyApiKey } from "@/lib/orgs/api-keys";
import { POLICY, hasRole, type Permission } from "./roles";
import { setRequestOrganization } from "@/lib/request-context";

/**
 * Small composable guards. Every tenant-scoped page, route handler and server action starts with
 * one of them and then passes `ctx.organizationId` to lib functions, which scope every query by it.
 * Not a member (or no such organisation) -> 404, never 403: other tenants' existence is not revealed.
 */
export type Actor = { kind: "user"; userId: string; email: string } | { kind: "apiKey"; apiKeyId: string };
export type OrgContext = { organizationId: string; slug: string; name: string; role: Role; actor: Actor };

export async function currentUser(): Promise<{ id: string; email: string; name: string | null } | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
}

export async function requireUser(): Promise<{ id: string; email: string; name: string | null }> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized", "Sign in required");
  return user;
}

/** Membership of `userId` in the organisation with `slug`, or 404. */
export async function resolveOrgForUser(opts: { slug: string; userId: string; email: string }): Promise<OrgContext> {
  const m = await db().membership.findFirst({
    where: { userId: opts.userId, organization: { slug: opts.slug } },
    select: { role: true, organization: { select: { id: true, slug: true, name: true } } },
  });
  if (!m) throw new AppError("not_found", "Organization not found");
  return { organizationId: m.organization.id, slug: m.organization.slug, name: m.organization.name, role: m.role, actor: { kind: "user", userId: opts.userId, email: opts.email } };
}

export function assertPermission(ctx: OrgContext, permission: Permission): void {
  if (!hasRole(ctx.role, POLICY[permission])) {
    throw new AppError("forbidden", `Your role (${ctx.role.toLowerCase()}) cannot do this; ask an admin of ${ctx.name}.`);
  }
}

function apiKeyFrom(req: Request): string | null {
  const header = req.headers.get("x-api-key");
  if (header) return header.trim();
  const authz = req.headers.get("authorization");
  if (authz?.toLowerCase().startsWith("bearer me_")) return authz.slice(7).trim();
  return null;
}

/**
 * For route handlers under /api/orgs/[org]/...: a signed-in member, or an API key of that same
 * organisation (an API key acts as an editor). Any other organisation's slug -> 404.
 */
export async function requireOrg(req: Request, slug: string, permission: Permission = "read"): Promise<OrgContext> {
  const key = apiKeyFrom(req);
  let ctx: OrgContext;
  if (key) {
    const found = await verifyApiKey(key);
    if (!found) throw new AppError("unauthorized", "Invalid API key", { field: "X-API-Key" });
    if (found.organization.slug !== slug) throw new AppError("not_found", "Organization not found");
    ctx = { organizationId: found.organization.id, slug, name: found.organization.name, role: "EDITOR", actor: { kind: "apiKey", apiKeyId: found.id } };
  } else {
    const user = await requireUser();
    ctx = await resolveOrgForUser({ slug, userId: user.id, email: user.email });
  }
  setRequestOrganization(ctx.organizationId, ctx.actor.kind === "user" ? ctx.actor.userId : undefined);
  assertPermission(ctx, permission);
  return ctx;
}

/** For webhooks that authenticate with an organisation API key only (X-API-Key). */
export async function requireApiKey(req: Request): Promise<OrgContext> {
  const key = apiKeyFrom(req);
  if (!key) throw new AppError("unauthorized", "Missing API key", { field: "X-API-Key" });
  const found = await verifyApiKey(key);
  if (!found) throw new AppError("unauthorized", "Invalid API key", { field: "X-API-Key" });
  setRequestOrganization(found.organization.id);
  return { organizationId: found.organization.id, slug: found.organization.slug, name: found.organization.name, role: "EDITOR", actor: { kind: "apiKey", apiKeyId: found.id } };
}
