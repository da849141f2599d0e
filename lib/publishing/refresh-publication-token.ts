import { db } from "@/lib/db/client";
import { isConnectorError } from "@/lib/connectors/errors";
import { getFreshAccessToken, REFRESH_SKEW_MS } from "@/lib/oauth/refresh";
import { defaultPublishingDeps, type PublishingDeps } from "./deps";
import { timelineRow } from "./timeline";

/**
 * Before publishing: when the account's access token expires within 5 minutes, refresh it now
 * (single-flight, lib/oauth/refresh) so the publish call does not start with a dying token.
 * "Reconnect required" is not thrown here: the publish step records it as the final failure.
 */
export async function refreshPublicationToken(opts: { organizationId: string; publicationId: string; deps?: PublishingDeps }): Promise<{ refreshed: boolean; reconnectRequired?: boolean }> {
  const deps = opts.deps ?? defaultPublishingDeps();
  const pub = await db().publication.findFirst({
    where: { id: opts.publicationId, organizationId: opts.organizationId, status: { in: ["SCHEDULED", "UPLOADING"] } },
    select: { id: true, organizationId: true, socialAccount: { select: { id: true, isSandbox: true, tokenExpiresAt: true } } },
  });
  const acc = pub?.socialAccount;
  if (!pub || !acc || acc.isSandbox || !acc.tokenExpiresAt) return { refreshed: false };
  if (acc.tokenExpiresAt.getTime() - deps.now() >= REFRESH_SKEW_MS) return { refreshed: false };
  try {
    await getFreshAccessToken(acc.id, { deps: deps.refresh });
  } catch (err) {
    if (isConnectorError(err) && err.kind === "reconnect_required") return { refreshed: false, reconnectRequired: true };
    throw err;
  }
  await db().publicationEvent.create({
    data: timelineRow({ organizationId: pub.organizationId, publicationId: pub.id, message: "Access token refreshed before publishing (it expired within 5 minutes)", payload: { previousExpiry: acc.tokenExpiresAt.toISOString() }, at: new Date(deps.now()) }),
  });
  return { refreshed: true };
}
