import type { SocialPlatform } from "@/lib/connectors/types";
import { PLATFORM_RULES, PUBLISHING_PLATFORMS, rulesFor } from "@/lib/content/platform-rules";
import type { GateReason, GateResult } from "@/lib/media/contracts";
export type { GateReason, GateResult };

/**
 * Quality gates before anything is scheduled: for each platform, may this asset be published there?
 * Formats, sizes, aspect ratios, durations and media kinds come from the platform-rules table
 * (lib/content/platform-rules.ts).
 * Reasons carry an i18n key (messages/<locale>/media.json, "gates.<key>") with its values, plus an
 * English message for API clients.
 */
export type GateInput = {
  kind: "IMAGE" | "VIDEO" | "AUDIO" | "DOCUMENT";
  mimeType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  codec: string | null;
};

/** Networks media can be published to, in the table's order. */
export const GATED_PLATFORMS = PUBLISHING_PLATFORMS.map((p) => PLATFORM_RULES[p].key) as Exclude<SocialPlatform, "whatsapp">[];

const mb = (bytes: number) => Math.round((bytes / 1024 ** 2) * 10) / 10;
const ratio = (r: number) => (r >= 1 ? `${Math.round(r * 100) / 100}:1` : `1:${Math.round((1 / r) * 100) / 100}`);
const fmt = (types: string[]) => types.map((t) => t.split("/")[1]!.toUpperCase()).join(", ");

export function checkQualityGates(asset: GateInput, platforms: readonly (typeof GATED_PLATFORMS)[number][] = GATED_PLATFORMS): GateResult[] {
  return platforms.map((platform) => {
    const rule = rulesFor(platform);
    const { image, video } = rule.media;
    const name = rule.name;
    const reasons: GateReason[] = [];
    const no = (key: string, values: Record<string, string | number>, message: string) =>
      reasons.push({ key, values: { platform: name, ...values }, message: `${name} ${message}` });
    if (asset.kind === "IMAGE") {
      if (!rule.media.kinds.includes("image")) no("noImages", {}, "does not publish images");
      else {
        if (!image.types.includes(asset.mimeType))
          no("imageFormat", { format: asset.mimeType.split("/")[1]!.toUpperCase(), accepted: fmt(image.types) }, `accepts images as ${fmt(image.types)} only`);
        if (asset.sizeBytes > image.maxBytes)
          no("imageTooLarge", { sizeMb: mb(asset.sizeBytes), maxMb: mb(image.maxBytes) }, `rejects images larger than ${mb(image.maxBytes)} MB`);
        aspect(image.aspect, "imageAspect", "images");
      }
    } else if (asset.kind === "VIDEO") {
      if (!rule.media.kinds.some((m) => m === "video" || m === "reel")) no("noVideos", {}, "does not publish videos");
      else {
        if (!video.types.includes(asset.mimeType))
          no("videoFormat", { format: asset.mimeType.split("/")[1]!.toUpperCase(), accepted: fmt(video.types) }, `accepts videos as ${fmt(video.types)} only`);
        if (asset.codec && !video.codecs.includes(asset.codec))
          no("videoCodec", { codec: asset.codec, accepted: video.codecs.join(", ") }, `rejects ${asset.codec} video (accepted: ${video.codecs.join(", ")})`);
        if (asset.sizeBytes > video.maxBytes)
          no("videoTooLarge", { sizeMb: mb(asset.sizeBytes), maxMb: mb(video.maxBytes) }, `rejects videos larger than ${mb(video.maxBytes)} MB`);
        if (asset.durationMs === null) no("durationUnknown", {}, "needs the video's duration, which could not be read");
        else {
          const sec = asset.durationMs / 1000;
          if (sec > video.maxSeconds)
            no("videoTooLong", { seconds: Math.round(sec * 10) / 10, max: video.maxSeconds }, `rejects videos longer than ${video.maxSeconds} s`);
          if (video.minSeconds && sec < video.minSeconds)
            no("videoTooShort", { seconds: Math.round(sec * 10) / 10, min: video.minSeconds }, `rejects videos shorter than ${video.minSeconds} s`);
        }
        aspect(video.aspect, "videoAspect", "videos");
      }
    } else no("unsupportedKind", { kind: asset.kind.toLowerCase() }, `does not publish ${asset.kind.toLowerCase()} files`);
    return { platform, ok: reasons.length === 0, reasons };

    function aspect(range: readonly [number, number] | undefined, key: string, what: string) {
      if (!range || !asset.width || !asset.height) return;
      const r = asset.width / asset.height;
      // 1% tolerance: 1080x1350 is 4:5 even after rounding by encoders.
      if (r < range[0] * 0.99 || r > range[1] * 1.01)
        no(
          key,
          { ratio: ratio(r), min: ratio(range[0]), max: ratio(range[1]) },
          `accepts ${what} with an aspect ratio between ${ratio(range[0])} and ${ratio(range[1])} (this one is ${ratio(r)})`,
        );
    }
  });
}
