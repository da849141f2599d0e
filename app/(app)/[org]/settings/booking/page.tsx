import { BookingSettings } from "@/components/settings/booking-settings";
import { requireOrgPage } from "@/lib/auth/page-guard";
import { POLICY, hasRole } from "@/lib/auth/roles";

/** Settings -> Booking (MKT-305): each member's working hours; Cal.com for owners and admins. */
export default async function BookingSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  return <BookingSettings org={ctx.slug} canManage={hasRole(ctx.role, POLICY.manageConnections)} />;
}
