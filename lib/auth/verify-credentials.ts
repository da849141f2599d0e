import "server-only";
import { db } from "@/lib/db/client";
import { isLocale } from "@/lib/i18n/config";
import { absoluteUrl, sendLinkEmail } from "@/lib/providers/notify";
import { verifyPassword } from "./password";

/**
 * Password sign-in with a per-account limit, independent of the client address (addresses are cheap
 * to change): after FREE_FAILURES consecutive failures each further one blocks the account's password
 * sign-in for an exponentially growing delay (1 s, 2 s, 4 s…); at LOCK_AFTER failures it is locked for
 * LOCK_MINUTES and the account's owner gets an email (through the outbox/notification path). While
 * blocked even the right password is refused, with the same answer as a wrong one. A success resets it.
 */
export const FREE_FAILURES = 5;
export const LOCK_AFTER = 10;
export const LOCK_MINUTES = 15;

export type SignInUser = { id: string; email: string; name: string | null };

export function blockAfterFailure(failures: number, now: Date): Date | null {
  if (failures >= LOCK_AFTER) return new Date(now.getTime() + LOCK_MINUTES * 60_000);
  if (failures >= FREE_FAILURES) return new Date(now.getTime() + 1000 * 2 ** (failures - FREE_FAILURES));
  return null;
}

export async function verifyCredentials(opts: { email: string; password: string; now?: Date }): Promise<SignInUser | null> {
  const now = opts.now ?? new Date();
  const user = await db().user.findUnique({
    where: { email: opts.email },
    select: { id: true, email: true, name: true, passwordHash: true, locale: true, signInBlockedUntil: true },
  });
  if (!user?.passwordHash) return null;
  if (user.signInBlockedUntil && user.signInBlockedUntil > now) return null;
  if (await verifyPassword(opts.password, user.passwordHash)) {
    await db().user.update({ where: { id: user.id }, data: { failedSignIns: 0, signInBlockedUntil: null } });
    return { id: user.id, email: user.email, name: user.name };
  }
  const [row] = await db().$queryRaw<{ failedSignIns: number }[]>`
    UPDATE users SET "failedSignIns" = "failedSignIns" + 1 WHERE id = ${user.id} RETURNING "failedSignIns"`;
  const failures = Number(row?.failedSignIns ?? 0);
  const blockedUntil = blockAfterFailure(failures, now);
  if (blockedUntil) {
    await db().$executeRaw`UPDATE users SET "signInBlockedUntil" = GREATEST(COALESCE("signInBlockedUntil", ${blockedUntil}), ${blockedUntil}) WHERE id = ${user.id}`;
  }
  if (failures >= LOCK_AFTER && failures % LOCK_AFTER === 0) {
    await sendLinkEmail({
      to: user.email,
      locale: isLocale(user.locale) ? user.locale : "fr",
      subject: "signInLockedSubject",
      body: "signInLockedBody",
      button: "signIn",
      href: absoluteUrl("/sign-in"),
      secret: false,
      values: { failures, minutes: LOCK_MINUTES },
      idempotencyKey: `signin-locked:${user.id}:${failures}:${Math.floor(now.getTime() / (LOCK_MINUTES * 60_000))}`,
    });
  }
  return null;
}
