"use client";

import { useMutation } from "@tanstack/react-query";
import { Upload } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { callApi } from "@/lib/api/client";
import { importLeadsEndpoint, previewLeadImportEndpoint } from "@/lib/leads/contracts";
import { CSV_IMPORT_FIELDS, type CsvColumnTarget } from "@/lib/leads/schemas";

type Preview = Awaited<ReturnType<typeof callApi<typeof previewLeadImportEndpoint>>>;
type Result = Awaited<ReturnType<typeof callApi<typeof importLeadsEndpoint>>>;

const SEPARATORS: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };

/** CSV import in three steps: choose a file -> check the detected reading and map each column (first rows shown) -> import, then the refused rows by line and field. */
export function CsvImport({ org }: { org: string }) {
  const t = useTranslations("leads.import");
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Record<string, CsvColumnTarget>>({});
  const preview = useMutation({
    mutationFn: (f: File) => {
      const form = new FormData();
      form.set("file", f);
      return callApi(previewLeadImportEndpoint, { params: { org }, body: form });
    },
    onSuccess: (p: Preview) => setMapping(p.mapping as Record<string, CsvColumnTarget>),
  });
  const run = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.set("file", file!);
      form.set("mapping", JSON.stringify(mapping));
      return callApi(importLeadsEndpoint, { params: { org }, body: form });
    },
  });
  const p = preview.data;
  const result: Result | undefined = run.data;
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader title={t("step1")} description={t("step1Help")} />
        <CardBody>
          <label className="inline-flex cursor-pointer items-center gap-2 rounded-lg border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-700 hover:bg-slate-50">
            <Upload className="h-4 w-4" aria-hidden />
            <span>{file ? file.name : t("choose")}</span>
            <input
              type="file"
              accept=".csv,text/csv,text/plain"
              className="sr-only"
              data-testid="csv-file"
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                setFile(f);
                run.reset();
                if (f) preview.mutate(f);
              }}
            />
          </label>
          {preview.error ? <p className="mt-2 text-sm text-red-600">{preview.error.message}</p> : null}
        </CardBody>
      </Card>
      {p ? (
        <Card data-testid="csv-preview">
          <CardHeader title={t("step2")} description={t("detected", { rows: p.rowCount, encoding: p.encoding.toUpperCase(), separator: t(`separator.${SEPARATORS[p.delimiter] ?? "comma"}`) })} />
          <CardBody>
            <ul className="divide-y divide-slate-100">
              {p.headers.map((h, i) => (
                <li key={h} className="grid gap-2 py-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_minmax(0,14rem)] sm:items-center" data-testid="csv-column">
                  <span className="break-words text-sm font-medium" data-user-content>
                    {h}
                  </span>
                  <span className="min-w-0 truncate text-xs text-slate-500" data-user-content>
                    {p.sample
                      .map((r) => r[i] ?? "")
                      .filter(Boolean)
                      .slice(0, 3)
                      .join(" · ") || "—"}
                  </span>
                  <select
                    aria-label={t("mapTo", { column: h })}
                    value={mapping[h] ?? "keep"}
                    onChange={(e) => setMapping({ ...mapping, [h]: e.target.value as CsvColumnTarget })}
                    className="h-9 rounded-lg border border-slate-200 bg-white px-2 text-sm"
                    data-testid={`csv-map-${i}`}
                  >
                    {CSV_IMPORT_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {t(`field.${f}`)}
                      </option>
                    ))}
                    <option value="keep">{t("keep")}</option>
                    <option value="ignore">{t("ignore")}</option>
                  </select>
                </li>
              ))}
            </ul>
            <div className="mt-4 flex flex-wrap items-center gap-3">
              <Button onClick={() => run.mutate()} disabled={run.isPending || !!result} data-testid="csv-import">
                {t("import", { count: p.rowCount })}
              </Button>
              {run.error ? <span className="text-sm text-red-600">{run.error.message}</span> : null}
            </div>
          </CardBody>
        </Card>
      ) : null}
      {result ? (
        <Card data-testid="csv-result">
          <CardHeader title={t("done", { imported: result.imported })} description={result.duplicates ? t("duplicates", { count: result.duplicates }) : undefined} />
          <CardBody className="space-y-3">
            {result.errors.length ? (
              <>
                <p className="text-sm font-medium text-red-700">{t("refused", { count: new Set(result.errors.map((e) => e.row)).size })}</p>
                <table className="table-list w-full text-left text-sm" data-testid="csv-errors">
                  <thead className="text-xs uppercase text-slate-500">
                    <tr>
                      <th className="py-1 pr-3 font-medium">{t("line")}</th>
                      <th className="py-1 pr-3 font-medium">{t("column")}</th>
                      <th className="py-1 font-medium">{t("problem")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {result.errors.map((e, i) => (
                      <tr key={i} data-testid="csv-error">
                        <td data-label={t("line")} className="py-1 pr-3 tabular-nums">
                          {e.row}
                        </td>
                        <td data-label={t("column")} className="py-1 pr-3">
                          {t(`field.${e.field}`)}
                        </td>
                        <td data-label={t("problem")} className="py-1">
                          {t(`reason.${e.reason}`)}
                          {e.value ? (
                            <span className="ml-1 text-slate-500" data-user-content>
                              {t("quoted", { value: e.value })}
                            </span>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            ) : null}
            <Link href={`/${org}/leads`} className="text-sm font-medium text-brand-700 hover:underline">
              {t("seeLeads")}
            </Link>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
