import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { isLocale, localeOfRequest } from "@/lib/i18n/config";
import { exportLeadsEndpoint } from "@/lib/leads/contracts";
import { exportLeadsCsv } from "@/lib/leads/export-leads";
import { leadFiltersSchema } from "@/lib/leads/schemas";

/** CSV of the leads the Leads page's filters select, streamed. */
export const GET = handle(exportLeadsEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org, "read");
  const q = await query();
  const locale = isLocale(q.lang) ? q.lang : localeOfRequest(req);
  const stream = exportLeadsCsv({ organizationId: ctx.organizationId, filters: leadFiltersSchema.parse(q), locale });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${locale === "fr" ? "prospects" : "leads"}-${ctx.slug}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
});
