/**
 * The connector contract. Business code talks to
 * platforms only through these interfaces; the registry picks the real or sandbox implementation.
 */
export type SocialPlatform = "linkedin" | "facebook" | "instagram" | "tiktok" | "x" | "whatsapp";
export type AdPlatform = "meta_ads" | "google_ads" | "tiktok_ads";
export type PlatformKey = SocialPlatform | AdPlatform;

export const SOCIAL_PLATFORMS: SocialPlatform[] = ["linkedin", "facebook", "instagram", "tiktok", "x", "whatsapp"];
export const AD_PLATFORMS: AdPlatform[] = ["meta_ads", "google_ads", "tiktok_ads"];

/** Prisma `Platform` enum value for each key. */
export const PLATFORM_ENUM = {
  linkedin: "LINKEDIN",
  facebook: "FACEBOOK",
  instagram: "INSTAGRAM",
  tiktok: "TIKTOK",
  x: "X",
  whatsapp: "WHATSAPP",
  meta_ads: "META_ADS",
  google_ads: "GOOGLE_ADS",
  tiktok_ads: "TIKTOK_ADS",
} as const satisfies Record<PlatformKey, string>;
export type PlatformEnum = (typeof PLATFORM_ENUM)[PlatformKey];
export const platformKeyOf = (e: PlatformEnum): PlatformKey => Object.entries(PLATFORM_ENUM).find(([, v]) => v === e)![0] as PlatformKey;

export type MediaKind = "image" | "video" | "carousel" | "reel";

export interface Capabilities {
  dm: boolean;
  comments: boolean;
  /** The platform can hold a post and publish it later by itself. */
  nativeScheduling: boolean;
  media: MediaKind[];
  /** Text-only posts are allowed. */
  textOnly: boolean;
  maxTextLength: number;
  maxImageBytes: number;
  maxVideoBytes: number;
  maxVideoDurationSec: number;
  maxCarouselItems: number;
  hashtags: { allowed: boolean; max?: number; note?: string };
  rateLimits: { postsPer24h?: number; note: string };
}

export interface AccountRef {
  id: string;
  organizationId: string;
  platform: PlatformKey;
  /** Platform id of the page/profile/ad account/phone number. */
  externalId: string;
  metadata: Record<string, unknown>;
  isSandbox: boolean;
}

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  expiresAt?: Date;
  refreshExpiresAt?: Date;
  scopes?: string[];
}

/** Valid access tokens for one account; refresh() is single-flight and rotation-safe (lib/oauth/refresh). */
export interface TokenSource {
  get(): Promise<string>;
  /** The platform rejected `rejected`: return a newer token (refreshing if nobody else did). */
  refresh(rejected: string): Promise<string>;
}

export interface ConnectorContext {
  account: AccountRef;
  tokens: TokenSource;
  /** Told when the platform says "back off until"; the caller persists it (SocialAccount.rateLimitedUntil). */
  onRateLimited?: (until: Date) => void | Promise<void>;
}

export interface MediaItem {
  kind: "image" | "video";
  /** Public URL the platform can fetch (Meta, TikTok PULL_FROM_URL) or we download and upload. */
  url: string;
  mimeType?: string;
  sizeBytes?: number;
  durationSec?: number;
  altText?: string;
}

export interface PublishInput {
  kind: "text" | "image" | "video" | "carousel" | "reel";
  text: string;
  media?: MediaItem[];
  link?: string;
  /** Stable per publication; connectors pass it where the platform supports idempotency. */
  idempotencyKey?: string;
  /** Platform-specific switches (e.g. TikTok privacy level, IG share_to_feed). */
  options?: Record<string, unknown>;
}

export type PublishResult =
  | { state: "published"; remoteId: string; url: string | null }
  | { state: "pending"; pollToken: string; checkAfterSeconds: number; detail?: string }
  | { state: "failed"; reason: string; platformCode?: string };

export interface NormalisedMetrics {
  impressions: number | null;
  reach: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  clicks: number | null;
  videoViews: number | null;
}

export interface RemoteComment {
  id: string;
  postId: string;
  parentId: string | null;
  authorId: string | null;
  authorName: string | null;
  text: string;
  createdAt: Date;
}

export interface SendMessageInput {
  to: string;
  text?: string;
  template?: { name: string; language: string; components?: unknown[] };
  replyToMessageId?: string;
  /** Last inbound message from this contact: WhatsApp free-form requires it within 24 h. */
  lastInboundAt: Date | null;
  /**
   * Stable per message (lib/connectors/claimed-send.ts). A connector with `idempotentMessages` returns
   * the first message for a repeated key and sends nothing; WhatsApp carries it as
   * biz_opaque_callback_data (echoed in its status webhooks); others ignore it.
   */
  idempotencyKey?: string;
}

export interface WebhookRequest {
  method: "GET" | "POST";
  headers: Headers;
  query: URLSearchParams;
  rawBody: Uint8Array;
}

