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
