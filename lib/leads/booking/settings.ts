import "server-only";
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto/token-cipher";
import { db } from "@/lib/db/client";
import { absoluteUrl } from "@/lib/providers/notify";
import { defaultWorkingHours, type WorkingHoursSpec } from "./slots";
import type { BookingSettingsDto, CalcomSettingsInput, WorkingHoursInput } from "./schemas";

/**
 * MKT-305 settings: each member's working hours (built-in availability; none set = Monday-Friday
 * 09:00-18:00 in the organisation's time zone) and the organisation's Cal.com link: API v2 key and
 * event type, and the webhook secret Cal.com signs with (both AES-GCM at rest, bound to the
 * organisation's row and the column).
 */
const ctx = (organizationId: string, field: "calApiKeyEnc" | "calWebhookSecretEnc") => ({ organizationId, recordId: organizationId, field });

/** The working hours a member set, else the default in the organisation's zone. */
export async function workingHoursOf(opts: { organizationId: string; userId: string }): Promise<WorkingHoursSpec & { custom: boolean }> {
  const [row, org] = await Promise.all([
    db().workingHours.findUnique({ where: { organizationId_userId: { organizationId: opts.organizationId, userId: opts.userId } } }),
    db().organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { timezone: true } }),
  ]);
  if (!row) return { ...defaultWorkingHours(org.timezone), custom: false };
  return { days: row.days, startMinute: row.startMinute, endMinute: row.endMinute, timeZone: row.timezone, custom: true };
}

export async function saveWorkingHours(opts: { organizationId: string; userId: string; input: WorkingHoursInput }): Promise<void> {
  const data = { days: [...new Set(opts.input.days)].sort(), startMinute: opts.input.startMinute, endMinute: opts.input.endMinute, timezone: opts.input.timezone };
  await db().workingHours.upsert({
    where: { organizationId_userId: { organizationId: opts.organizationId, userId: opts.userId } },
    create: { organizationId: opts.organizationId, userId: opts.userId, ...data },
    update: data,
  });
}

/** The organisation's Cal.com API key and event type when both are set (else the built-in availability). */
export async function calcomConfigOf(organizationId: string): Promise<{ apiKey: string; eventTypeId: number } | null> {
  const row = await db().calendarSettings.findUnique({ where: { organizationId } });
  if (!row?.calApiKeyEnc || !row.calEventTypeId) return null;
  return { apiKey: decryptSecret(row.calApiKeyEnc, ctx(organizationId, "calApiKeyEnc")), eventTypeId: row.calEventTypeId };
}

/** The webhook secret Cal.com signs this organisation's deliveries with, or null when none was made. */
export async function calWebhookSecretOf(organizationId: string): Promise<string | null> {
  const row = await db().calendarSettings.findUnique({ where: { organizationId }, select: { calWebhookSecretEnc: true } });
  return row?.calWebhookSecretEnc ? decryptSecret(row.calWebhookSecretEnc, ctx(organizationId, "calWebhookSecretEnc")) : null;
}

/** Saves the API key (when given; "" removes it) and event type; the webhook secret is made on first save. */
export async function saveCalcomSettings(opts: { organizationId: string; input: CalcomSettingsInput }): Promise<void> {
  const { organizationId, input } = opts;
  const existing = await db().calendarSettings.findUnique({ where: { organizationId } });
  const data: { calApiKeyEnc?: string | null; calEventTypeId?: number | null; calWebhookSecretEnc?: string } = {};
  if (input.apiKey !== undefined) data.calApiKeyEnc = input.apiKey === "" ? null : encryptSecret(input.apiKey, ctx(organizationId, "calApiKeyEnc"));
  if (input.eventTypeId !== undefined) data.calEventTypeId = input.eventTypeId;
  if (!existing?.calWebhookSecretEnc || input.rotateWebhookSecret) data.calWebhookSecretEnc = encryptSecret(`whsec_${randomBytes(24).toString("base64url")}`, ctx(organizationId, "calWebhookSecretEnc"));
  await db().calendarSettings.upsert({ where: { organizationId }, create: { organizationId, ...data }, update: data });
}

export const calWebhookUrl = (organizationId: string) => absoluteUrl(`/api/webhooks/cal?org=${encodeURIComponent(organizationId)}`);

/** The settings page: my working hours; Cal.com (key never shown back, only whether one is set), webhook URL and secret for owners/admins. */
export async function getBookingSettings(opts: { organizationId: string; userId: string; canManage: boolean }): Promise<BookingSettingsDto> {
  const [hours, row] = await Promise.all([workingHoursOf(opts), db().calendarSettings.findUnique({ where: { organizationId: opts.organizationId } })]);
  const secret = opts.canManage && row?.calWebhookSecretEnc ? decryptSecret(row.calWebhookSecretEnc, ctx(opts.organizationId, "calWebhookSecretEnc")) : null;
  return {
    workingHours: { days: hours.days, startMinute: hours.startMinute, endMinute: hours.endMinute, timezone: hours.timeZone, custom: hours.custom },
    calcom: {
      configured: !!(row?.calApiKeyEnc && row.calEventTypeId),
      hasApiKey: !!row?.calApiKeyEnc,
      eventTypeId: row?.calEventTypeId ?? null,
      webhookUrl: opts.canManage ? calWebhookUrl(opts.organizationId) : null,
      webhookSecret: secret,
    },
  };
}