export type WebhookVerification =
  { ok: true; /** GET handshake: answer 200 with this body. */ respondWith?: string } | { ok: false; status: 401 | 403; reason: string };

export type NormalisedEvent =
  | { type: "comment.created"; platform: PlatformKey; accountExternalId: string; eventId: string; postId: string; comment: RemoteComment }
  | {
      type: "message.received";
      platform: PlatformKey;
      accountExternalId: string;
      eventId: string;
      from: string;
      fromName: string | null;
      text: string | null;
      messageType: string;
      occurredAt: Date;
    }
  | {
      type: "message.status";
      platform: PlatformKey;
      accountExternalId: string;
      eventId: string;
      messageId: string;
      status: string;
      occurredAt: Date;
      errorCode?: number;
    }
  | {
      type: "lead.created";
      platform: PlatformKey;
      accountExternalId: string;
      eventId: string;
      leadId: string;
      formId: string | null;
      adId: string | null;
      occurredAt: Date;
      fields?: Record<string, string>;
    }
  | { type: "publish.status"; platform: PlatformKey; accountExternalId: string; eventId: string; remoteId: string; status: string; occurredAt: Date };

/** A lead-ad lead as the platform returns it: answers by field name (Meta field_data), ids of its form and ad. */
export type RemoteLead = {
  id: string;
  formId: string | null;
  adId: string | null;
  campaignId: string | null;
  createdAt: Date | null;
  isOrganic: boolean | null;
  fieldData: { name: string; values: string[] }[];
};

interface BaseConnector<N extends PlatformKey> {
  readonly name: N;
  readonly sandbox: boolean;
  /** Exchange a refresh credential for new tokens. Throws ConnectorError("reconnect_required") on invalid_grant. */
  refreshToken(input: { account: AccountRef; refreshToken: string }): Promise<TokenSet>;
}

export interface PlatformConnector extends BaseConnector<SocialPlatform> {
  readonly capabilities: Capabilities;
  publish(ctx: ConnectorContext, input: PublishInput): Promise<PublishResult>;
  getPublicationStatus(ctx: ConnectorContext, pollToken: string): Promise<PublishResult>;
  fetchMetrics(ctx: ConnectorContext, remoteId: string): Promise<NormalisedMetrics>;
  listNewComments(ctx: ConnectorContext, remotePostId: string, sinceCursor: string | null): Promise<{ comments: RemoteComment[]; nextCursor: string | null }>;
  replyToComment(ctx: ConnectorContext, commentId: string, text: string): Promise<{ id: string }>;
  /** Hide (or show again) a comment under our post, where the platform allows it (Facebook, Instagram, X replies). */
  hideComment?(ctx: ConnectorContext, commentId: string, hidden: boolean): Promise<void>;
  /** sendMessage honours `idempotencyKey` (a repeated key sends nothing and returns the first message): the sandbox. */
  readonly idempotentMessages?: boolean;
  /** Only where capabilities.dm. */
  sendMessage?(ctx: ConnectorContext, input: SendMessageInput): Promise<{ id: string; status?: string }>;
  verifyWebhook(req: WebhookRequest): WebhookVerification;
  parseWebhook(rawBody: Uint8Array): NormalisedEvent[];
  /** A lead-ad lead by id with its form answers (Meta leadgen webhooks carry only the id). Facebook Pages only. */
  getLead?(ctx: ConnectorContext, leadId: string): Promise<RemoteLead>;
  /** Polling source of incoming events for networks without webhooks (the sandbox uses this). */
  listNewEvents?(ctx: ConnectorContext, sinceCursor: string | null): Promise<{ events: NormalisedEvent[]; nextCursor: string | null }>;
}

// ---- Ads ----
export type AdStatus = "ACTIVE" | "PAUSED";
export interface CampaignInput {
  name: string;
  /** The platform's own objective value (lib/ads/platform-objectives.ts maps ours). */
  objective: string;
  dailyBudgetMinor?: number;
  status?: AdStatus;
  options?: Record<string, unknown>;
  /** Stable per object of a launch (MKT-204): the sandbox answers a repeated key with the first object; real ad networks take none. */
  idempotencyKey?: string;
}
export interface AdTargeting {
  countries: string[];
  ageMin?: number;
  ageMax?: number;
  interests?: string[];
}
export interface AdSetInput {
  campaignId: string;
  name: string;
  dailyBudgetMinor: number;
  targeting: AdTargeting;
  optimizationGoal?: string;
  status?: AdStatus;
  options?: Record<string, unknown>;
  /** Stable per object of a launch (MKT-204): the sandbox answers a repeated key with the first object; real ad networks take none. */
  idempotencyKey?: string;
}
export interface AdCreativeContent {
  text: string;
  headline?: string;
  link: string;
  /** Uploaded image (uploadImage's id: Meta image hash, TikTok image_id). */
  imageId?: string;
  videoId?: string;
  callToAction?: string;
  pageId?: string;
  leadFormId?: string;
}
export interface CreativeInput {
  name: string;
  creative: AdCreativeContent;
  /** Stable per object of a launch (MKT-204): the sandbox answers a repeated key with the first object; real ad networks take none. */
  idempotencyKey?: string;
}
export interface AdInput {
  adSetId: string;
  name: string;
  /** A creative made by createCreative (platforms with separate creatives: Meta). */
  creativeId?: string;
  /** Inline content (Google responsive search ads, TikTok ads). */
  creative: AdCreativeContent;
  status?: AdStatus;
  /** Stable per object of a launch (MKT-204): the sandbox answers a repeated key with the first object; real ad networks take none. */
  idempotencyKey?: string;
}
export interface ImageUpload {
  name: string;
  bytes: Uint8Array;
  mimeType: string;
  /** Stable per object of a launch (MKT-204): the sandbox answers a repeated key with the first object; real ad networks take none. */
  idempotencyKey?: string;
}
export type AdObjectLevel = "campaign" | "adset" | "ad";

