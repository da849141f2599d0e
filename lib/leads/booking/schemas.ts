import { z } from "zod";

/** MKT-305 inputs and DTOs shared with the browser (zod only). */
const minute = z.number().int().min(0).max(24 * 60);

export const workingHoursInput = z
  .object({
    /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    startMinute: minute,
    endMinute: minute,
    timezone: z.string().min(1).max(64).refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "validation.timeZone"),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endMinute - v.startMinute < 30) ctx.addIssue({ code: "custom", path: ["endMinute"], message: "validation.workingHoursRange" });
  });
export type WorkingHoursInput = z.infer<typeof workingHoursInput>;

export const calcomSettingsInput = z
  .object({
    /** Cal.com API v2 key (cal_live_… or cal_…); "" removes it. Never sent back. */
    apiKey: z.union([z.literal(""), z.string().trim().regex(/^cal_[A-Za-z0-9_-]{8,200}$/, "validation.calApiKey")]).optional(),
    eventTypeId: z.number().int().positive().nullable().optional(),
    rotateWebhookSecret: z.boolean().optional(),
  })
  .strict();
export type CalcomSettingsInput = z.infer<typeof calcomSettingsInput>;

export const bookingSettingsDto = z
  .object({
    workingHours: z.object({ days: z.array(z.number().int()), startMinute: z.number().int(), endMinute: z.number().int(), timezone: z.string(), custom: z.boolean() }),
    calcom: z.object({ configured: z.boolean(), hasApiKey: z.boolean(), eventTypeId: z.number().int().nullable(), webhookUrl: z.string().nullable(), webhookSecret: z.string().nullable() }),
  })
  .meta({ id: "BookingSettings" });
export type BookingSettingsDto = z.infer<typeof bookingSettingsDto>;

export const pickSlotInput = z.object({ token: z.string().min(10).max(2048), startAt: z.iso.datetime({ offset: true }) }).strict();
export type PickSlotInput = z.infer<typeof pickSlotInput>;

export const slotDto = z.object({ startAt: z.string(), endAt: z.string() });
export type SlotDto = z.infer<typeof slotDto>;
