import { handle } from "@/lib/api/handle";
import { pickBookingSlotEndpoint } from "@/lib/leads/booking/contracts";
import { pickBookingSlot } from "@/lib/leads/booking/pick-slot";

/** The lead's booking page posts the slot picked, with the signed token of their link (no sign-in). */
export const dynamic = "force-dynamic";

export const POST = handle(pickBookingSlotEndpoint, async ({ body }) => {
  const input = await body();
  return { booking: await pickBookingSlot({ token: input.token, startAt: input.startAt }) };
});
