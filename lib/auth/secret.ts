import "server-only";
import { env } from "@/lib/env";
import { devSecret } from "./dev-secrets";

/** AUTH_SECRET, or in development a generated one kept in DATA_DIR. Production refuses to start without it. */
export function authSecret(): string {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === "production" && !e.EMBEDDED_DB) {
    throw new Error("AUTH_SECRET is required in production (generate one with `openssl rand -base64 32`).");
  }
  return devSecret("auth");
}

/**
 * For `npm start` (scripts/dev.ts --prod): the same zero-configuration sign-in secret as `npm run dev`,
 * generated once into DATA_DIR, so a production build with only DATABASE_URL works as the README says.
 * Returns the variables to hand to `next start` (none when AUTH_SECRET is set).
 */
export function startupAuthSecret(): { AUTH_SECRET?: string } {
  if (env().AUTH_SECRET) return {};
  return { AUTH_SECRET: devSecret("auth") };
}

/** The message `next start` stops with when it cannot sign anyone in (no AUTH_SECRET in production); null when fine. */
export function missingAuthSecretMessage(): string | null {
  try {
    authSecret();
    return null;
  } catch (err) {
    return `${(err as Error).message} Or start with \`npm start\`, which generates one in DATA_DIR.`;
  }
}
