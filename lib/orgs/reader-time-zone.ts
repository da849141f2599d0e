import "server-only";
import { db } from "@/lib/db/client";

/**
 * The time zone a person reads dates in: their own setting when they chose one, else the
 * organisation's (dates on the organisation's pages, in notifications, emails). Europe/Paris when
 * neither is known (the organisation's default).
 */
export async function readerTimeZone(opts: { userId?: string | null; organizationId?: string | null; organizationSlug?: string | null }): Promise<string> {
  const [user, org] = await Promise.all([
    opts.userId ? db().user.findUnique({ where: { id: opts.userId }, select: { timeZone: true } }) : null,
    opts.organizationId || opts.organizationSlug
      ? db().organization.findUnique({ where: opts.organizationId ? { id: opts.organizationId } : { slug: opts.organizationSlug! }, select: { timezone: true } })
      : null,
  ]);
  return user?.timeZone ?? org?.timezone ?? "Europe/Paris";
}
