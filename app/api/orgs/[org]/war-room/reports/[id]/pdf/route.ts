import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { weeklyReportPdfEndpoint } from "@/lib/analytics/weekly/contracts";
import { renderWeeklyReportPdf } from "@/lib/analytics/weekly/report-pdf";
import { isLocale, localeOfRequest } from "@/lib/i18n/config";

/** The report as a PDF, labels in the reader's language (`lang`, else the request's). */
export const GET = handle(weeklyReportPdfEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org, "read");
  const q = await query();
  const { pdf, filename } = await renderWeeklyReportPdf({
    organizationId: ctx.organizationId,
    reportId: params.id,
    locale: isLocale(q.lang) ? q.lang : localeOfRequest(req),
  });
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename}"`,
      "content-length": String(pdf.length),
      "cache-control": "no-store",
    },
  });
});
