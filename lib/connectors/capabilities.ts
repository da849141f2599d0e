import type { Capabilities, SocialPlatform } from "./types";

/**
 * What each network accepts (limits, media kinds, hashtag rules), as the connectors enforce it.
 * No server imports: the platform-rules table (lib/content/platform-rules.ts) derives from it and
 * client components (previews, counters) read that table.
 */
export const linkedinCapabilities: Capabilities = {
  dm: false,
  comments: true,
  nativeScheduling: false,
  media: ["image", "carousel"],
  textOnly: true,
  maxTextLength: 3000,
  maxImageBytes: 36_152_320,
  maxVideoBytes: 0,
  maxVideoDurationSec: 0,
  maxCarouselItems: 20,
  hashtags: { allowed: true, note: "hashtags are part of the commentary text" },
  rateLimits: { note: "daily app and member quotas, reset at midnight UTC; no remaining headers" },
};

export const facebookCapabilities: Capabilities = {
  dm: true,
  comments: true,
  nativeScheduling: true,
  media: ["image", "video", "carousel"],
  textOnly: true,
  maxTextLength: 63_206,
  maxImageBytes: 10 * 1024 ** 2,
  maxVideoBytes: 1024 ** 3 * 10,
  maxVideoDurationSec: 240 * 60,
  maxCarouselItems: 10,
  hashtags: { allowed: true, note: "hashtags are plain text; no limit" },
  rateLimits: { note: "Pages BUC: 4800 x engaged users / 24 h; usage in X-Business-Use-Case-Usage" },
};

export const instagramCapabilities: Capabilities = {
  dm: true,
  comments: true,
  nativeScheduling: false,
  media: ["image", "reel", "carousel", "video"],
  textOnly: false,
  maxTextLength: 2200,
  maxImageBytes: 8 * 1024 ** 2,
  maxVideoBytes: 1024 ** 3,
  maxVideoDurationSec: 15 * 60,
  maxCarouselItems: 10,
  hashtags: { allowed: true, max: 30 },
  rateLimits: { postsPer24h: 100, note: "content_publishing_limit (read config.quota_total); BUC limits" },
};

export const tiktokCapabilities: Capabilities = {
  dm: false,
  comments: false,
  nativeScheduling: false,
  media: ["video", "carousel", "image"],
  textOnly: false,
  maxTextLength: 2200,
  maxImageBytes: 20 * 1024 ** 2,
  maxVideoBytes: 4 * 1024 ** 3,
  maxVideoDurationSec: 600,
  maxCarouselItems: 35,
  hashtags: { allowed: true, note: "hashtags go in the title" },
  rateLimits: { note: "init 6/min, status 30/min, creator_info 20/min per user token; unaudited apps post SELF_ONLY" },
};

export const xCapabilities: Capabilities = {
  dm: true,
  comments: true,
  nativeScheduling: false,
  media: ["image", "video", "carousel"],
  textOnly: true,
  maxTextLength: 280,
  maxImageBytes: 5 * 1024 ** 2,
  maxVideoBytes: 512 * 1024 ** 2,
  maxVideoDurationSec: 140,
  maxCarouselItems: 4,
  hashtags: { allowed: true, note: "count toward the 280 characters" },
  rateLimits: { note: "per-endpoint 15-minute windows (x-rate-limit-*), 24 h posting caps (x-user-limit-24hour-*)" },
};

export const whatsappCapabilities: Capabilities = {
  dm: true,
  comments: false,
  nativeScheduling: false,
  media: [],
  textOnly: false,
  maxTextLength: 4096,
  maxImageBytes: 5 * 1024 ** 2,
  maxVideoBytes: 16 * 1024 ** 2,
  maxVideoDurationSec: 0,
  maxCarouselItems: 0,
  hashtags: { allowed: false },
  rateLimits: { note: "~80 msg/s per number (130429); per-user marketing caps (131049); pair rate limit (131056)" },
};

export const CAPABILITIES: Record<SocialPlatform, Capabilities> = {
  linkedin: linkedinCapabilities,
  facebook: facebookCapabilities,
  instagram: instagramCapabilities,
  tiktok: tiktokCapabilities,
  x: xCapabilities,
  whatsapp: whatsappCapabilities,
};

/** Networks whose API lets a page hide a comment under its own post (Graph `is_hidden` / `hide`, X hidden replies); LinkedIn and TikTok do not. */
export const HIDE_COMMENT_PLATFORMS: readonly SocialPlatform[] = ["facebook", "instagram", "x"];
