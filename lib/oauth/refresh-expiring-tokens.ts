import "server-only";
import { db } from "@/lib/db/client";
import { ConnectorError } from "@/lib/connectors/errors";
import { childLogger } from "@/lib/log";
import { notify } from "@/lib/providers/notify";
import { platformKeyOf, type PlatformEnum } from "@/lib/connectors/types";
import { announceReconnectRequired, defaultRefreshDeps, getFreshAccessToken, type RefreshDeps } from "./refresh";
import { agentNotInactive } from "@/lib/agents/active-filter";

/** MKT-401: tokens that expire within this long are refreshed (the job runs every 12 hours: two tries). */
export const REFRESH_AHEAD_MS = 24 * 3600_000;

export type ExpiringAccount = { accountId: string; organizationId: string };
export type RefreshOutcome = { accountId: string; organizationId: string; outcome: "refreshed" | "reconnect_required" | "failed"; reason?: string };

/** Connected accounts (every organisation) whose access token expires within 24 hours and that can still be used. */
export async function listExpiringAccounts(opts: { now?: Date } = {}): Promise<ExpiringAccount[]> {
  const now = opts.now ?? new Date();
  const rows = await db().socialAccount.findMany({
    where: {
      status: { in: ["ACTIVE", "ERROR"] },
      organization: agentNotInactive("MKT-401"),
      accessTokenEnc: { not: null },
      tokenExpiresAt: { not: null, lt: new Date(now.getTime() + REFRESH_AHEAD_MS) },
    },
    select: { id: true, organizationId: true },
    orderBy: { tokenExpiresAt: "asc" },
  });
  return rows.map((r) => ({ accountId: r.id, organizationId: r.organizationId }));
}

/**
 * MKT-401 for one account, through the connectors' single-flight refresh (in-process promise, row
 * lease, tokenVersion). A refused refresh (invalid grant, no refresh token) marks the account
 * RECONNECT_REQUIRED and tells the owners (`markReconnectRequired`, inside the refresh). Any other
 * failure (the platform down, a timeout) marks the account ERROR with the reason and tells owners and
 * admins at once (`tokenRefreshFailed`, critical, once per account and expiry); the next run, 12 hours
 * later, tries again before the token expires, and a success puts the account back to ACTIVE.
 */
export async function refreshExpiringToken(opts: { accountId: string; deps?: RefreshDeps }): Promise<RefreshOutcome> {
  const deps = opts.deps ?? defaultRefreshDeps();
  const row = await db().socialAccount.findUnique({
    where: { id: opts.accountId },
    select: { id: true, organizationId: true, name: true, platform: true, tokenExpiresAt: true, organization: { select: { slug: true } } },
  });
  if (!row) return { accountId: opts.accountId, organizationId: "", outcome: "failed", reason: "account not found" };
  const base = { accountId: row.id, organizationId: row.organizationId };
  try {
    await getFreshAccessToken(row.id, { deps, minValidityMs: REFRESH_AHEAD_MS });
    return { ...base, outcome: "refreshed" };
  } catch (err) {
    // A refused grant, or the account marked RECONNECT_REQUIRED before something else failed (its alert):
    // the owners' alert is made again (deduplicated), so a failed or replayed step delivers it once.
    const refused = err instanceof ConnectorError && err.kind === "reconnect_required";
    if (refused || (await db().socialAccount.findUnique({ where: { id: row.id }, select: { status: true } }))?.status === "RECONNECT_REQUIRED") {
      await announceReconnectRequired(row.id);
      return { ...base, outcome: "reconnect_required", reason: (err instanceof Error ? err.message : String(err)).slice(0, 300) };
    }
    const reason = (err instanceof Error ? err.message : String(err)).slice(0, 300);
    const platform = platformKeyOf(row.platform as PlatformEnum);
    await db().socialAccount.updateMany({
      where: { id: row.id, status: { in: ["ACTIVE", "ERROR"] } },
      data: { status: "ERROR", statusMessage: `token refresh failed: ${reason}`.slice(0, 500) },
    });
    await notify({
      organizationId: row.organizationId,
      to: { roles: ["OWNER", "ADMIN"] },
      type: "account.token_refresh_failed",
      severity: "CRITICAL",
      message: {
        key: "tokenRefreshFailed",
        values: { account: row.name, platform, at: row.tokenExpiresAt?.toISOString() ?? new Date(deps.now()).toISOString() },
      },
      actionUrl: `/${row.organization.slug}/settings/connections?reconnect=${row.id}`,
      dedupeKey: `token-refresh-failed:${row.id}:${row.tokenExpiresAt?.toISOString() ?? "none"}`,
      data: { accountId: row.id, platform, reason },
      email: "audience",
    });
    childLogger({ organizationId: row.organizationId }).warn({ accountId: row.id, platform, reason }, "MKT-401 token refresh failed");
    return { ...base, outcome: "failed", reason };
  }
}
