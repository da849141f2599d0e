import "server-only";
import { db } from "@/lib/db/client";
import type { NotificationSeverity, Role } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { childLogger } from "@/lib/log";
import { sendEmail } from "@/lib/providers/email";
import { notificationLabel, renderNotification, storedMessage, type EmailLabel, type NotificationMessage, type RenderedNotification, type SlackLabel } from "./messages";
import { escapeSlack, postSlackMessage, type SlackMessage, type SlackPostResult } from "./slack";

export { NOTIFICATION_KEYS, type NotificationKey, type NotificationMessage, type NotificationValues } from "./messages";

/**
 * THE notification path: every alert for people goes through notify() with a catalogue key and values
 * (lib/providers/notify/messages.ts), never with sentences.
 * - In-app: Notification rows always, written first (the embedded default and the record): one shared
 *   row for the whole organisation, or one per member for a user or a set of roles. Each reader sees
 *   it in their own language when it is listed (listNotifications).
 * - Slack (SLACK_BOT_TOKEN + SLACK_DEFAULT_CHANNEL): one message in the organisation's language, posted
 *   before the emails; with a dedupeKey once per key (claimed in connector_sends: a re-run step posts it
 *   if no earlier run did, never twice), without one when the rows are new; a failure is recorded on
 *   the rows (data.slack) and never loses them.
 * - Email (`email`): one per recipient in their language and time zone, idempotent per recipient.
 * With a dedupeKey, the same alert raised twice (a re-run step, or a retry after an email failed)
 * gives the same rows, one Slack message and one email each: each channel is keyed, none is skipped
 * because the rows already exist.
 */
export type NotifyAudience = "organization" | { userId: string } | { roles: Role[] };

export type Recipient = { userId: string; email: string; locale: string; timeZone: string | null };

/** What a Slack message is made of, in the organisation's language (for callers with their own blocks). */
export type SlackContext = { channel: string; locale: Locale; text: RenderedNotification; label: (l: SlackLabel) => string; url: string | null };

export type NotifyInput = {
  organizationId: string;
  to: NotifyAudience;
  /** e.g. "approval.requested", "publication.failed", "signal.detected", "lead.hot". */
  type: string;
  severity?: NotificationSeverity;
  message: NotificationMessage;
  /** In-app path ("/acme/approvals?focus=123") or absolute URL. */
  actionUrl?: string;
  dedupeKey?: string;
  data?: Record<string, unknown>;
  /** Email the audience's members ("audience"; for "organization", every member) or these recipients. */
  email?: "audience" | { recipients: Recipient[] };
  /** Slack: the default message (true, default), none (false), or the caller's message (buttons). */
  slack?: boolean | ((ctx: SlackContext) => Omit<SlackMessage, "channel">);
};

export type NotifyResult = { ids: string[]; created: number; slack: "sent" | "failed" | "disabled" | "skipped"; emailed: number };

const ICON: Record<NotificationSeverity, string> = { INFO: ":information_source:", SUCCESS: ":white_check_mark:", WARNING: ":warning:", CRITICAL: ":rotating_light:" };

export function absoluteUrl(url: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  const e = env();
  return `${(e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}`;
}

const localeOf = (l: string | null | undefined): Locale => (isLocale(l) ? l : "fr");

type Org = { name: string; locale: string; timezone: string };

async function membersOf(organizationId: string, where: { roles?: Role[]; userId?: string }): Promise<Recipient[]> {
  const rows = await db().membership.findMany({
    where: { organizationId, ...(where.roles ? { role: { in: where.roles } } : {}), ...(where.userId ? { userId: where.userId } : {}) },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { id: true, email: true, locale: true, timeZone: true } } },
  });
  return rows.map((r) => ({ userId: r.user.id, email: r.user.email, locale: r.user.locale, timeZone: r.user.timeZone }));
}

