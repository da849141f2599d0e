"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

const RUN_TONE: Record<string, "gray" | "green" | "amber" | "red" | "blue"> = {
  QUEUED: "gray",
  RUNNING: "blue",
  COMPLETED: "green",
  FAILED: "red",
  CANCELLED: "amber",
};
const STEP_TONE: Record<string, "gray" | "green" | "amber" | "red" | "blue"> = { PLANNED: "gray", WAITING: "blue", COMPLETED: "green", FAILED: "red" };

export function RunStatusBadge({ status }: { status: string }) {
  const t = useTranslations("runtime.statuses");
  return (
    <Badge tone={RUN_TONE[status] ?? "gray"} className="whitespace-nowrap">
      {t.has(status) ? t(status) : status}
    </Badge>
  );
}

export function StepStatusBadge({ status }: { status: string }) {
  const t = useTranslations("runtime.stepStatuses");
  return <Badge tone={STEP_TONE[status] ?? "gray"}>{t.has(status) ? t(status) : status}</Badge>;
}

/** "850 ms", "12.4 s", "3 min 05 s", "2 h 10 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${String(Math.floor((ms % 60_000) / 1000)).padStart(2, "0")} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.floor((ms % 3_600_000) / 60_000)} min`;
}
