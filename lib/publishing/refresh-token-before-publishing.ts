import "server-only";
import { db } from "@/lib/db/client";
import { isConnectorError } from "@/lib/connectors/errors";
import { getFreshAccessToken, REFRESH_SKEW_MS } from "@/lib/oauth/refresh";
import type { PublishingDeps } from "./deps";
import { timelineRow } from "./timeline";

/**
 * Before publishing: when the account's access token expires within 5 minutes, refresh it now
 * (single-flight, lib/oauth/refresh) so the publish call does not start with a dying token.
 * "Reconnect required" is not thrown here: the connector call then fails with it and the attempt
 * records it as the final failure.
 */
export async function refreshTokenBeforePublishing(o: {
  pub: { id: string; organizationId: string };
  account: { id: string; isSandbox: boolean; tokenExpiresAt: Date | null };
  deps: PublishingDeps;
}): Promise<{ refreshed: boolean; reconnectRequired?: boolean }> {
  const acc = o.account;
  if (acc.isSandbox || !acc.tokenExpiresAt) return { refreshed: false };
  if (acc.tokenExpiresAt.getTime() - o.deps.now() >= REFRESH_SKEW_MS) return { refreshed: false };
  try {
    await getFreshAccessToken(acc.id, { deps: o.deps.refresh });
  } catch (err) {
    if (isConnectorError(err) && err.kind === "reconnect_required") return { refreshed: false, reconnectRequired: true };
    throw err;
  }
  await db().publicationEvent.create({
    data: timelineRow({ organizationId: o.pub.organizationId, publicationId: o.pub.id, key: "tokenRefreshed", values: {}, payload: { previousExpiry: acc.tokenExpiresAt.toISOString() }, at: new Date(o.deps.now()) }),
  });
  return { refreshed: true };
}
