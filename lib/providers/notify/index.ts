import { db } from "@/lib/db/client";
import type { NotificationSeverity } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import { escapeSlack, postSlackMessage, type SlackPostResult } from "./slack";

/**
 * Tell people something happened: an in-app Notification row always (the embedded default and the
 * record), plus a Slack message when SLACK_BOT_TOKEN and SLACK_DEFAULT_CHANNEL are set. The row is
 * written first; a Slack failure is recorded on it (data.slack) and never loses it. With a
 * dedupeKey, the same alert raised twice (a re-run step) gives one row and one Slack message.
 */
export type NotifyInput = {
  organizationId: string;
  /** One member; absent = every member of the organisation. */
  userId?: string | null;
  /** e.g. "approval.requested", "publication.failed", "signal.detected", "lead.hot". */
  type: string;
  severity?: NotificationSeverity;
  title: string;
  body?: string;
  /** In-app path ("/acme/approvals/123") or absolute URL. */
  actionUrl?: string;
  dedupeKey?: string;
  data?: Record<string, unknown>;
};

export type NotifyResult = { id: string; created: boolean; slack: "sent" | "failed" | "disabled" | "skipped" };

const ICON: Record<NotificationSeverity, string> = { INFO: ":information_source:", SUCCESS: ":white_check_mark:", WARNING: ":warning:", CRITICAL: ":rotating_light:" };

function absoluteUrl(url: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  const e = env();
  return `${(e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}`;
}

function slackMessage(channel: string, n: NotifyInput) {
  const severity = n.severity ?? "INFO";
  const lines = [`${ICON[severity]} *${escapeSlack(n.title)}*`];
  if (n.body) lines.push(escapeSlack(n.body));
  if (n.actionUrl) lines.push(`<${absoluteUrl(n.actionUrl)}|Ouvrir dans MarketingEngine / Open in MarketingEngine>`);
  return {
    channel,
    text: n.body ? `${n.title}: ${n.body}` : n.title,
    blocks: [{ type: "section", text: { type: "mrkdwn", text: lines.join("\n").slice(0, 3000) } }],
  };
}

export async function notify(input: NotifyInput): Promise<NotifyResult> {
  const row = {
    organizationId: input.organizationId,
    userId: input.userId ?? null,
    type: input.type,
    severity: input.severity ?? "INFO",
    title: input.title,
    body: input.body ?? null,
    actionUrl: input.actionUrl ?? null,
    data: (input.data ?? {}) as object,
    dedupeKey: input.dedupeKey ?? null,
  };
  const inserted = await db().notification.createManyAndReturn({ data: [row], skipDuplicates: true, select: { id: true } });
  if (inserted.length === 0) {
    const existing = await db().notification.findUniqueOrThrow({ where: { organizationId_dedupeKey: { organizationId: input.organizationId, dedupeKey: input.dedupeKey! } }, select: { id: true } });
    return { id: existing.id, created: false, slack: "skipped" };
  }
  const id = inserted[0]!.id;
  const e = env();
  if (!e.SLACK_BOT_TOKEN) return { id, created: true, slack: "disabled" };
  const log = childLogger({ organizationId: input.organizationId });
  if (!e.SLACK_DEFAULT_CHANNEL) {
    log.warn({ type: input.type }, "SLACK_BOT_TOKEN is set but SLACK_DEFAULT_CHANNEL is not: notification kept in-app only");
    return { id, created: true, slack: "skipped" };
  }
  const result: SlackPostResult = await postSlackMessage({ token: e.SLACK_BOT_TOKEN, baseUrl: e.SLACK_API_BASE_URL, message: slackMessage(e.SLACK_DEFAULT_CHANNEL, input) });
  const slack = result.ok ? { ok: true, channel: result.channel, ts: result.ts } : { ok: false, error: result.error, ...(result.retryAfterSeconds !== undefined ? { retryAfterSeconds: result.retryAfterSeconds } : {}) };
  await db().notification.update({ where: { id }, data: { data: { ...(input.data ?? {}), slack } as object } });
  if (!result.ok) log.warn({ type: input.type, error: result.error }, "slack notification failed (kept in-app)");
  return { id, created: true, slack: result.ok ? "sent" : "failed" };
}
