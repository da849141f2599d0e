import { eventType } from "inngest";
import { z } from "zod";

/**
 * The event catalogue: every event the app sends or reacts to, with its schema. Names are
 * `<domain>/<noun>.<past-verb>`. The SDK validates a run's trigger event against these schemas.
 * Tenant events carry `organizationId`: the Runs page and per-organisation concurrency use it.
 */

/** A health check of the workflow engine: the ping function answers it. */
export const systemPingRequested = eventType("system/ping.requested", {
  schema: z.object({
    organizationId: z.string().optional(),
    message: z.string().max(500).optional(),
  }),
});
