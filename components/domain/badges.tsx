import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

type Tone = "gray" | "green" | "amber" | "red" | "blue" | "violet";

const PLATFORM_DOT: Record<string, string> = {
  LINKEDIN: "bg-[#0a66c2]",
  FACEBOOK: "bg-[#1877f2]",
  INSTAGRAM: "bg-[#e1306c]",
  TIKTOK: "bg-slate-900",
  X: "bg-slate-700",
  WHATSAPP: "bg-[#25d366]",
  META_ADS: "bg-[#1877f2]",
  GOOGLE_ADS: "bg-[#fbbc04]",
  TIKTOK_ADS: "bg-slate-900",
};

/** A platform's display name ("LINKEDIN" -> "LinkedIn"), never the enum value. */
export function usePlatformLabel(): (platform: string) => string {
  const t = useTranslations("domain.platforms");
  return (platform) => (t.has(platform) ? t(platform) : platform);
}

export function PlatformBadge({ platform, sandbox }: { platform: string; sandbox?: boolean }) {
  const t = useTranslations("domain.platforms");
  const tc = useTranslations("common");
  return (
    <span className="inline-flex items-center gap-1.5 text-xs font-medium text-slate-700">
      <span className={`h-2 w-2 rounded-full ${PLATFORM_DOT[platform] ?? "bg-slate-400"}`} aria-hidden />
      {t.has(platform) ? t(platform) : platform}
      {sandbox ? (
        <Badge tone="violet" className="ml-1">
          {tc("sandbox")}
        </Badge>
      ) : null}
    </span>
  );
}

const TONES: Record<string, Tone> = {
  POSTED: "green", PUBLISHED: "green", APPROVED: "green", ACTIVE: "green", CONVERTED: "green", READY: "green", REPLIED: "green", BOOKED: "green",
  SCHEDULED: "blue", REVIEW: "amber", PENDING: "amber", PENDING_APPROVAL: "amber", UPLOADING: "blue", PROCESSING: "blue", LAUNCHING: "blue", NURTURING: "blue", SCORED: "blue", OPPORTUNITY: "violet", ESCALATED: "amber", OPEN: "blue",
  FAILED: "red", REJECTED: "red", ERROR: "red", RECONNECT_REQUIRED: "red", LOST: "gray", CHANGES_REQUESTED: "amber",
  HOT: "red", WARM: "amber", COLD: "blue",
};

/** A status from one of the domain enums, translated (namespace = domain.<kind>). */
export function StatusBadge({ kind, value }: { kind: string; value: string }) {
  const t = useTranslations(`domain.${kind}`);
  return <Badge tone={TONES[value] ?? "gray"}>{t.has(value) ? t(value) : value}</Badge>;
}
