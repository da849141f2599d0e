import "server-only";
import { db } from "@/lib/db/client";
import { decryptAccountToken, encryptAccountToken } from "@/lib/crypto/account-secrets";
import { ConnectorError } from "@/lib/connectors/errors";
import { notFound } from "@/lib/errors";
import { childLogger } from "@/lib/log";
import { notify } from "@/lib/providers/notify";
import { connectors as defaultRegistry, type ConnectorRegistry } from "@/lib/connectors/registry";
import { platformKeyOf, type AccountRef, type PlatformEnum } from "@/lib/connectors/types";

/** Refresh this long before expiry. */
export const REFRESH_SKEW_MS = 5 * 60_000;
const LEASE_MS = 30_000;

export interface RefreshDeps {
  registry: ConnectorRegistry;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  pollMs: number;
}
export const defaultRefreshDeps = (): RefreshDeps => ({
  registry: defaultRegistry,
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  pollMs: 200,
});

type Row = NonNullable<Awaited<ReturnType<typeof loadRow>>>;
const loadRow = (id: string) =>
  db().socialAccount.findUnique({
    where: { id },
    select: {
      id: true,
      organizationId: true,
      platform: true,
      externalId: true,
      name: true,
      metadata: true,
      isSandbox: true,
      status: true,
      accessTokenEnc: true,
      refreshTokenEnc: true,
      tokenExpiresAt: true,
      tokenVersion: true,
      refreshLeaseUntil: true,
    },
  });

export const accountRefOf = (r: Pick<Row, "id" | "organizationId" | "platform" | "externalId" | "metadata" | "isSandbox">): AccountRef => ({
  id: r.id,
  organizationId: r.organizationId,
  platform: platformKeyOf(r.platform as PlatformEnum),
  externalId: r.externalId,
  metadata: (r.metadata ?? {}) as Record<string, unknown>,
  isSandbox: r.isSandbox,
});

const inflight = new Map<string, Promise<string>>();

/**
 * A valid access token for the account. Refreshes when it expires within REFRESH_SKEW_MS, or when
 * the platform rejected `rejected` (or within `minValidityMs`, MKT-401's 24 hours). Single-flight: concurrent callers in this process share one
 * promise; across processes a lease on the row lets one refresher call the token endpoint while the
 * others wait for the new token version. The new access + refresh tokens are stored in one update
 * guarded by tokenVersion, so a rotated refresh token is never lost or overwritten by a stale one.
 */
export function getFreshAccessToken(accountId: string, opts: { rejected?: string; deps?: RefreshDeps; minValidityMs?: number } = {}): Promise<string> {
  const key = accountId;
  const existing = inflight.get(key);
  if (existing) return existing;
  const p = refreshWithLease(accountId, opts).finally(() => inflight.delete(key));
  inflight.set(key, p);
  return p;
}

/** The cross-process part (exported for tests that simulate several processes). */
export async function refreshWithLease(accountId: string, opts: { rejected?: string; deps?: RefreshDeps; minValidityMs?: number } = {}): Promise<string> {
  const deps = opts.deps ?? defaultRefreshDeps();
  for (let waited = 0; ;) {
    const row = await loadRow(accountId);
    if (!row) throw notFound("account");
    const ref = accountRefOf(row);
    if (row.status === "RECONNECT_REQUIRED" || row.status === "DISCONNECTED")
      throw new ConnectorError("reconnect_required", ref.platform, "account must be reconnected");
    if (!row.accessTokenEnc) throw new ConnectorError("reconnect_required", ref.platform, "account has no token");
    const current = decryptAccountToken(row.organizationId, row.id, "accessToken", row.accessTokenEnc);
    // `minValidityMs`: MKT-401 refreshes a day ahead; callers of the API only when within REFRESH_SKEW_MS.
    const expiring = row.tokenExpiresAt ? row.tokenExpiresAt.getTime() - deps.now() < Math.max(REFRESH_SKEW_MS, opts.minValidityMs ?? 0) : false;
    if (opts.rejected !== undefined ? current !== opts.rejected && !expiring : !expiring) return current;

    const now = new Date(deps.now());
    const lease = await db().socialAccount.updateMany({
      where: { id: row.id, tokenVersion: row.tokenVersion, OR: [{ refreshLeaseUntil: null }, { refreshLeaseUntil: { lt: now } }] },
      data: { refreshLeaseUntil: new Date(deps.now() + LEASE_MS) },
    });
    if (lease.count === 0) {
      // Someone else is refreshing (or just did): wait for the version to move, then re-read.
      if (waited > LEASE_MS * 2) throw new ConnectorError("transient", ref.platform, "token refresh is taking too long");
      await deps.sleep(deps.pollMs);
      waited += deps.pollMs;
      const again = await db().socialAccount.findUnique({ where: { id: row.id }, select: { tokenVersion: true } });
      if (again && again.tokenVersion !== row.tokenVersion) opts = { ...opts, rejected: undefined };
      continue;
    }
    return performRefresh(row, ref, deps);
  }
}

