"use client";

import { useTranslations } from "next-intl";
import type { PublicationEventDto } from "@/lib/publishing/contracts";
import { timelineDisplayValues } from "@/lib/publishing/timeline";

/**
 * A timeline line in the user's language: `publishing.timeline.<key>` with its values (dates in the
 * user's locale and time zone, platforms by name), else the stored English `message` (older lines,
 * a key this build does not know).
 */
export function useTimelineText(): (event: Pick<PublicationEventDto, "key" | "values" | "message">) => string {
  const t = useTranslations("publishing.timeline");
  const tp = useTranslations("domain.platforms");
  const platformLabel = (platform: string) => (tp.has(platform.toUpperCase()) ? tp(platform.toUpperCase()) : platform);
  return (event) => {
    if (!event.key || !t.has(event.key)) return event.message;
    const values = timelineDisplayValues(event.values ?? {}, platformLabel);
    return values ? t(event.key, values) : event.message;
  };
}