function defaultSlack(ctx: SlackContext, severity: NotificationSeverity): Omit<SlackMessage, "channel"> {
  const lines = [`${ICON[severity]} *${escapeSlack(ctx.text.title)}*`];
  if (ctx.text.body) lines.push(escapeSlack(ctx.text.body));
  if (ctx.url) lines.push(`<${ctx.url}|${escapeSlack(ctx.label("open"))}>`);
  return {
    text: ctx.text.body ? `${ctx.text.title}: ${ctx.text.body}` : ctx.text.title,
    blocks: [{ type: "section", text: { type: "mrkdwn", text: lines.join("\n").slice(0, 3000) } }],
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A button; `secret`: the link is a bearer token (one-click approval): hidden in the outbox, sealed. */
export type EmailLink = { label: EmailLabel; href: string; tone?: "primary" | "success" | "warning" | "danger"; secret?: boolean };
const TONE: Record<NonNullable<EmailLink["tone"]>, string> = { primary: "#2563eb", success: "#059669", warning: "#d97706", danger: "#dc2626" };

/** The one email layout: an optional intro line, a heading, the text, an image, buttons, footer lines. */
function emailLayout(p: { intro?: string; title: string; body?: string | null; imageUrl?: string | null; buttons: { label: string; href: string; tone?: EmailLink["tone"] }[]; footer: string[] }) {
  const button = (l: (typeof p.buttons)[number]) =>
    `<a href="${escapeHtml(l.href)}" style="display:inline-block;margin:0 8px 8px 0;padding:10px 16px;border-radius:6px;background:${TONE[l.tone ?? "primary"]};color:#fff;text-decoration:none;font-weight:600">${escapeHtml(l.label)}</a>`;
  const html = [
    p.intro ? `<p style="color:#64748b;margin:0 0 8px">${escapeHtml(p.intro)}</p>` : "",
    `<h2 style="margin:0 0 8px">${escapeHtml(p.title)}</h2>`,
    p.imageUrl ? `<img src="${escapeHtml(p.imageUrl)}" alt="" width="320" style="max-width:100%;border-radius:8px" />` : "",
    p.body ? `<p style="white-space:pre-wrap">${escapeHtml(p.body)}</p>` : "",
    p.buttons.length ? `<p>${p.buttons.map(button).join("")}</p>` : "",
    ...p.footer.map((f) => `<p style="color:#64748b;font-size:12px">${escapeHtml(f)}</p>`),
  ]
    .filter(Boolean)
    .join("\n");
  const text = [p.title, p.body ?? "", "", ...p.buttons.map((l) => `${l.label}: ${l.href}`), "", ...p.footer].join("\n").replace(/\n{3,}/g, "\n\n").trim();
  return { html, text };
}

/**
 * One notification email in the recipient's language and time zone: the title as subject and
 * heading, the body, an optional image, buttons (`links`, default: "Open in MarketingEngine" to
 * `actionUrl`) and a footer. Idempotent per `idempotencyKey` (the outbox returns a sent email).
 */
export async function sendNotificationEmail(opts: {
  organizationId: string;
  organization: Org;
  recipient: Recipient;
  message: NotificationMessage;
  actionUrl?: string;
  links?: EmailLink[];
  imageUrl?: string | null;
  footer?: EmailLabel;
  idempotencyKey: string;
}): Promise<void> {
  const locale = localeOf(opts.recipient.locale);
  const stored = storedMessage(opts.message);
  const text = renderNotification({ key: stored.messageKey, values: stored.messageValues }, locale, opts.recipient.timeZone ?? opts.organization.timezone) ?? { title: stored.title, body: stored.body };
  const label = (l: EmailLabel) => notificationLabel("email", l, locale, { organization: opts.organization.name });
  const links = opts.links ?? (opts.actionUrl ? [{ label: "open" as const, href: absoluteUrl(opts.actionUrl), tone: "primary" as const }] : []);
  const mail = emailLayout({
    intro: label("intro"),
    title: text.title,
    body: text.body,
    imageUrl: opts.imageUrl,
    buttons: links.map((l) => ({ ...l, label: label(l.label) })),
    footer: [label("footer"), ...(opts.footer ? [label(opts.footer)] : [])],
  });
  const secrets = links.filter((l) => l.secret).map((l) => l.href);
  await sendEmail({ to: opts.recipient.email, subject: text.title, ...mail, organizationId: opts.organizationId, category: "transactional", idempotencyKey: opts.idempotencyKey, secrets });
}

/**
 * An email with one link to someone who may not be a member yet (sign-in link, invitation), in
 * `locale`: subject, text and button from the catalogue's `email` labels. `secret`: the link is a bearer
 * token (sign-in link, invitation): hidden in the outbox, sealed (lib/providers/email/sealed.ts).
 */
export async function sendLinkEmail(opts: {
  to: string;
  locale: Locale;
  subject: EmailLabel;
  body: EmailLabel;
  button: EmailLabel;
  href: string;
  secret: boolean;
  values?: Record<string, string | number>;
  organizationId?: string;
  idempotencyKey?: string;
}): Promise<void> {
  const label = (l: EmailLabel) => notificationLabel("email", l, opts.locale, opts.values);
  const subject = label(opts.subject);
  const mail = emailLayout({ title: subject, body: label(opts.body), buttons: [{ label: label(opts.button), href: opts.href }], footer: [] });
  await sendEmail({ to: opts.to, subject, ...mail, organizationId: opts.organizationId, category: "transactional", idempotencyKey: opts.idempotencyKey, secrets: opts.secret ? [opts.href] : [] });
}

export async function notify(input: NotifyInput): Promise<NotifyResult> {
  const severity = input.severity ?? "INFO";
  const stored = storedMessage(input.message);
  const members = input.to === "organization" ? null : await membersOf(input.organizationId, "roles" in input.to ? { roles: input.to.roles } : { userId: input.to.userId });
  const perMember = typeof input.to === "object" && "roles" in input.to;
  const rows = (members ? members.map((m) => m.userId) : [null]).map((userId) => ({
    organizationId: input.organizationId,
    userId,
    type: input.type,
    severity,
    ...stored,
    actionUrl: input.actionUrl ?? null,
    data: (input.data ?? {}) as object,
    dedupeKey: input.dedupeKey ? (perMember ? `${input.dedupeKey}:${userId}` : input.dedupeKey) : null,
  }));
  const inserted = rows.length ? await db().notification.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } }) : [];
  const existing =
    input.dedupeKey && inserted.length < rows.length
      ? await db().notification.findMany({ where: { organizationId: input.organizationId, dedupeKey: { in: rows.map((r) => r.dedupeKey!) } }, select: { id: true, data: true } })
      : inserted;
  const ids = existing.map((r) => r.id);
  const org = await db().organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { name: true, locale: true, timezone: true } });

  // Slack before the emails, so an email failure does not hold it back; once per dedupe key (slackOnce).
  const slack = await postSlack(input, { severity, stored, org, ids, inserted: inserted.length, existing });

  let emailed = 0;
  if (input.email) {
    const recipients = input.email === "audience" ? (members ?? (await membersOf(input.organizationId, {}))) : input.email.recipients;
    for (const r of recipients) {
      await sendNotificationEmail({
        organizationId: input.organizationId,
        organization: org,
        recipient: r,
        message: input.message,
        actionUrl: input.actionUrl,
        idempotencyKey: `notify:${input.dedupeKey ?? ids[0] ?? "none"}:${r.userId}`,
      });
      emailed++;
    }
  }
  return { ids, created: inserted.length, slack, emailed };
}

