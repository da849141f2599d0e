import domainEn from "@/messages/en/domain.json";
import notificationsEn from "@/messages/en/notifications.json";
import domainFr from "@/messages/fr/domain.json";
import notificationsFr from "@/messages/fr/notifications.json";
import type { Locale } from "@/lib/i18n/config";
import { createRenderer } from "@/lib/i18n/render";
import { displayValues, readStoredValues, type StoredValues } from "@/lib/i18n/values";

/**
 * What a notification says, as a catalogue key and values (like the publishing timeline): the words
 * live in messages/<locale>/notifications.json `messages.<key>.title|body`, and every reader gets
 * them in their own language: in-app (rendered when listed), by email (the recipient's language) and
 * on Slack (the organisation's). Values follow lib/i18n/values.ts: `at`/`…At` are ISO instants,
 * `platform` a platform key. A new key does not compile until it has its values here, and
 * tests/unit/providers/notification-messages.test.ts renders every key in every language.
 */
export type NotificationValues = {
  approvalRequested: { title: string; excerpt: string };
  spendApprovalRequested: { platform: string; amount: string; campaign: string };
  approvalReminder: { title: string; hours: number };
  adAnomaly: { campaign: string; kind: "cpcSpike" | "roasDrop" | "pacingAhead"; value: number; reference: number };
  adOptimization: { campaign: string; action: "PAUSE" | "ADJUST_TARGETING" | "SCALE_BUDGET" | "CONCENTRATE_CREATIVE"; outcome: "applied" | "queued" | "skipped" };
  competitorAds: { brand: string; count: number; competitors: number };
  campaignLaunched: { campaign: string; platform: string; objects: number };
  campaignLaunchFailed: { campaign: string; platform: string; existing: number; error: string };
  publicationFailed: { platform: string; account: string; label: string; at: string; attempts: number; error: string };
  /** An approved network version MKT-106 did not schedule: its network refuses its media (`rule`); `via` the approval's ApprovedVia. */
  versionNotScheduled: { title: string; platform: string; via: string; rule: "mediaRequired" | "tooManyItems" | "mediaGate"; max: number };
  signalDetected: { title: string; platform: string; rate: number; threshold: number };
  accountReconnect: { account: string; platform: string };
  /** MKT-401: a token expiring within a day could not be refreshed (the platform failed, not a refused grant); `at` = its expiry. */
  tokenRefreshFailed: { account: string; platform: string; at: string };
  leadHot: { name: string; company: string; score: number; summary: string };
  nurtureDraft: { name: string; step: number; sequence: string };
  /** MKT-304: the AI drafted an answer to a lead's objections; it goes out after a person's yes. */
  replyAnswerDraft: { name: string; objections: string };
  /** MKT-306: a lead asked for a person and is now the recipient's opportunity. */
  leadEscalated: { name: string; summary: string; recommendations: string };
  /** MKT-305: the 3 best slots went to a hot lead; `startAt` the first one; `summary` the briefing's (salesperson's language). */
  bookingProposed: { name: string; company: string; score: number; startAt: string; summary: string };
  /** MKT-305: a hot lead could not be sent the slots (no email, suppressed, no free slot): call them. */
  bookingToArrange: { name: string; company: string; score: number; startAt: string; summary: string };
  bookingConfirmed: { name: string; company: string; startAt: string; summary: string };
  bookingMoved: { name: string; company: string; startAt: string; summary: string };
  bookingCancelled: { name: string; company: string; startAt: string };
  /** sys-004: agent messages unconsumed for 24 h became dead letters (each re-sent once); `channels` the event names. */
  agentDeadLetters: { count: number; channels: string };
  /** MKT-403: the week's report is ready (`from`/`to` local dates "YYYY-MM-DD"; `summary` written in the organisation's language). */
  weeklyReport: { week: string; from: string; to: string; summary: string; recommendations: number };
  conversionRecorded: { lead: string; amount: string; model: "linear" | "firstTouch" | "lastTouch" | "timeDecay" | "positionBased"; touchpoints: number };
};
export type NotificationKey = keyof NotificationValues;
export type NotificationMessage = { [K in NotificationKey]: { key: K; values: NotificationValues[K] } }[NotificationKey];
export const NOTIFICATION_KEYS = Object.keys(notificationsEn.messages) as NotificationKey[];

/** Labels of email buttons and Slack parts (notifications.json `email` / `slack`). */
export type EmailLabel = keyof typeof notificationsEn.email;
export type SlackLabel = keyof typeof notificationsEn.slack;

const CATALOGUES = { en: notificationsEn, fr: notificationsFr } satisfies Record<Locale, unknown>;
const PLATFORMS: Record<Locale, Record<string, string>> = { en: domainEn.platforms, fr: domainFr.platforms };
const renderCatalogue = createRenderer("notifications", CATALOGUES);

/** A platform key in `locale` ("linkedin" -> "LinkedIn"), else the key as given. */
export const platformName = (platform: string, locale: Locale): string => PLATFORMS[locale][platform.toUpperCase()] ?? platform;

export type RenderedNotification = { title: string; body: string | null };

/**
 * A stored message in `locale` and `timeZone` (dates in the reader's zone). Null when the key is not
 * one this build knows or a date value is not an instant: the caller shows the stored English.
 */
export function renderNotification(m: { key: string; values: StoredValues }, locale: Locale, timeZone: string): RenderedNotification | null {
  if (!(NOTIFICATION_KEYS as string[]).includes(m.key)) return null;
  const values = displayValues(m.values, (p) => platformName(p, locale));
  if (!values) return null;
  const body = renderCatalogue(`messages.${m.key}.body`, values, locale, { timeZone }).trim();
  return { title: renderCatalogue(`messages.${m.key}.title`, values, locale, { timeZone }), body: body || null };
}

/** An email or Slack label in `locale`. */
export const notificationLabel = (part: "email" | "slack", label: EmailLabel | SlackLabel, locale: Locale, values?: StoredValues): string =>
  renderCatalogue(`${part}.${label}`, values, locale);

/** The stored form of a message: its key, its values (strings capped) and its English rendering. */
export function storedMessage(m: NotificationMessage): { messageKey: string; messageValues: StoredValues; title: string; body: string | null } {
  const values = Object.fromEntries(Object.entries(m.values).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 2000) : v])) as StoredValues;
  const en = renderNotification({ key: m.key, values }, "en", "UTC")!;
  return { messageKey: m.key, messageValues: values, title: en.title.slice(0, 200), body: en.body?.slice(0, 2000) ?? null };
}

/** A stored row's message, read field by field (null on rows written before message keys). */
export function readNotificationMessage(row: { messageKey: string | null; messageValues: unknown }): { key: string; values: StoredValues } | null {
  return row.messageKey ? { key: row.messageKey, values: readStoredValues(row.messageValues) } : null;
}
