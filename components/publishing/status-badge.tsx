"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

const TONE = { SCHEDULED: "blue", UPLOADING: "amber", PROCESSING: "amber", POSTED: "green", FAILED: "red", CANCELLED: "gray" } as const;

export function PublicationStatusBadge({ status }: { status: string }) {
  const t = useTranslations("publishing.status");
  return <Badge tone={TONE[status as keyof typeof TONE] ?? "gray"}>{t.has(status) ? t(status) : status}</Badge>;
}