/** Slack errors after which Slack may have posted the message all the same (no answer, or a 5xx). */
const SLACK_AMBIGUOUS = /^(timeout|network_error|http_5\d\d)$/;

/**
 * The Slack copy of one alert, posted at most once per organisation and dedupe key, claimed in
 * connector_sends (`notify-slack:<org>:<dedupeKey>`) before the call: a re-run of the step (a crash
 * after the rows, or an email that failed and is retried) posts it when no earlier run did, and never
 * twice. The claim found SENT, PENDING (an earlier run died in its call, or is in it) or UNKNOWN (Slack
 * did not answer: it may have posted) -> not posted again; FAILED (Slack refused it) -> posted again.
 * Without a dedupe key every call is a new alert: posted when its rows are new.
 */
async function slackOnce(organizationId: string, key: string, post: () => Promise<SlackPostResult>): Promise<SlackPostResult | null> {
  const claimed = await db().connectorSend.createMany({ data: [{ organizationId, key, platform: "slack" }], skipDuplicates: true });
  if (claimed.count === 0) {
    const again = await db().connectorSend.updateMany({ where: { key, organizationId, status: "FAILED" }, data: { status: "PENDING", attempts: { increment: 1 }, claimedAt: new Date(), finishedAt: null } });
    if (again.count === 0) return null;
  }
  const posted = await post();
  const data = posted.ok
    ? { status: "SENT" as const, providerMessageId: posted.ts, error: null }
    : { status: SLACK_AMBIGUOUS.test(posted.error) ? ("UNKNOWN" as const) : ("FAILED" as const), error: posted.error };
  await db().connectorSend.updateMany({ where: { key, organizationId, status: "PENDING" }, data: { ...data, finishedAt: new Date() } });
  return posted;
}

