import type { LeadStatus } from "@/lib/db/generated/enums";

/**
 * Why a lead must not get another sequence message, or null: unsubscribed / suppressed, booked, converted,
 * lost, or a person took it over (escalated). Checked at enrollment and again at every send.
 */
export function stopReasonOf(
  lead: { status: LeadStatus; unsubscribedAt: Date | null; convertedAt: Date | null; escalatedAt: Date | null },
  suppressed: boolean,
): string | null {
  if (suppressed || lead.unsubscribedAt) return "unsubscribed";
  if (lead.convertedAt || lead.status === "CONVERTED") return "converted";
  if (lead.status === "BOOKED") return "booked";
  if (lead.escalatedAt || lead.status === "OPPORTUNITY") return "human_takeover";
  if (lead.status === "LOST") return "lost";
  return null;
}
