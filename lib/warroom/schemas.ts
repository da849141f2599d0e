import { z } from "zod";

/**
 * The War Room's Bot Control Center (seed 001): the automations an organisation can switch, each with
 * its compliance level. `like_follow_bot` is listed so people see why it is not offered: it can never
 * be switched on (grey automation, forbidden by the platforms).
 */
export const AUTOMATION_KEYS = ["instagram_welcome_dm", "tiktok_warmup", "auto_reposter", "like_follow_bot"] as const;
export type AutomationKey = (typeof AUTOMATION_KEYS)[number];

export function isAutomationKey(v: string): v is AutomationKey {
  return (AUTOMATION_KEYS as readonly string[]).includes(v);
}

/** Content networks an auto-repost can go from and to. */
export const REPOST_NETWORKS = ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"] as const;
const repostNetwork = z.enum(REPOST_NETWORKS);

/**
 * An automation's owner-written settings (stored in `automations.config`), each key read by one automation:
 * `welcomeText` (instagram_welcome_dm: the message sent as written, never by a model), `targets` and
 * `delayHours` (auto_reposter: where a winner on a network is reposted, and how long after the signal).
 */
export const automationSettingsSchema = z.strictObject({
  welcomeText: z.string().trim().min(1).max(1000).optional(),
  targets: z.partialRecord(repostNetwork, z.array(repostNetwork).max(5)).optional(),
  delayHours: z.number().int().min(1).max(168).optional(),
});
export type AutomationSettings = z.infer<typeof automationSettingsSchema>;

/** The auto-reposter's defaults (the catalogue's "a winning Reel as a TikTok, and the other way round"). */
export const REPOST_DEFAULTS = { targets: { INSTAGRAM: ["TIKTOK"], TIKTOK: ["INSTAGRAM"] }, delayHours: 24 } as const satisfies Required<Pick<AutomationSettings, "targets" | "delayHours">>;

export const setAutomationSchema = z.object({ enabled: z.boolean(), settings: automationSettingsSchema.optional() }).strict();
export type SetAutomationInput = z.infer<typeof setAutomationSchema>;

/** Seed 001's alert thresholds. */
export const HEALTH_THRESHOLDS = {
  /** Publications due and not finished (the seed's queued + retrying jobs). */
  queueDepth: 100,
  /** Failed / (posted + failed) over the last 24 h. */
  errorRate24h: 0.05,
  /** p95 of posted - scheduled over the last 24 h, in seconds (5 min). */
  latencyP95Seconds: 300,
  /** Accounts whose token expires within a day: any is an alert. */
  tokensExpiringWithinDay: 0,
} as const;
