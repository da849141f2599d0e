"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Heart, MessageCircle, Repeat2, Send, Share2, ThumbsUp } from "lucide-react";
import { PLATFORM_RULES, type RulePlatform } from "@/lib/content/platform-rules";
import { cn } from "@/lib/utils";

export type PreviewMedia = { id: string; url: string; kind?: string; altText?: string | null };

/** The networks previews are drawn for (the publishing networks of the platform-rules table). */
export const PREVIEW_PLATFORMS = ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"] as const;
export type PreviewPlatform = (typeof PREVIEW_PLATFORMS)[number];

/** Cut at the fold on a word boundary (never inside an emoji), as the networks do before "see more". */
export function foldText(text: string, foldAt: number): { shown: string; folded: boolean } {
  if (text.length <= foldAt) return { shown: text, folded: false };
  let cut = "";
  for (const ch of text) {
    if (cut.length + ch.length > foldAt) break;
    cut += ch;
  }
  const space = cut.search(/\s\S*$/);
  return { shown: (space > foldAt * 0.6 ? cut.slice(0, space) : cut).trimEnd(), folded: true };
}

/**
 * How a post will look on one network (issue 9): the text folded where the network folds it with the
 * network's own "see more", the text past the network's hard limit marked, the first image cropped at
 * the ratio the network shows (the platform-rules target), the first comment under the post where the
 * network has comments. Used by the composer, the approval cards and the content detail page.
 */
export function NetworkPreview(props: { platform: string; text: string; media?: PreviewMedia[]; accountName?: string | null; firstComment?: string | null; className?: string }) {
  const t = useTranslations("composer.preview");
  const rule = PLATFORM_RULES[props.platform as RulePlatform];
  const [open, setOpen] = useState(false);
  if (!rule) return null;
  const text = props.text.trim();
  const over = text.length > rule.text.max;
  const within = over ? text.slice(0, rule.text.max) : text;
  const { shown, folded } = open ? { shown: within, folded: false } : foldText(within, rule.text.foldAt);
  const image = props.media?.find((m) => !m.kind || m.kind === "IMAGE");
  const video = props.media?.find((m) => m.kind === "VIDEO");
  const { width, height } = rule.media.image.target;
  const key = rule.key as "linkedin" | "facebook" | "instagram" | "tiktok" | "x";
  const name = props.accountName?.trim() || t("yourAccount");
  const mediaBox = image || video ? (
    <div className="overflow-hidden bg-slate-100" style={{ aspectRatio: `${width} / ${height}` }} data-testid="preview-media" data-ratio={`${width}:${height}`}>
      {video ? (
        <video src={video.url} className="h-full w-full object-cover" muted preload="metadata" />
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- signed, short-lived URL from our storage
        <img src={image!.url} alt={image!.altText ?? ""} className="h-full w-full object-cover" />
      )}
    </div>
  ) : null;
  const body = (
    <p className="whitespace-pre-wrap break-words text-sm text-slate-900" data-testid="preview-text" data-user-content>
      {shown}
      {folded ? (
        <>
          {"… "}
          <button type="button" onClick={() => setOpen(true)} className="font-medium text-slate-500 hover:underline" data-testid="preview-more">
            {t(`more.${key}`)}
          </button>
        </>
      ) : null}
      {over && open ? <span className="bg-red-100 text-red-800" title={t("overLimit", { network: rule.name, max: rule.text.max })}>{text.slice(rule.text.max)}</span> : null}
    </p>
  );
  const header = (
    <div className="flex items-center gap-2 px-3 pt-3">
      <span aria-hidden className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white">{name.slice(0, 1).toUpperCase()}</span>
      <div className="min-w-0">
        <p className="truncate text-sm font-semibold text-slate-900">{name}</p>
        <p className="text-xs text-slate-500">{t("now")}</p>
      </div>
    </div>
  );
  const actions: Record<typeof key, React.ReactNode[]> = {
    linkedin: [<ThumbsUp key="l" />, <MessageCircle key="c" />, <Repeat2 key="r" />, <Send key="s" />],
    facebook: [<ThumbsUp key="l" />, <MessageCircle key="c" />, <Share2 key="s" />],
    instagram: [<Heart key="l" />, <MessageCircle key="c" />, <Send key="s" />],
    tiktok: [<Heart key="l" />, <MessageCircle key="c" />, <Share2 key="s" />],
    x: [<MessageCircle key="c" />, <Repeat2 key="r" />, <Heart key="l" />],
  };
  const bar = <div className="flex gap-4 px-3 py-2 text-slate-500 [&_svg]:h-4 [&_svg]:w-4" aria-hidden>{actions[key]}</div>;
  const comment =
    props.firstComment?.trim() && rule.firstComment ? (
      <div className="border-t border-slate-100 px-3 py-2 text-xs text-slate-700" data-testid="preview-first-comment">
        <span className="font-semibold">{name}</span> <span data-user-content>{props.firstComment.trim()}</span>
      </div>
    ) : null;
  return (
    <figure
      className={cn("w-full max-w-sm overflow-hidden rounded-lg border border-slate-200 bg-white", props.className)}
      data-testid="network-preview"
      data-platform={rule.platform}
      data-folded={folded ? "true" : "false"}
      aria-label={t("label", { network: rule.name })}
    >
      {key === "instagram" ? (
        <>
          {header}
          <div className="mt-2">{mediaBox ?? <div className="flex aspect-[4/5] items-center justify-center bg-slate-100 text-xs text-slate-500">{t("needsMedia", { network: rule.name })}</div>}</div>
          {bar}
          <div className="px-3 pb-3">{body}</div>
        </>
      ) : key === "tiktok" ? (
        <div className="relative">
          {mediaBox ?? <div className="flex aspect-[9/16] items-center justify-center bg-slate-800 text-xs text-slate-200">{t("needsMedia", { network: rule.name })}</div>}
          <div className="absolute inset-x-0 bottom-0 bg-gradient-to-t from-black/70 to-transparent p-3 [&_p]:text-white [&_button]:text-slate-200">
            <p className="mb-1 text-sm font-semibold text-white">@{name}</p>
            {body}
          </div>
        </div>
      ) : (
        <>
          {header}
          <div className="px-3 py-2">{body}</div>
          {mediaBox ? <div className={key === "x" ? "mx-3 overflow-hidden rounded-xl border border-slate-200" : ""}>{mediaBox}</div> : null}
          {bar}
        </>
      )}
      {comment}
      <figcaption className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">
        {rule.name} · {t("chars", { length: text.length, max: rule.text.max })}
        {over ? <span className="ml-1 font-medium text-red-700">{t("overLimit", { network: rule.name, max: rule.text.max })}</span> : null}
      </figcaption>
    </figure>
  );
}
