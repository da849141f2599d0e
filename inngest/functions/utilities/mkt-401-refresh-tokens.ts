import { inngest } from "@/inngest/client";
import { listExpiringAccounts, refreshExpiringToken } from "@/lib/oauth/refresh-expiring-tokens";
import { runNowTrigger } from "@/lib/agents/run-now";

/**
 * MKT-401, every 12 hours: each connected account whose token expires within 24 hours is refreshed
 * through the connectors' single-flight refresh (one step per account: a retried run does not refresh
 * twice what it already refreshed). A refused refresh marks the account for reconnection and tells the
 * owners; any other failure marks it ERROR and tells owners and admins at once (the next run tries again).
 */
export const mkt401RefreshTokens = inngest.createFunction(
  {
    id: "mkt-401-refresh-tokens",
    name: "MKT-401: refresh OAuth tokens expiring within 24 h",
    triggers: [{ cron: "TZ=UTC 0 */12 * * *" }, runNowTrigger("MKT-401")],
    retries: 2,
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const accounts = await step.run("list-expiring", () => listExpiringAccounts());
    const outcomes = { refreshed: 0, reconnect_required: 0, failed: 0 };
    for (const a of accounts) {
      const r = await step.run(`refresh-${a.accountId}`, () => refreshExpiringToken({ accountId: a.accountId }));
      outcomes[r.outcome]++;
    }
    return { accounts: accounts.length, ...outcomes };
  },
);
