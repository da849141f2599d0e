import "server-only";
import PDFDocument from "pdfkit";
import domainEn from "@/messages/en/domain.json";
import domainFr from "@/messages/fr/domain.json";
import reportsEn from "@/messages/en/weeklyReports.json";
import reportsFr from "@/messages/fr/weeklyReports.json";
import { db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";
import { createRenderer, type MessageValues } from "@/lib/i18n/render";
import { getWeeklyReport } from "./get-weekly-reports";
import type { WeekTotals } from "./schemas";

/**
 * A weekly report as a PDF (pdfkit, its built-in Helvetica: nothing fetched), labels in the reader's
 * language, figures formatted for it, the organisation's name in the title and the document's metadata.
 * The same sections as the page: summary, KPIs against the previous week, daily impressions (bars),
 * top posts, networks, best ad set, pipeline, insights, recommendations.
 */
const CATALOGUES = { en: { r: reportsEn, d: domainEn }, fr: { r: reportsFr, d: domainFr } } satisfies Record<Locale, unknown>;
const render = createRenderer("weeklyReports", CATALOGUES);

/** The standard fonts speak WinAnsi: narrow spaces become spaces, anything else outside it "?". */
const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
export function pdfSafe(s: string): string {
  return s.replace(/[\u202f\u2009\u2007]/g, " ").replace(/[^\n\u0020-\u007e\u00a0-\u00ff]/g, (c) => (WIN_ANSI_EXTRA.includes(c) ? c : "?"));
}

export async function renderWeeklyReportPdf(opts: { organizationId: string; reportId: string; locale: Locale }): Promise<{ pdf: Buffer; filename: string }> {
  const report = await getWeeklyReport({ organizationId: opts.organizationId, reportId: opts.reportId });
  const org = await db().organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { name: true, slug: true, timezone: true } });
  const locale = opts.locale;
  const t = (key: string, values?: MessageValues) => pdfSafe(render(`r.${key}`, values, locale, { timeZone: org.timezone }));
  const d = (key: string) => pdfSafe(render(`d.${key}`, undefined, locale));
  const lang = locale === "fr" ? "fr-FR" : "en-GB";
  const f = report.sections?.figures;
  const currency = f?.currency ?? "EUR";
  const num = (v: number, digits = 0) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);
  const money = (minor: number) => new Intl.NumberFormat(lang, { style: "currency", currency, maximumFractionDigits: 0 }).format(minor / 100);
  const pct = (v: number | null) => (v === null ? "—" : new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(v / 100));
  const date = (day: string) => new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
  const sep = locale === "fr" ? " : " : ": ";
  const title = `${org.name} — ${t("pdf.title")} ${report.isoWeek}`;

  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    info: { Title: pdfSafe(title), Author: "MarketingEngine", Subject: pdfSafe(`${org.name} ${report.isoWeek}`) },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 100;
  const heading = (text: string) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor("#0f172a").text(pdfSafe(text), { width }).moveDown(0.3);
  };
  const para = (text: string, opts: { color?: string; size?: number } = {}) =>
    doc
      .font("Helvetica")
      .fontSize(opts.size ?? 10)
      .fillColor(opts.color ?? "#1e293b")
      .text(pdfSafe(text), { width });
  const bullet = (text: string) =>
    doc
      .font("Helvetica")
      .fontSize(10)
      .fillColor("#1e293b")
      .text(pdfSafe(`•  ${text}`), { width, indent: 0 });

  doc.font("Helvetica-Bold").fontSize(20).fillColor("#0f172a").text(pdfSafe(org.name), { width });
  doc
    .font("Helvetica")
    .fontSize(12)
    .fillColor("#475569")
    .text(`${t("pdf.title")} · ${t("week", { week: report.isoWeek })} · ${t("period", { from: date(report.from), to: date(report.to) })}`, { width });

  if (!report.sections || !f) {
    heading(t(`status.${report.status}`));
    para(report.status === "FAILED" ? t("failedBody") : t("unreadable"));
    doc.end();
    return { pdf: await finished, filename: `report-${org.slug}-${report.isoWeek}.pdf` };
  }
  const s = report.sections;

  heading(t("summary"));
  para(report.summary ?? "");

  heading(t("kpis"));
  const kpis: [string, (w: WeekTotals) => string][] = [
    ["kpi.posts", (w) => num(w.postsPublished)],
    ["kpi.impressions", (w) => num(w.impressions)],
    ["kpi.engagementRate", (w) => pct(w.engagementRate)],
    ["kpi.spend", (w) => money(w.adSpendMinor)],
    ["kpi.revenue", (w) => money(w.adRevenueMinor)],
    ["kpi.roas", (w) => (w.roas === null ? "—" : num(w.roas, 2))],
    ["kpi.leadsNew", (w) => num(w.leadsNew)],
    ["kpi.leadsHot", (w) => num(w.leadsHot)],
    ["kpi.bookings", (w) => num(w.bookings)],
    ["kpi.conversions", (w) => num(w.conversions)],
  ];
  for (const [key, value] of kpis) para(`${t(key)}${sep}${value(f.totals)}  (${t("previous", { value: pdfSafe(value(f.previousTotals)) })})`);

  // Daily impressions as bars (the page's chart, drawn).
  heading(t("chartDaily"));
  const max = Math.max(1, ...f.days.map((x) => x.impressions));
  const chartTop = doc.y;
  const barWidth = width / Math.max(1, f.days.length) - 8;
  f.days.forEach((x, i) => {
    const h = Math.round((x.impressions / max) * 80);
    const left = 50 + i * (barWidth + 8);
    doc.rect(left, chartTop + 80 - h, barWidth, h).fill("#2f6fed");
    doc
      .font("Helvetica")
      .fontSize(7)
      .fillColor("#475569")
      .text(
        pdfSafe(`${new Intl.DateTimeFormat(lang, { weekday: "short", timeZone: "UTC" }).format(new Date(`${x.day}T00:00:00Z`))} ${num(x.impressions)}`),
        left,
        chartTop + 84,
        { width: barWidth + 6, lineBreak: false },
      );
  });
  doc.x = 50;
  doc.y = chartTop + 100;

  heading(t("topPosts"));
  if (f.content.top.length === 0) para(t("noPosts"), { color: "#64748b" });
  f.content.top.forEach((p, i) =>
    bullet(`${i + 1}. ${p.title} (${d(`platforms.${p.platform}`)}) — ${num(p.impressions)} ${t("impressions").toLowerCase()}, ${pct(p.engagementRate)}`),
  );

  heading(t("trends"));
  if (f.content.networks.length === 0) para(t("noNetworks"), { color: "#64748b" });
  for (const n of f.content.networks)
    bullet(
      `${d(`platforms.${n.network}`)}${sep}${pct(n.engagementRate)} (${t("previous", { value: pct(n.previousEngagementRate) })}), ${num(n.impressions)} ${t("impressions").toLowerCase()}`,
    );

  heading(t("ads"));
  para(
    `${t("kpi.spend")} ${money(f.totals.adSpendMinor)} · ${t("kpi.revenue")} ${money(f.totals.adRevenueMinor)} · ${t("kpi.roas")} ${f.totals.roas === null ? "—" : num(f.totals.roas, 2)}`,
  );
  if (f.ads.bestAdSet)
    para(
      `${t("bestAdSet")}${sep}${f.ads.bestAdSet.name} · ${f.ads.bestAdSet.campaign} — ${t("kpi.roas")} ${f.ads.bestAdSet.roas === null ? "—" : num(f.ads.bestAdSet.roas, 2)}, ${t("kpi.spend").toLowerCase()} ${money(f.ads.bestAdSet.spendMinor)}, ${t("kpi.revenue").toLowerCase()} ${money(f.ads.bestAdSet.revenueMinor)}`,
    );
  else para(t("noAds"), { color: "#64748b" });

  heading(t("leads"));
  para(t("leadsWeek", { new: f.totals.leadsNew, hot: f.totals.leadsHot, warm: f.leads.warm, cold: f.leads.cold }));
  if (f.leads.pipeline.length === 0) para(t("pipelineEmpty"), { color: "#64748b" });
  else para(f.leads.pipeline.map((p) => `${d(`leadStatus.${p.status}`)} ${num(p.count)}`).join(" · "));

  heading(t("insights"));
  if (f.insights.length === 0) para(t("noInsights"), { color: "#64748b" });
  for (const i of f.insights)
    bullet(
      `${i.title} — ${d(`insightType.${i.type}`)}, ${t("confidence", { value: pct(i.confidence * 100) })}${i.recommendedAction ? `. ${i.recommendedAction}` : ""}`,
    );

  heading(t("recommendations"));
  s.recommendations.forEach((r, i) => bullet(`${i + 1}. ${r}`));
  doc.moveDown(1);
  para(s.writtenBy === "ai" ? t("writtenByAi") : t("writtenByRules"), { color: "#64748b", size: 8 });
  doc.end();
  return { pdf: await finished, filename: `report-${org.slug}-${report.isoWeek}.pdf` };
}