async function performRefresh(row: Row, ref: AccountRef, deps: RefreshDeps): Promise<string> {
  const release = () => db().socialAccount.updateMany({ where: { id: row.id, tokenVersion: row.tokenVersion }, data: { refreshLeaseUntil: null } });
  try {
    if (!row.refreshTokenEnc) throw new ConnectorError("reconnect_required", ref.platform, "the access token was rejected and there is no refresh token");
    const refreshToken = decryptAccountToken(row.organizationId, row.id, "refreshToken", row.refreshTokenEnc);
    const set = await deps.registry.forAccount(ref).refreshToken({ account: ref, refreshToken });
    const saved = await db().socialAccount.updateMany({
      where: { id: row.id, tokenVersion: row.tokenVersion },
      data: {
        accessTokenEnc: encryptAccountToken(row.organizationId, row.id, "accessToken", set.accessToken),
        ...(set.refreshToken ? { refreshTokenEnc: encryptAccountToken(row.organizationId, row.id, "refreshToken", set.refreshToken) } : {}),
        tokenExpiresAt: set.expiresAt ?? null,
        ...(set.refreshExpiresAt ? { refreshExpiresAt: set.refreshExpiresAt } : {}),
        tokenVersion: { increment: 1 },
        refreshLeaseUntil: null,
        lastRefreshedAt: new Date(deps.now()),
        status: "ACTIVE",
        statusMessage: null,
      },
    });
    if (saved.count === 0) throw new ConnectorError("transient", ref.platform, "token changed during refresh");
    return set.accessToken;
  } catch (err) {
    if (err instanceof ConnectorError && err.kind === "reconnect_required") {
      await markReconnectRequired(row, ref, err.message);
    } else {
      await release();
    }
    throw err;
  }
}

export async function markReconnectRequired(row: { id: string; organizationId: string; name: string }, ref: AccountRef, reason: string): Promise<void> {
  const res = await db().socialAccount.updateMany({
    where: { id: row.id, status: { not: "RECONNECT_REQUIRED" } },
    data: { status: "RECONNECT_REQUIRED", statusMessage: reason.slice(0, 500), refreshLeaseUntil: null },
  });
  if (res.count > 0) childLogger({ organizationId: row.organizationId }).warn({ accountId: row.id, platform: ref.platform }, "account must be reconnected");
  await announceReconnectRequired(row.id);
}

/**
 * Owners only (they manage connections), in-app + email + Slack; once per time the account breaks: the
 * dedupe key is the account and its token version (a reconnection moves the version, so the next break
 * is a new alert). Called again by a replayed or retried step (MKT-401, or a call whose refresh was
 * refused), it repeats nothing already done and delivers what the first run did not.
 */
export async function announceReconnectRequired(accountId: string): Promise<void> {
  const row = await db().socialAccount.findUnique({
    where: { id: accountId },
    select: { id: true, organizationId: true, name: true, platform: true, status: true, statusMessage: true, tokenVersion: true, organization: { select: { slug: true } } },
  });
  if (!row || row.status !== "RECONNECT_REQUIRED") return;
  const platform = platformKeyOf(row.platform as PlatformEnum);
  await notify({
    organizationId: row.organizationId,
    to: { roles: ["OWNER"] },
    type: "account.reconnect_required",
    severity: "CRITICAL",
    message: { key: "accountReconnect", values: { account: row.name, platform } },
    actionUrl: `/${row.organization.slug}/settings/connections?reconnect=${row.id}`,
    dedupeKey: `reconnect:${row.id}:v${row.tokenVersion}`,
    data: { accountId: row.id, platform, reason: (row.statusMessage ?? "").slice(0, 300) },
    email: "audience",
  });
}
