"use client";

import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Lightbulb } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ApiError, callApi } from "@/lib/api/client";
import { sendPlanRowToFlywheelEndpoint } from "@/lib/scenarios/contracts";

type Row = { id: string; position: number; format: string; message: string; channel: string; frequency: string; kpi: string };
const PAGE = 10;

/** The plan's rows, 10 a page, each with "Send to the Flywheel" (a Content Flywheel idea in one click). */
export function PlanTable({ org, scenarioId, rows, canEdit }: { org: string; scenarioId: string; rows: Row[]; canEdit: boolean }) {
  const t = useTranslations("assistant.detail");
  const [page, setPage] = useState(1);
  const [sent, setSent] = useState<Record<string, "new" | "duplicate">>({});
  const [error, setError] = useState<string | null>(null);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice((page - 1) * PAGE, page * PAGE);
  const send = useMutation({
    mutationFn: (rowId: string) => callApi(sendPlanRowToFlywheelEndpoint, { params: { org, id: scenarioId, rowId }, body: {} }),
    onSuccess: (res, rowId) => {
      setError(null);
      setSent((s) => ({ ...s, [rowId]: res.duplicate ? "duplicate" : "new" }));
    },
    onError: (err) => setError(err instanceof ApiError ? err.message : String(err)),
  });
  const from = (page - 1) * PAGE + 1;
  const to = Math.min(rows.length, page * PAGE);
  return (
    <div>
      {error ? (
        <p role="alert" className="mb-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[44rem] text-left text-sm" data-testid="plan-table" aria-label={t("tableLabel", { from, to, total: rows.length })}>
          <thead className="border-b border-slate-100 text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">#</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("colFormat")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("colMessage")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("colChannel")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("colFrequency")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("colKpi")}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t("colActions")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((r) => (
              <tr key={r.id} data-testid="plan-row" className="align-top">
                <td className="px-3 py-2 text-slate-500">{r.position + 1}</td>
                <td className="px-3 py-2 font-medium text-slate-800">{r.format}</td>
                <td className="px-3 py-2 text-slate-700">{r.message}</td>
                <td className="px-3 py-2">{r.channel}</td>
                <td className="px-3 py-2">{r.frequency}</td>
                <td className="px-3 py-2">{r.kpi}</td>
                <td className="px-3 py-2">
                  {sent[r.id] ? (
                    <span className="text-xs text-emerald-700" role="status">
                      {sent[r.id] === "new" ? t("sentToFlywheel") : t("alreadySent")}{" "}
                      <Link href={`/${org}/content`} className="underline">
                        {t("seeIdeas")}
                      </Link>
                    </span>
                  ) : (
                    <Button variant="secondary" className="whitespace-nowrap px-2.5 py-1 text-xs" disabled={!canEdit || send.isPending} onClick={() => send.mutate(r.id)} aria-label={t("toFlywheelLabel", { message: r.message })} data-testid="to-flywheel">
                      <Lightbulb className="h-3.5 w-3.5" aria-hidden />
                      {t("toFlywheel")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="mt-3 flex items-center justify-between gap-2 text-sm" aria-label={t("pageOf", { page, pages })}>
          <Button variant="secondary" onClick={() => setPage((p) => p - 1)} disabled={page === 1}>
            {t("previous")}
          </Button>
          <span className="text-slate-600">{t("pageOf", { page, pages })}</span>
          <Button variant="secondary" onClick={() => setPage((p) => p + 1)} disabled={page === pages}>
            {t("next")}
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
