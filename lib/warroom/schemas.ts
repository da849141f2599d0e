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

export const setAutomationSchema = z.object({ enabled: z.boolean() }).strict();
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
