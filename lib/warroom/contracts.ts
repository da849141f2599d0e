import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { ComplianceLevel, Platform, PublicationStatus, TrendSource } from "@/lib/db/generated/enums";
import { AUTOMATION_KEYS, automationSettingsSchema, setAutomationSchema } from "./schemas";

/** The War Room API of seed 001: state (queue, automations, health, trends) and the Bot Control Center switches. */

const platform = z.enum(Platform);

export const warRoomQueueItemDto = z
  .object({
    id: z.string(),
    platform,
    status: z.enum(PublicationStatus),
    scheduledAt: isoDateTime(),
    postedAt: isoDateTime().nullable(),
    title: z.string(),
    account: z.object({ id: z.string(), name: z.string(), isSandbox: z.boolean() }),
    attempts: z.number().int(),
    errorCode: z.string().nullable(),
  })
  .meta({ id: "WarRoomQueueItem", description: "A publication in flight (due or upcoming) or finished in the last 24 h" });

export const automationDto = z
  .object({
    key: z.enum(AUTOMATION_KEYS),
    enabled: z.boolean(),
    label: z.string(),
    description: z.string().nullable(),
    compliance: z.enum(ComplianceLevel),
    complianceNotes: z.array(z.string()),
    /** The owner's settings: the welcome DM's text, the auto-reposter's targets and delay. */
    settings: automationSettingsSchema,
    updatedAt: isoDateTime().nullable(),
  })
  .meta({ id: "Automation", description: "A Bot Control Center switch; BLOCKED ones can never be enabled" });
export type AutomationDto = z.infer<typeof automationDto>;

const metric = <T extends z.ZodType>(value: T) => z.object({ value, threshold: z.number(), alert: z.boolean() });

export const warRoomHealthDto = z
  .object({
    alert: z.boolean(),
    queueDepth: metric(z.number().int()),
    errorRate24h: metric(z.number()).extend({ failed: z.number().int(), total: z.number().int() }),
    latencyP95Seconds: metric(z.number().nullable()),
    tokensExpiringWithinDay: metric(z.number().int()),
    accounts: z.array(
      z.object({
        id: z.string(),
        platform,
        name: z.string(),
        status: z.string(),
        isSandbox: z.boolean(),
        tokenValid: z.boolean(),
        tokenExpiresAt: isoDateTime().nullable(),
        rateLimitedUntil: isoDateTime().nullable(),
        failureRate24h: z.number().nullable(),
        postsLast7d: z.number().int(),
      }),
    ),
  })
  .meta({ id: "WarRoomHealth", description: "Seed 001's monitoring: queue depth > 100, error rate > 5 % over 24 h, publishing latency p95 > 5 min, tokens expiring within a day" });

export const trendDto = z
  .object({
    id: z.string(),
    source: z.enum(TrendSource),
    title: z.string(),
    note: z.string().nullable(),
    platform: platform.nullable(),
    score: z.number(),
    createdAt: isoDateTime(),
  })
  .meta({ id: "Trend", description: "Trend radar: our own analytics (winning-content signals of the last 14 days) and the team's notes; no scraping" });

export const warRoomStateDto = z
  .object({ queue: z.array(warRoomQueueItemDto), automations: z.array(automationDto), health: warRoomHealthDto, trends: z.array(trendDto), at: isoDateTime() })
  .meta({ id: "WarRoomState" });
export type WarRoomStateDto = z.infer<typeof warRoomStateDto>;

const tag = "War Room";

export const warRoomStateEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/war-room/state",
  tag,
  access: "org",
  summary: "The War Room's state: publishing queue, automations, account health with alerts, trend radar",
  description: "The live stream (`GET /api/orgs/{org}/stream`) says when to read it again: `publication.updated`/`content.published` (the seed's QUEUE_UPDATED), `automation.updated` (STATE_PATCH).",
  response: warRoomStateDto,
});

export const setAutomationEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/war-room/automations/{key}",
  tag,
  access: "org",
  permission: "manageAutomations",
  summary: "Switch a Bot Control Center automation on or off (admins, signed in; recorded in its audit trail)",
  description: `\`key\`: one of ${AUTOMATION_KEYS.join(", ")} (404 otherwise). A BLOCKED automation cannot be enabled (409). \`settings\` (optional, merged with the stored ones): \`welcomeText\` (instagram_welcome_dm, required to switch it on: 422 otherwise; sent as written), \`targets\` and \`delayHours\` (auto_reposter). Sends \`automation.updated\` on the live stream.`,
  body: setAutomationSchema,
  response: z.object({ automation: automationDto }),
});

export const retryDeadLetterEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/war-room/dead-letters/{id}/retry",
  tag,
  access: "org",
  permission: "manageAutomations",
  summary: "Send a dead letter's event again (an agent message unconsumed after 24 h; admins, signed in)",
  description: "The event goes out again under the id `<original>~resend-<n>`; the consumer's run marks the message consumed. 404 for another organisation's message, 409 once it was consumed.",
  response: z.object({ eventId: z.string(), redeliveries: z.number().int() }),
  status: 202,
});
