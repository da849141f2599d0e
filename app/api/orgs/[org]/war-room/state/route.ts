import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { warRoomStateEndpoint } from "@/lib/warroom/contracts";
import { getWarRoomState } from "@/lib/warroom/get-war-room-state";

export const GET = handle(warRoomStateEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org);
  return getWarRoomState({ organizationId: ctx.organizationId });
});
