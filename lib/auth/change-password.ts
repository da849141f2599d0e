import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";
import { forgetSessionVersion } from "./session-version";

/**
 * A password change ends every other session of the person (issue 10, row 10): the new hash and a new
 * session version are written together, so a stolen cookie does not outlive the password it came with.
 */
export async function changePassword(opts: { userId: string; currentPassword: string; newPassword: string }): Promise<void> {
  const user = await db().user.findUnique({ where: { id: opts.userId }, select: { passwordHash: true } });
  if (!user) throw new AppError("unauthorized", "auth.signInRequired");
  if (user.passwordHash && !(await verifyPassword(opts.currentPassword, user.passwordHash))) throw new AppError("validation", "auth.wrongPassword", { field: "currentPassword" });
  const passwordHash = await hashPassword(opts.newPassword);
  await db().user.update({ where: { id: opts.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
  forgetSessionVersion(opts.userId);
}
