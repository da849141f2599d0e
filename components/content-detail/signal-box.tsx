import { Sparkles } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { PlatformBadge } from "@/components/domain/badges";
import { Card, CardBody } from "@/components/ui/card";
import type { ContentSignalDto } from "@/lib/content/detail/types";

/** MKT-109: the winning-content signals of a piece, with the AI's "why it works / how to amplify". */
export function SignalBox({ signals }: { signals: ContentSignalDto[] }) {
  const t = useTranslations("metrics");
  const format = useFormatter();
  const n = (v: number) => format.number(v, { maximumFractionDigits: 2 });
  if (signals.length === 0) {
    return (
      <Card data-testid="signal-box-empty">
        <CardBody className="text-sm text-slate-500">{t("noSignal")}</CardBody>
      </Card>
    );
  }
  return (
    <div className="space-y-3" data-testid="signal-box">
      {signals.map((s) => (
        <Card key={s.id} className="border-amber-200 bg-amber-50/60">
          <CardBody className="space-y-2 text-sm">
            <p className="flex items-center gap-2 font-semibold text-amber-900">
              <Sparkles className="h-4 w-4" aria-hidden /> {t("signalTitle")} <PlatformBadge platform={s.platform} />
              <span className="ml-auto text-xs font-normal text-amber-800">{format.dateTime(new Date(s.detectedAt), { dateStyle: "medium" })}</span>
            </p>
            <p className="text-amber-900">{t("signalBody", { rate: n(s.engagementRate), threshold: n(s.threshold), mean: n(s.meanRate), sample: s.sampleSize })}</p>
            {s.aiAnalysis || s.aiRecommendation ? (
              <dl className="space-y-2">
                {s.aiAnalysis ? (
                  <div>
                    <dt className="text-xs font-semibold uppercase text-amber-800">{t("whyItWorks")}</dt>
                    <dd className="whitespace-pre-line text-slate-800">{s.aiAnalysis}</dd>
                  </div>
                ) : null}
                {s.aiRecommendation ? (
                  <div>
                    <dt className="text-xs font-semibold uppercase text-amber-800">{t("howToAmplify")}</dt>
                    <dd className="whitespace-pre-line text-slate-800">{s.aiRecommendation}</dd>
                  </div>
                ) : null}
              </dl>
            ) : (
              <p className="text-xs text-amber-800">{t("noAnalysis")}</p>
            )}
          </CardBody>
        </Card>
      ))}
    </div>
  );
}
