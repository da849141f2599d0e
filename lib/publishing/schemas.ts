import { z } from "zod";
import { parseRrule } from "./recurrence";

const isoDate = z.iso.datetime({ offset: true });
const platform = z.enum(["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X", "WHATSAPP"]);

/** GET /publications?from&to[&platform] (calendar range, at most 62 days; default: last 7 days to +35 days). */
export const calendarQuerySchema = z
  .object({ from: isoDate.optional(), to: isoDate.optional(), platform: platform.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), { message: "to must be after from", path: ["to"] })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, { message: "at most 62 days", path: ["to"] });

/** PATCH /publications/[id] */
export const rescheduleSchema = z.object({ scheduledAt: isoDate }).strict();

/** POST /publications/[id]/cancel */
export const cancelSchema = z.object({ series: z.boolean().optional() }).strict();

/** GET /publications/queue?[platform] */
export const queueQuerySchema = z.object({ platform: platform.optional() }).strict();

export const rruleSchema = z.string().max(500).refine(
  (s) => {
    try {
      parseRrule(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: "Invalid RRULE" },
);
