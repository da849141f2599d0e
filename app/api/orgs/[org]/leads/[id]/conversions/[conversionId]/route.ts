import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { undoConversionEndpoint } from "@/lib/leads/conversions/contracts";
import { undoConversion } from "@/lib/leads/conversions/undo-conversion";

/** Undo a manual "Mark won": credits taken back, the lead back to its previous stage. */
export const DELETE = handle(undoConversionEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  return undoConversion({ organizationId: ctx.organizationId, leadId: params.id, conversionId: params.conversionId });
});
