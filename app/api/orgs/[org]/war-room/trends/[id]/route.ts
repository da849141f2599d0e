import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { deleteTrendNoteEndpoint } from "@/lib/warroom/trends/contracts";
import { deleteTrendNote } from "@/lib/warroom/trends/trend-radar";

export const DELETE = handle(deleteTrendNoteEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  await deleteTrendNote({ organizationId: ctx.organizationId, id: params.id });
});
