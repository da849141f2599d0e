"use client";

import { CheckCircle2, XCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import type { GateResult } from "@/lib/media/contracts";

/** Per platform: accepted, or the reasons it rejects the file, in the user's language. */
export function GateList({ gates }: { gates: GateResult[] }) {
  const t = useTranslations("media");
  const tp = useTranslations("domain.platforms");
  return (
    <ul className="space-y-2" data-testid="media-gates">
      {gates.map((g) => {
        const platform = tp.has(g.platform.toUpperCase()) ? tp(g.platform.toUpperCase()) : g.platform;
        return (
          <li key={g.platform} className="rounded-md border border-slate-100 px-3 py-2 text-sm" data-testid={`gate-${g.platform}`} data-ok={g.ok}>
            <p className={`flex items-center gap-2 font-medium ${g.ok ? "text-emerald-700" : "text-red-700"}`}>
              {g.ok ? <CheckCircle2 className="h-4 w-4" aria-hidden /> : <XCircle className="h-4 w-4" aria-hidden />}
              {t(g.ok ? "gateOk" : "gateRejected", { platform })}
            </p>
            {g.reasons.length ? (
              <ul className="mt-1 list-disc space-y-0.5 pl-8 text-slate-600">
                {g.reasons.map((r) => (
                  <li key={r.key}>{t.has(`gates.${r.key}`) ? t(`gates.${r.key}`, { ...r.values, platform }) : r.message}</li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
