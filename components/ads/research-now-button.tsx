"use client";

import { useMutation } from "@tanstack/react-query";
import { Loader2, Radar } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { requestCompetitorResearchEndpoint } from "@/lib/ads/contracts";
import { callApi } from "@/lib/api/client";
import { Button } from "@/components/ui/button";

/** What the server knows (lib/ads/research-status.ts): a manual run in progress, or the last one's failure. */
export type ResearchNowState = { state: "running"; startedAt: string } | { state: "failed"; at: string; error: string } | null;

/** How often the page is re-read while a run is in progress, and when a run that never answers is given up. */
const POLL_MS = 3_000;
const GIVE_UP_MS = 15 * 60_000;

/**
 * "Run research now" (MKT-201 on demand). The request claims the run on the server, so the page
 * (re-read every few seconds while it runs) shows it in progress, then its summary; a click while one
 * runs, or past the hourly limit, gets the server's message. `lastRunAt`: the shown summary's time.
 */
export function ResearchNowButton({ org, research, lastRunAt, newAds }: { org: string; research: ResearchNowState; lastRunAt: string | null; newAds: number }) {
  const t = useTranslations("pages.competitors.researchNow");
  const router = useRouter();
  const [requestedAt, setRequestedAt] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => callApi(requestCompetitorResearchEndpoint, { params: { org }, body: {} }),
    onSuccess: (r) => {
      setRequestedAt(r.startedAt);
      router.refresh();
    },
  });
  const since = requestedAt ?? (research?.state === "running" ? research.startedAt : null);
  const finished = since !== null && lastRunAt !== null && lastRunAt >= since;
  const failed = research?.state === "failed" && (since === null || research.at >= since);
  const running = research?.state === "running" || (requestedAt !== null && !finished && !failed);
  const [gaveUp, setGaveUp] = useState(false);

  useEffect(() => {
    if (!running || !since) return;
    const timer = setInterval(() => {
      if (Date.now() - new Date(since).getTime() > GIVE_UP_MS) {
        setGaveUp(true);
        clearInterval(timer);
      } else router.refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, since, router]);

  const busy = start.isPending || (running && !gaveUp);
  return (
    <div className="flex max-w-md flex-col items-start gap-1 sm:items-end" data-testid="research-now">
      <Button
        type="button"
        data-testid="research-now-button"
        disabled={busy}
        aria-describedby="research-now-status"
        onClick={() => {
          setGaveUp(false);
          start.mutate();
        }}
      >
        {busy ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : <Radar className="h-4 w-4" aria-hidden />}
        {start.isPending ? t("starting") : busy ? t("running") : t("button")}
      </Button>
      <p id="research-now-status" role="status" aria-live="polite" className="text-xs text-slate-500 sm:text-right" data-testid="research-now-status" data-state={start.error ? "error" : gaveUp ? "lost" : busy ? "running" : failed ? "failed" : finished && requestedAt ? "done" : "idle"}>
        {start.error ? null : gaveUp ? (
          t("lost")
        ) : busy && since ? (
          t("runningSince", { at: new Date(since) })
        ) : failed && research?.state === "failed" ? (
          <span className="text-red-700">{t("failed", { at: new Date(research.at) })}</span>
        ) : finished && requestedAt ? (
          <span className="text-emerald-700">{t("done", { count: newAds })}</span>
        ) : (
          t("hint")
        )}
      </p>
      {start.error ? (
        <p role="alert" className="text-sm text-red-700 sm:text-right" data-testid="research-now-error">
          {start.error.message}
        </p>
      ) : null}
    </div>
  );
}
