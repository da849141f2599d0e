import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { ConnectorContext } from "@/lib/connectors/types";
import { accountRefOf, defaultRefreshDeps, getFreshAccessToken, type RefreshDeps } from "./refresh";

/**
 * Everything a connector call needs for one stored account: its reference, a TokenSource backed by
 * the encrypted columns (refresh single-flight), and a rate-limit sink that records the back-off.
 */
export async function connectorContextFor(accountId: string, organizationId: string, deps: RefreshDeps = defaultRefreshDeps()): Promise<ConnectorContext> {
  const row = await db().socialAccount.findFirst({ where: { id: accountId, organizationId } });
  if (!row) throw notFound("account");
  return connectorContextOf(row, deps);
}

/** The same, for an account row the caller has already loaded (scoped to its organisation). */
export function connectorContextOf(row: Parameters<typeof accountRefOf>[0], deps: RefreshDeps = defaultRefreshDeps()): ConnectorContext {
  const accountId = row.id;
  const account = accountRefOf(row);
  return {
    account,
    tokens: {
      get: () => (account.isSandbox ? Promise.resolve("sandbox") : getFreshAccessToken(accountId, { deps })),
      refresh: (rejected) => (account.isSandbox ? Promise.resolve("sandbox") : getFreshAccessToken(accountId, { rejected, deps })),
    },
    onRateLimited: async (until) => {
      await db().socialAccount.update({ where: { id: accountId }, data: { rateLimitedUntil: until } });
    },
  };
}
