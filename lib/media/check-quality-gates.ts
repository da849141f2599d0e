import { CAPABILITIES } from "@/lib/connectors/registry";
import type { SocialPlatform } from "@/lib/connectors/types";

/**
 * Quality gates before anything is scheduled: for each platform, may this asset be published there?
 * Sizes, durations and media kinds come from the connectors' capabilities (lib/connectors/registry);
 * formats, aspect ratios and minimum durations from the platforms' publishing specs below.
 * Reasons carry an i18n key (messages/<locale>/media.json, "gates.<key>") with its values, plus an
 * English message for API clients.
 */
export type GateInput = { kind: "IMAGE" | "VIDEO" | "AUDIO" | "DOCUMENT"; mimeType: string; sizeBytes: number; width: number | null; height: number | null; durationMs: number | null; codec: string | null };
export type GateReason = { key: string; values: Record<string, string | number>; message: string };
export type GateResult = { platform: SocialPlatform; ok: boolean; reasons: GateReason[] };

type Spec = {
  imageTypes: string[];
  videoTypes: string[];
  videoCodecs: string[];
  /** width / height */
  imageAspect?: [number, number];
  videoAspect?: [number, number];
  minVideoSec?: number;
};

/** Publishing specs not expressed by capabilities (Meta, TikTok, LinkedIn and X content publishing docs). */
export const PLATFORM_MEDIA_SPECS: Record<Exclude<SocialPlatform, "whatsapp">, Spec> = {
  instagram: { imageTypes: ["image/jpeg"], videoTypes: ["video/mp4"], videoCodecs: ["h264", "hevc"], imageAspect: [4 / 5, 1.91], videoAspect: [0.01, 10], minVideoSec: 3 },
  facebook: { imageTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"], videoTypes: ["video/mp4"], videoCodecs: ["h264", "hevc", "vp9", "av1"], minVideoSec: 1 },
  tiktok: { imageTypes: ["image/jpeg", "image/webp"], videoTypes: ["video/mp4", "video/webm"], videoCodecs: ["h264", "hevc", "vp8", "vp9"], minVideoSec: 3 },
  linkedin: { imageTypes: ["image/jpeg", "image/png", "image/gif"], videoTypes: [], videoCodecs: [], imageAspect: [1 / 2.4, 2.4] },
  x: { imageTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"], videoTypes: ["video/mp4"], videoCodecs: ["h264"], videoAspect: [1 / 3, 3], minVideoSec: 0.5 },
};

export const GATED_PLATFORMS = Object.keys(PLATFORM_MEDIA_SPECS) as (keyof typeof PLATFORM_MEDIA_SPECS)[];

const NAMES: Record<SocialPlatform, string> = { linkedin: "LinkedIn", facebook: "Facebook", instagram: "Instagram", tiktok: "TikTok", x: "X", whatsapp: "WhatsApp" };
const mb = (bytes: number) => Math.round((bytes / 1024 ** 2) * 10) / 10;
const ratio = (r: number) => (r >= 1 ? `${Math.round(r * 100) / 100}:1` : `1:${Math.round((1 / r) * 100) / 100}`);
const fmt = (types: string[]) => types.map((t) => t.split("/")[1]!.toUpperCase()).join(", ");

export function checkQualityGates(asset: GateInput, platforms: readonly (keyof typeof PLATFORM_MEDIA_SPECS)[] = GATED_PLATFORMS): GateResult[] {
  return platforms.map((platform) => {
    const caps = CAPABILITIES[platform];
    const spec = PLATFORM_MEDIA_SPECS[platform];
    const name = NAMES[platform];
    const reasons: GateReason[] = [];
    const no = (key: string, values: Record<string, string | number>, message: string) => reasons.push({ key, values: { platform: name, ...values }, message: `${name} ${message}` });
    if (asset.kind === "IMAGE") {
      if (!caps.media.includes("image")) no("noImages", {}, "does not publish images");
      else {
        if (!spec.imageTypes.includes(asset.mimeType)) no("imageFormat", { format: asset.mimeType.split("/")[1]!.toUpperCase(), accepted: fmt(spec.imageTypes) }, `accepts images as ${fmt(spec.imageTypes)} only`);
        if (asset.sizeBytes > caps.maxImageBytes) no("imageTooLarge", { sizeMb: mb(asset.sizeBytes), maxMb: mb(caps.maxImageBytes) }, `rejects images larger than ${mb(caps.maxImageBytes)} MB`);
        aspect(spec.imageAspect, "imageAspect", "images");
      }
    } else if (asset.kind === "VIDEO") {
      if (!caps.media.some((m) => m === "video" || m === "reel")) no("noVideos", {}, "does not publish videos");
      else {
        if (!spec.videoTypes.includes(asset.mimeType)) no("videoFormat", { format: asset.mimeType.split("/")[1]!.toUpperCase(), accepted: fmt(spec.videoTypes) }, `accepts videos as ${fmt(spec.videoTypes)} only`);
        if (asset.codec && !spec.videoCodecs.includes(asset.codec)) no("videoCodec", { codec: asset.codec, accepted: spec.videoCodecs.join(", ") }, `rejects ${asset.codec} video (accepted: ${spec.videoCodecs.join(", ")})`);
        if (asset.sizeBytes > caps.maxVideoBytes) no("videoTooLarge", { sizeMb: mb(asset.sizeBytes), maxMb: mb(caps.maxVideoBytes) }, `rejects videos larger than ${mb(caps.maxVideoBytes)} MB`);
        if (asset.durationMs === null) no("durationUnknown", {}, "needs the video's duration, which could not be read");
        else {
          const sec = asset.durationMs / 1000;
          if (sec > caps.maxVideoDurationSec) no("videoTooLong", { seconds: Math.round(sec * 10) / 10, max: caps.maxVideoDurationSec }, `rejects videos longer than ${caps.maxVideoDurationSec} s`);
          if (spec.minVideoSec && sec < spec.minVideoSec) no("videoTooShort", { seconds: Math.round(sec * 10) / 10, min: spec.minVideoSec }, `rejects videos shorter than ${spec.minVideoSec} s`);
        }
        aspect(spec.videoAspect, "videoAspect", "videos");
      }
    } else no("unsupportedKind", { kind: asset.kind.toLowerCase() }, `does not publish ${asset.kind.toLowerCase()} files`);
    return { platform, ok: reasons.length === 0, reasons };

    function aspect(range: [number, number] | undefined, key: string, what: string) {
      if (!range || !asset.width || !asset.height) return;
      const r = asset.width / asset.height;
      // 1% tolerance: 1080x1350 is 4:5 even after rounding by encoders.
      if (r < range[0] * 0.99 || r > range[1] * 1.01) no(key, { ratio: ratio(r), min: ratio(range[0]), max: ratio(range[1]) }, `accepts ${what} with an aspect ratio between ${ratio(range[0])} and ${ratio(range[1])} (this one is ${ratio(r)})`);
    }
  });
}