async function postSlack(
  input: NotifyInput,
  n: { severity: NotificationSeverity; stored: ReturnType<typeof storedMessage>; org: Org; ids: string[]; inserted: number; existing: { id: string; data?: unknown }[] },
): Promise<NotifyResult["slack"]> {
  if (n.ids.length === 0 || input.slack === false) return "skipped";
  if (!input.dedupeKey && n.inserted === 0) return "skipped";
  // Rows of an alert whose Slack copy was posted before the claims existed.
  if (n.inserted === 0 && n.existing.some((r) => (r.data as { slack?: { ok?: boolean } } | undefined)?.slack?.ok === true)) return "skipped";
  const e = env();
  if (!e.SLACK_BOT_TOKEN) return "disabled";
  const log = childLogger({ organizationId: input.organizationId });
  if (!e.SLACK_DEFAULT_CHANNEL) {
    log.warn({ type: input.type }, "SLACK_BOT_TOKEN is set but SLACK_DEFAULT_CHANNEL is not: notification kept in-app only");
    return "skipped";
  }
  const locale = localeOf(n.org.locale);
  const text = renderNotification({ key: n.stored.messageKey, values: n.stored.messageValues }, locale, n.org.timezone) ?? { title: n.stored.title, body: n.stored.body };
  const ctx: SlackContext = { channel: e.SLACK_DEFAULT_CHANNEL, locale, text, label: (l) => notificationLabel("slack", l, locale), url: input.actionUrl ? absoluteUrl(input.actionUrl) : null };
  const message = typeof input.slack === "function" ? input.slack(ctx) : defaultSlack(ctx, n.severity);
  const post = () => postSlackMessage({ token: e.SLACK_BOT_TOKEN!, baseUrl: e.SLACK_API_BASE_URL, message: { channel: ctx.channel, ...message } });
  const posted = input.dedupeKey ? await slackOnce(input.organizationId, `notify-slack:${input.organizationId}:${input.dedupeKey}`, post) : await post();
  if (!posted) return "skipped";
  const slack = posted.ok ? { ok: true, channel: posted.channel, ts: posted.ts } : { ok: false, error: posted.error, ...(posted.retryAfterSeconds !== undefined ? { retryAfterSeconds: posted.retryAfterSeconds } : {}) };
  await db().notification.updateMany({ where: { id: { in: n.ids } }, data: { data: { ...(input.data ?? {}), slack } as object } });
  if (!posted.ok) log.warn({ type: input.type, error: posted.error }, "slack notification failed (kept in-app)");
  return posted.ok ? "sent" : "failed";
}
