import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { previewLeadImportEndpoint } from "@/lib/leads/contracts";
import { previewCsvImport } from "@/lib/leads/import/import-csv";

/** multipart/form-data "file": the CSV read and previewed; nothing is stored. */
export const POST = handle(previewLeadImportEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  return previewCsvImport({ organizationId: ctx.organizationId, req });
});
