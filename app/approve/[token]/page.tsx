import { getFormatter, getTranslations } from "next-intl/server";
import { ConfirmDecisionForm } from "@/components/approvals/confirm-decision-form";
import { inspectActionToken, type ActionTokenView } from "@/lib/approvals/redeem-action-token";
import { isAppError } from "@/lib/errors";

export async function generateMetadata() {
  return { title: (await getTranslations("approvals.email"))("title"), robots: { index: false, follow: false } };
}

/**
 * Target of the one-click links in approval emails. GET only shows what the link would do (mail
 * scanners prefetch links); the decision happens when the person confirms (POST /api/approvals/email).
 */
export default async function ApproveWithTokenPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token);
  const [t, format] = await Promise.all([getTranslations("approvals.email"), getFormatter()]);
  let view: ActionTokenView | null = null;
  try {
    view = await inspectActionToken({ token });
  } catch (err) {
    if (!isAppError(err)) throw err;
  }
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
      {!view ? (
        <p role="alert" className="mt-4 text-sm text-red-700">{t("state.invalid")}</p>
      ) : (
        <div className="mt-4 space-y-3">
          <p className="font-medium text-slate-900">{view.title}</p>
          {view.summary ? <p className="whitespace-pre-wrap text-sm text-slate-600">{view.summary}</p> : null}
          {view.state === "valid" ? (
            <>
              <p className="text-xs text-slate-500">{t("expires", { when: format.dateTime(new Date(view.expiresAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
              <ConfirmDecisionForm token={token} action={view.action} />
            </>
          ) : (
            <p role="alert" className="text-sm text-amber-800">{t(`state.${view.state}`)}</p>
          )}
        </div>
      )}
    </main>
  );
}
