"use client";

import { useTranslations } from "next-intl";
import type { PublicationEventDto } from "@/lib/publishing/contracts";
import { TIMELINE_RAW_VALUE, timelineDisplayValues } from "@/lib/publishing/timeline";

type TimelineEvent = Pick<PublicationEventDto, "key" | "values" | "message"> & { error?: PublicationEventDto["error"] };

/**
 * The platform's own words inside a line that has a catalogue error (`event.error`): shown to support
 * beside the translated line, never in it. Null for lines without one.
 */
export function timelineRawError(event: TimelineEvent): string | null {
  const name = event.key && event.error ? TIMELINE_RAW_VALUE[event.key] : undefined;
  const raw = name ? event.values?.[name] : undefined;
  return typeof raw === "string" && raw ? raw : null;
}

/**
 * A timeline line in the user's language: `publishing.timeline.<key>` with its values (dates in the
 * user's locale and time zone, platforms by name), else the stored English `message` (older lines,
 * a key this build does not know). A line carrying the platform's own words ("Attempt 1 failed: Media
 * container still IN_PROGRESS…") shows the `publishing.errors.<event.error.key>` line in their place
 * (lib/publishing/publication-error.ts); `timelineRawError` gives the words themselves.
 */
export function useTimelineText(): (event: TimelineEvent) => string {
  const t = useTranslations("publishing.timeline");
  const te = useTranslations("publishing.errors");
  const tp = useTranslations("domain.platforms");
  const platformLabel = (platform: string) => (tp.has(platform.toUpperCase()) ? tp(platform.toUpperCase()) : platform);
  return (event) => {
    if (!event.key || !t.has(event.key)) return event.message;
    const values = timelineDisplayValues(event.values ?? {}, platformLabel);
    if (!values) return event.message;
    const name = TIMELINE_RAW_VALUE[event.key];
    if (name && event.error && te.has(event.error.key)) {
      const platform = typeof event.values?.platform === "string" ? platformLabel(event.values.platform) : "";
      // The catalogue line is a sentence; the timeline line goes on after it ("…. Next attempt on …").
      values[name] = te(event.error.key, { platform, max: event.error.values.max ?? 0 }).replace(/\.\s*$/, "");
    }
    return t(event.key, values);
  };
}
