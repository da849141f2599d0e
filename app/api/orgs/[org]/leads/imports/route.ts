import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { importLeadsEndpoint } from "@/lib/leads/contracts";
import { importCsvLeads } from "@/lib/leads/import/import-csv";

/** multipart/form-data "file" + "mapping" (JSON): valid rows stored as received, then processed; refused rows listed. */
export const POST = handle(importLeadsEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  return importCsvLeads({ organizationId: ctx.organizationId, req });
});
