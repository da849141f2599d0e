import { inngest } from "@/inngest/client";
import { leadBookingRequested, leadQualified } from "@/inngest/events";
import { failPermanently } from "@/inngest/functions/content-flywheel/permanent-error";
import { inviteLeadToBook } from "@/lib/leads/booking/invite-lead";
import { notifyBookingProposed } from "@/lib/leads/booking/notify-proposed";
import { proposeBooking } from "@/lib/leads/booking/propose-booking";
import { writeBookingBriefing } from "@/lib/leads/booking/write-briefing";

/** A lead deleted (or of another organisation) will not appear by retrying. */
const permanent = failPermanently(["not_found"]);

/**
 * MKT-305, on lead/qualified with route booking (a hot lead, MKT-302) or lead/booking.requested (a
 * reply ready to buy, MKT-304): a salesperson (the lead's assignee, else round robin among owners and
 * admins) and the 3 best slots of their availability (Cal.com when configured, else their working
 * hours) are stored as a proposal; the salesperson's briefing is written; the lead gets the slots and
 * the booking link (a template written by people: nothing AI-written is sent); the salesperson is
 * notified with the briefing. The lead's pick (booking page) or Cal.com's webhook does the rest.
 */
export const mkt305BookCall = inngest.createFunction(
  {
    id: "mkt-305-book-call",
    name: "MKT-305: propose a call to a lead",
    triggers: [{ event: leadQualified, if: "event.data.route == 'booking'" }, { event: leadBookingRequested }],
    retries: 3,
    concurrency: { key: "event.data.organizationId", limit: 10 },
  },
  async ({ event, step, runId }) => {
    const { organizationId, leadId } = event.data;
    const fromReply = event.name === "lead/booking.requested";
    const proposalKey = fromReply ? `booking-requested:${(event.data as { replyId: string }).replyId}` : `lead-qualified:${(event.data as { scoreId: string }).scoreId}`;
    const proposed = await step.run("propose-slots", () => proposeBooking({ organizationId, leadId, reason: fromReply ? "ready_to_buy" : "hot", proposalKey }).catch(permanent));
    if (proposed.outcome === "no_salesperson" || proposed.outcome === "already_booked") return proposed;
    const { bookingId } = proposed;
    await step.run("write-briefing", () => writeBookingBriefing({ organizationId, bookingId, idempotencyKey: `${runId}:briefing` }).catch(permanent));
    const invited = await step.run("invite-lead", () => inviteLeadToBook({ organizationId, bookingId }).catch(permanent));
    await step.run("notify-salesperson", () => notifyBookingProposed({ organizationId, bookingId, invited: invited.outcome === "sent" }));
    return { ...proposed, invited: invited.outcome === "sent" ? "sent" : invited.reason };
  },
);
