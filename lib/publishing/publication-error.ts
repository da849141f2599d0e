/**
 * Why a publication failed, as a catalogue key (messages/<locale>/publishing.json "errors") rather than
 * the row's `errorMessage`, which holds the platform's or the connector's own English words (kept for
 * support, shown beside the translated line). Our connectors' messages are recognised first (they carry
 * the rule: "this platform needs media", "text longer than 280 characters"), then the row's `errorCode`
 * (the workflow's codes, or the connector error's kind when the platform gave no code of its own).
 * Pure: the content detail page and the War Room both use it.
 */
export type PublicationErrorKey =
  | "needsMedia"
  | "textTooLong"
  | "kindUnsupported"
  | "tooManyItems"
  | "mediaTooLarge"
  | "mediaDownload"
  | "notApproved"
  | "accountMissing"
  | "missedWindow"
  | "processingTimeout"
  | "gaveUp"
  | "reconnect"
  | "permission"
  | "rateLimited"
  | "transient"
  | "notFound"
  | "unsupported"
  | "rejected"
  | "unknown";

export type PublicationError = { key: PublicationErrorKey; values: { max?: number } };

const BY_MESSAGE: [RegExp, (m: RegExpMatchArray) => PublicationError][] = [
  [/needs media|media is required|needs at least \d+ media/i, () => ({ key: "needsMedia", values: {} })],
  [/text longer than (\d+) characters/i, (m) => ({ key: "textTooLong", values: { max: Number(m[1]) } })],
  [/\b\w+ posts are not supported/i, () => ({ key: "kindUnsupported", values: {} })],
  [/at most (\d+) items/i, (m) => ({ key: "tooManyItems", values: { max: Number(m[1]) } })],
  [/media is \d+ bytes, limit \d+/i, () => ({ key: "mediaTooLarge", values: {} })],
  [/could not download media/i, () => ({ key: "mediaDownload", values: {} })],
  [/publishing posts is not available/i, () => ({ key: "unsupported", values: {} })],
  // Vendors' own words when their code (not our kind) is stored: Meta 190, LinkedIn 401, TikTok access_token_invalid.
  [/access[ _]token|session has expired|reconnect/i, () => ({ key: "reconnect", values: {} })],
];

const BY_CODE: Record<string, PublicationErrorKey> = {
  not_approved: "notApproved",
  account_missing: "accountMissing",
  missed: "missedWindow",
  processing_timeout: "processingTimeout",
  gave_up: "gaveUp",
  auth_expired: "reconnect",
  reconnect_required: "reconnect",
  permission: "permission",
  rate_limited: "rateLimited",
  transient: "transient",
  interrupted: "transient",
  not_found: "notFound",
  unsupported: "unsupported",
  validation: "rejected",
  outside_window: "rejected",
};

export function describePublicationError(p: { errorCode: string | null; errorMessage: string | null }): PublicationError {
  const message = p.errorMessage ?? "";
  for (const [re, make] of BY_MESSAGE) {
    const m = message.match(re);
    if (m) return make(m);
  }
  const key = p.errorCode ? BY_CODE[p.errorCode] : undefined;
  return { key: key ?? "unknown", values: {} };
}

export const PUBLICATION_ERROR_KEYS: PublicationErrorKey[] = [
  "needsMedia", "textTooLong", "kindUnsupported", "tooManyItems", "mediaTooLarge", "mediaDownload", "notApproved", "accountMissing", "missedWindow",
  "processingTimeout", "gaveUp", "reconnect", "permission", "rateLimited", "transient", "notFound", "unsupported", "rejected", "unknown",
];
