import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { markReadSchema } from "./schemas";

/** The bell: a member's notifications. */

export const notificationDto = z
  .object({
    id: z.string(),
    type: z.string(),
    severity: z.string(),
    title: z.string(),
    body: z.string().nullable(),
    actionUrl: z.string().nullable(),
    createdAt: isoDateTime(),
    readAt: isoDateTime().nullable(),
  })
  .meta({ id: "Notification" });
export type NotificationDto = z.infer<typeof notificationDto>;

const tag = "Notifications";

export const listNotificationsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/notifications",
  tag,
  access: "org",
  summary: "The signed-in member's notifications and unread count (people only, not API keys)",
  response: z.object({ items: z.array(notificationDto), unread: z.number().int() }),
});

export const markNotificationsReadEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/notifications/read",
  tag,
  access: "org",
  permission: "read",
  // One's own notifications: a person's, never an API key's.
  personOnly: true,
  summary: "Mark notifications read (all of them without ids)",
  body: markReadSchema,
  response: z.object({ updated: z.number().int() }),
});
