import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashPassword } from "./password";

/**
 * Creates a user with a password. An existing email -> 409 naming the field, even when that user has
 * no password yet (magic-link users): setting one here would let anyone take over the account.
 */
export async function signUp(opts: { name: string; email: string; password: string; locale?: string }): Promise<{ id: string; email: string }> {
  const existing = await db().user.findUnique({ where: { email: opts.email }, select: { id: true } });
  if (existing) throw new AppError("conflict", "auth.emailTaken", { field: "email" });
  const passwordHash = await hashPassword(opts.password);
  const user = await db().user.create({ data: { email: opts.email, name: opts.name, passwordHash, locale: opts.locale ?? "fr" } });
  return { id: user.id, email: user.email };
}
