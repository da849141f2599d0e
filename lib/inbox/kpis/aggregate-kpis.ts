import type { KpiWindowRange } from "./windows";

/** What the KPIs are computed from: inbound messages and comments, with their triage and first response. */
export type KpiItem = {
  kind: "message" | "comment";
  at: Date;
  triage: "IGNORE" | "ESCALATE" | "AUTO_REPLY" | null;
  /** Seconds to our first answer (a member's or an automatic reply), when answered. */
  responseSeconds: number | null;
  publicationId: string | null;
};

export type KpiFigures = {
  messagesCount: number;
  commentsCount: number;
  frtP50Seconds: number | null;
  autoReplyRate: number | null;
  autoReplyCount: number;
  escalateCount: number;
  ignoredCount: number;
  postsActive: number;
};

/** Median (p50) of whole seconds: the lower middle of an even count, so the value is one that happened. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

/**
 * One window's figures: inbound messages, comments, first response time p50 (items answered), the share
 * of automatic replies among triaged items (3 decimals), escalations, ignored, publications with at least
 * one comment. Pure and order-independent, so the same items always give the same row.
 */
export function aggregateWindow(items: KpiItem[]): KpiFigures {
  const triaged = items.filter((i) => i.triage !== null);
  const auto = triaged.filter((i) => i.triage === "AUTO_REPLY").length;
  return {
    messagesCount: items.filter((i) => i.kind === "message").length,
    commentsCount: items.filter((i) => i.kind === "comment").length,
    frtP50Seconds: median(items.flatMap((i) => (i.responseSeconds === null ? [] : [Math.round(i.responseSeconds)]))),
    autoReplyRate: triaged.length ? Math.round((auto / triaged.length) * 1000) / 1000 : null,
    autoReplyCount: auto,
    escalateCount: triaged.filter((i) => i.triage === "ESCALATE").length,
    ignoredCount: triaged.filter((i) => i.triage === "IGNORE").length,
    postsActive: new Set(items.flatMap((i) => (i.kind === "comment" && i.publicationId ? [i.publicationId] : []))).size,
  };
}

/** Items put in their windows (by `at`), each window's figures; windows without items are left out. */
export function aggregateKpiWindows(items: KpiItem[], windows: KpiWindowRange[]): { window: KpiWindowRange; figures: KpiFigures }[] {
  const out: { window: KpiWindowRange; figures: KpiFigures }[] = [];
  for (const w of windows) {
    const inside = items.filter((i) => i.at >= w.start && i.at < w.end);
    if (inside.length) out.push({ window: w, figures: aggregateWindow(inside) });
  }
  return out;
}