export interface AdInsightRow {
  level: AdObjectLevel;
  objectId: string;
  date: string; // YYYY-MM-DD
  impressions: number;
  clicks: number;
  spendMinor: number;
  conversions: number;
  /** Value of the conversions (purchase value), minor units of the account currency. */
  conversionValueMinor: number;
  leads: number;
  reach: number | null;
}

/**
 * Ad platforms. Each object is created by its own call so that a launch can store every remote id
 * as soon as it exists and resume after a failure without creating anything twice (MKT-204).
 * `uploadImage` / `createCreative` exist where the platform has those objects (Meta has both,
 * TikTok uploads images, Google search ads are text).
 */
export interface AdsConnector extends BaseConnector<AdPlatform> {
  createCampaign(ctx: ConnectorContext, input: CampaignInput): Promise<{ id: string }>;
  createAdSet(ctx: ConnectorContext, input: AdSetInput): Promise<{ id: string }>;
  uploadImage?(ctx: ConnectorContext, input: ImageUpload): Promise<{ id: string }>;
  createCreative?(ctx: ConnectorContext, input: CreativeInput): Promise<{ id: string }>;
  createAd(ctx: ConnectorContext, input: AdInput): Promise<{ id: string }>;
  setStatus(ctx: ConnectorContext, level: AdObjectLevel, id: string, status: AdStatus): Promise<void>;
  setBudget(ctx: ConnectorContext, level: "campaign" | "adset", id: string, dailyBudgetMinor: number): Promise<void>;
  /** Replace an ad set's audience (MKT-206 "adjust targeting"). */
  setTargeting?(ctx: ConnectorContext, adSetId: string, targeting: AdTargeting): Promise<void>;
  fetchInsights(ctx: ConnectorContext, q: { level: AdObjectLevel; since: string; until: string; ids?: string[] }): Promise<AdInsightRow[]>;
  /** Lead-ad leads since a cursor (Meta lead forms, TikTok lead gen); sandbox generates them. */
  listLeads?(
    ctx: ConnectorContext,
    sinceCursor: string | null,
  ): Promise<{
    leads: { id: string; formId: string | null; adId: string | null; createdAt: Date; fields: Record<string, string> }[];
    nextCursor: string | null;
  }>;
}

export type AnyConnector = PlatformConnector | AdsConnector;

// ---- Ad Library (MKT-201 competitor research) ----
export type AdLibraryQuery = {
  /** Keywords (a competitor's name or terms); or pageIds, one of the two. */
  searchTerms?: string;
  /** Facebook page ids (Ad Library search_page_ids, at most 10). */
  pageIds?: string[];
  /** ISO 3166-1 alpha-2 codes (ad_reached_countries, required). */
  countries: string[];
  activeStatus?: "ACTIVE" | "INACTIVE" | "ALL";
  /** Upper bound on pages fetched (25 ads a page by default). */
  maxPages?: number;
  pageSize?: number;
};

/** One ad of the Ad Library, normalised (the API's field names differ per version; bodies are arrays). */
export type AdLibraryAd = {
  id: string;
  pageId: string | null;
  pageName: string | null;
  bodies: string[];
  linkTitles: string[];
  linkDescriptions: string[];
  snapshotUrl: string | null;
  publisherPlatforms: string[];
  languages: string[];
  deliveryStart: Date | null;
  deliveryStop: Date | null;
  createdAt: Date | null;
};

export interface AdLibraryConnector {
  readonly sandbox: boolean;
  /** Pages through /ads_archive until the end, an empty page, or maxPages; `truncated` when it stopped at maxPages. */
  searchAds(ctx: ConnectorContext, q: AdLibraryQuery): Promise<{ ads: AdLibraryAd[]; pages: number; truncated: boolean }>;
}
