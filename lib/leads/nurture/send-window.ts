import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { leadTimeZone } from "@/lib/leads/booking/lead-time-zone";
import { workflowNow } from "@/lib/workflows/clock";
import { nextSendWindow } from "./quiet-hours";

export type SendWindow = { opensAt: string | null; timeZone: string };

/**
 * When a sequence message may go out (mkt-303, right before sending): now if the lead's local time
 * is outside the quiet hours, else the next opening (`opensAt`) for the run to sleep until. The lead's
 * zone comes from their country or phone number, else the organisation's zone.
 */
export async function sendWindowOf(opts: { organizationId: string; interactionId: string; now?: Date }): Promise<SendWindow> {
  const m = await db().leadInteraction.findFirst({
    where: { id: opts.interactionId, organizationId: opts.organizationId },
    select: { lead: { select: { country: true, phoneE164: true } }, organization: { select: { timezone: true } } },
  });
  if (!m) throw notFound("lead");
  const timeZone = leadTimeZone(m.lead, m.organization.timezone);
  const at = opts.now ?? workflowNow();
  const opens = nextSendWindow(at, timeZone);
  return { opensAt: opens.getTime() > at.getTime() ? opens.toISOString() : null, timeZone };
}
