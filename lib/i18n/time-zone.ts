import "server-only";
import { auth } from "@/lib/auth";
import { db } from "@/lib/db/client";

export const DEFAULT_TIME_ZONE = "Europe/Paris";

export function isTimeZone(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone dates are shown in: the signed-in person's own setting, else the time zone of the
 * organisation in the page path (/<org>/...), else Europe/Paris. An organisation the person is not a
 * member of does not lend its zone (its pages answer 404 anyway).
 */
export async function displayTimeZone(pathname: string | null): Promise<string> {
  const session = await auth().catch(() => null);
  const userId = session?.user?.id;
  if (!userId) return DEFAULT_TIME_ZONE;
  const user = await db().user.findUnique({ where: { id: userId }, select: { timeZone: true } });
  if (isTimeZone(user?.timeZone)) return user.timeZone;
  const slug = pathname?.split("/")[1];
  if (slug) {
    const m = await db().membership.findFirst({ where: { userId, organization: { slug } }, select: { organization: { select: { timezone: true } } } });
    if (isTimeZone(m?.organization.timezone)) return m.organization.timezone;
  }
  return DEFAULT_TIME_ZONE;
}
