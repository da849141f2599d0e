import { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { bookingSettingsDto, calcomSettingsInput, pickSlotInput, workingHoursInput } from "./schemas";

/** MKT-305 booking: the lead's public booking link, the Cal.com webhook, and the booking settings. */
const tag = "Leads";

export const pickBookingSlotEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/book",
  tag,
  access: "signature",
  summary: "The lead picks a slot on their booking page (the signed token of the link names the proposal)",
  description: "One booking per proposal and one call per salesperson and slot (unique index): the same slot picked twice at once gives one booking, the other answer is a 409.",
  body: pickSlotInput,
  response: z.object({ booking: z.object({ status: z.string(), startAt: z.string(), endAt: z.string() }) }),
});

export const calWebhookEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/webhooks/cal",
  tag,
  access: "signature",
  summary: "Cal.com webhook (BOOKING_CREATED, BOOKING_RESCHEDULED, BOOKING_CANCELLED), X-Cal-Signature-256 over the raw body",
  description: "`?org=` names the organisation whose webhook secret signs the body (the URL shown in Settings -> Booking). Missing or wrong signature: 401, nothing stored. Each body is stored once (SHA-256); a replay changes nothing.",
  query: z.object({ org: z.string().min(1).max(64) }),
  body: z.looseObject({ triggerEvent: z.string(), payload: z.unknown() }),
  response: z.object({ stored: z.boolean(), outcome: z.string() }),
});

export const getBookingSettingsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/booking-settings",
  tag,
  access: "org",
  personOnly: true,
  summary: "My working hours and the organisation's Cal.com link (webhook URL and secret for owners and admins)",
  response: z.object({ settings: bookingSettingsDto }),
});

export const saveWorkingHoursEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/orgs/{org}/booking-settings/working-hours",
  tag,
  access: "org",
  personOnly: true,
  summary: "Set my working hours (days, start and end, time zone): the built-in availability proposes slots inside them",
  body: workingHoursInput,
  response: z.object({ settings: bookingSettingsDto }),
});

export const saveCalcomSettingsEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/orgs/{org}/booking-settings/calcom",
  tag,
  access: "org",
  permission: "manageConnections",
  summary: "Connect Cal.com (API v2 key, event type id); the webhook secret is made on first save",
  body: calcomSettingsInput,
  response: z.object({ settings: bookingSettingsDto }),
});
