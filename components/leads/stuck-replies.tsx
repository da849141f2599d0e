import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { LeadReplyDto } from "@/lib/leads/contracts";
import { ReprocessButton } from "./reprocess-button";

/** Leads' replies that failed or were never picked up: who wrote, the error, and "Re-process". */
export async function StuckReplies({ org, total, replies, canReprocess }: { org: string; total: number; replies: LeadReplyDto[]; canReprocess: boolean }) {
  const [t, td, format] = await Promise.all([getTranslations("leads.failed"), getTranslations("leads.detail"), getFormatter()]);
  return (
    <Card className="border-amber-200 p-5" data-testid="stuck-replies">
      <h2 className="text-sm font-semibold text-amber-900">{t("repliesTitle", { count: total })}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("repliesDescription")}</p>
      <ul className="mt-4 divide-y divide-slate-100">
        {replies.map((r) => (
          <li key={r.id} className="space-y-1 py-3" data-testid="stuck-reply">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="min-w-0 text-sm font-medium">
                {td(`channel.${r.channel}`)} · <span className="text-slate-500">{t("from")}</span> <span data-user-content className="break-all">{r.fromAddress ?? "—"}</span>
                <span className="ml-2 text-xs font-normal text-slate-500">
                  {format.relativeTime(new Date(r.receivedAt))} · {t("attempts", { count: r.attempts })}
                </span>
              </p>
              {canReprocess ? <ReprocessButton org={org} replyId={r.id} /> : null}
            </div>
            {r.subject ? <p className="break-words text-sm text-slate-700" data-user-content>{r.subject}</p> : null}
            {r.errorMessage ? (
              <p className="break-words text-sm text-amber-800">
                <span className="font-medium">{t("error")}</span> {r.errorMessage}
              </p>
            ) : (
              <p className="text-sm text-slate-600">{t("waiting")}</p>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
