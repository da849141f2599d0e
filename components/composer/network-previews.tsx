"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { PLATFORM_RULES, type RulePlatform } from "@/lib/content/platform-rules";
import { cn } from "@/lib/utils";
import { NetworkPreview, type PreviewMedia } from "./network-preview";

export type PreviewItem = { platform: string; text: string; media: PreviewMedia[]; firstComment?: string | null; accountName?: string | null };

/** One tab per network, each with its preview (the composer and the content detail page). */
export function NetworkPreviews({ items }: { items: PreviewItem[] }) {
  const t = useTranslations("composer.preview");
  const [on, setOn] = useState<string | null>(null);
  const shown = items.find((i) => i.platform === on) ?? items[0];
  if (!shown) return <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-500">{t("empty")}</p>;
  return (
    <div className="space-y-3" data-testid="network-previews">
      <div role="tablist" aria-label={t("title")} className="flex flex-wrap gap-1">
        {items.map((i) => (
          <button
            key={i.platform}
            type="button"
            role="tab"
            aria-selected={i.platform === shown.platform}
            onClick={() => setOn(i.platform)}
            className={cn("rounded-md px-2 py-1 text-xs font-medium", i.platform === shown.platform ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100")}
            data-testid="preview-tab"
            data-platform={i.platform}
          >
            {PLATFORM_RULES[i.platform as RulePlatform]?.name ?? i.platform}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        <NetworkPreview key={shown.platform} platform={shown.platform} text={shown.text} media={shown.media} firstComment={shown.firstComment} accountName={shown.accountName} />
      </div>
    </div>
  );
}
