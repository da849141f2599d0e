import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

export const DEMO_EMAIL = "demo@marketingengine.app";
export const DEMO_PASSWORD = "demo-password";

/** Shown on the sign-in page only while the demo data is enabled and the demo user exists. */
export async function demoCredentials(): Promise<{ email: string; password: string } | null> {
  if (!env().DEMO_SEED) return null;
  const user = await db().user.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true } });
  return user ? { email: DEMO_EMAIL, password: DEMO_PASSWORD } : null;
}
