import "server-only";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { auth } from "./index";
import { verifyApiKey } from "@/lib/orgs/api-keys";
import { apiKeyFrom, routeScopeOf, type RequestHeaders } from "./api-key-header";
export { apiKeyFrom };
import { HUMAN_ONLY, POLICY, hasRole, scopeAllows, type ApiKeyScope, type Permission } from "./roles";
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
  if (!user) throw new AppError("unauthorized", "auth.signInRequired");
  return user;
}

/** Membership of `userId` in the organisation with `slug`, or 404. */
export async function resolveOrgForUser(opts: { slug: string; userId: string; email: string }): Promise<OrgContext> {
  const m = await db().membership.findFirst({
    where: { userId: opts.userId, organization: { slug: opts.slug } },
    select: { role: true, organization: { select: { id: true, slug: true, name: true } } },
  });
  if (!m) throw notFound("organization");
  return { organizationId: m.organization.id, slug: m.organization.slug, name: m.organization.name, role: m.role, actor: { kind: "user", userId: opts.userId, email: opts.email } };
}

export function assertPermission(ctx: OrgContext, permission: Permission): void {
  if (!hasRole(ctx.role, POLICY[permission])) {
    throw new AppError("forbidden", "auth.roleCannot", { values: { role: ctx.role, organization: ctx.name } });
  }
}


/**
 * The scope an API key needs here: what the route wrapper declared (from the route's contract), and at
 * least what the permission implies (read for "read" on a GET, write otherwise). null: no key at all.
 */
function scopeNeeded(req: Request, permission: Permission): ApiKeyScope | null {
  if (HUMAN_ONLY.includes(permission)) return null;
  const declared = routeScopeOf(req);
  if (declared === null) return null;
  const safe = req.method === "GET" || req.method === "HEAD";
  const fromPermission: ApiKeyScope = permission === "read" && safe ? "read" : "write";
  return declared === "ingest" || declared === "write" ? (declared as ApiKeyScope) : fromPermission;
}

function assertScope(scopes: readonly string[], needed: ApiKeyScope | null): void {
  if (needed === null) throw new AppError("forbidden", "auth.humanOnly");
  if (!scopeAllows(scopes, needed)) throw new AppError("forbidden", "auth.apiKeyScope", { field: "X-API-Key", values: { scope: needed } });
}

/**
 * For route handlers under /api/orgs/[org]/...: a signed-in member, or an API key of that same
 * organisation with the scope the route needs (it then acts as an editor, below HUMAN_ONLY). Any other
 * organisation's slug -> 404.
 */
export async function requireOrg(req: Request, slug: string, permission: Permission = "read"): Promise<OrgContext> {
  const key = apiKeyFrom(req);
  let ctx: OrgContext;
  if (key) {
    const found = await verifyApiKey(key);
    if (!found) throw new AppError("unauthorized", "auth.invalidApiKey", { field: "X-API-Key" });
    if (found.organization.slug !== slug) throw notFound("organization");
    ctx = { organizationId: found.organization.id, slug, name: found.organization.name, role: "EDITOR", actor: { kind: "apiKey", apiKeyId: found.id } };
    setRequestOrganization(ctx.organizationId);
    assertScope(found.scopes, scopeNeeded(req, permission));
  } else {
    const user = await requireUser();
    ctx = await resolveOrgForUser({ slug, userId: user.id, email: user.email });
  }
  setRequestOrganization(ctx.organizationId, ctx.actor.kind === "user" ? ctx.actor.userId : undefined);
  assertPermission(ctx, permission);
  return ctx;
}

/** For webhooks that authenticate with an organisation API key only (X-API-Key), with the ingest scope. */
export async function requireApiKey(req: RequestHeaders): Promise<OrgContext> {
  const key = apiKeyFrom(req);
  if (!key) throw new AppError("unauthorized", "auth.missingApiKey", { field: "X-API-Key" });
  const found = await verifyApiKey(key);
  if (!found) throw new AppError("unauthorized", "auth.invalidApiKey", { field: "X-API-Key" });
  setRequestOrganization(found.organization.id);
  assertScope(found.scopes, "ingest");
  return { organizationId: found.organization.id, slug: found.organization.slug, name: found.organization.name, role: "EDITOR", actor: { kind: "apiKey", apiKeyId: found.id } };
}
