import { z } from "zod";

const isoDate = z.iso.datetime({ offset: true });
const platform = z.enum(["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X", "WHATSAPP"]);

/** Publications are scheduled at most this far ahead (a typo like year 9999 is refused with a message). */
export const MAX_SCHEDULE_AHEAD_YEARS = 2;
export function latestSchedulableTime(now = new Date()): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + MAX_SCHEDULE_AHEAD_YEARS);
  return d;
}
/** An ISO instant no more than 2 years ahead. */
export const schedulableTime = isoDate.refine((v) => Date.parse(v) <= latestSchedulableTime().getTime(), { message: "validation.tooFarAhead", params: { years: MAX_SCHEDULE_AHEAD_YEARS } });

/** PATCH /publications/[id] */
export const rescheduleSchema = z.object({ scheduledAt: schedulableTime }).strict();

/** GET /publications?from&to[&platform] (calendar range, at most 62 days; default: last 7 days to +35 days). */
export const calendarQuerySchema = z
  .object({ from: schedulableTime.optional(), to: isoDate.optional(), platform: platform.optional(), accountId: z.string().min(1).max(64).optional() })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), { message: "validation.toAfterFrom", path: ["to"] })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, { message: "validation.rangeTooLong", path: ["to"], params: { days: 62 } });

/** POST /publications/[id]/cancel */
export const cancelSchema = z.object({ series: z.boolean().optional() }).strict();

/** POST /publications/{id}/retry: no options. */
export const retrySchema = z.object({}).strict();

/** GET /publications/queue?[platform] */
export const queueQuerySchema = z.object({ platform: platform.optional() }).strict();
