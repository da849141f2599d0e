import { withPolicy } from "../call";
import { ConnectorError } from "../errors";
import { defaultRuntime, type ConnectorRuntime, type Loose } from "../http";
import type { AdLibraryAd, AdLibraryConnector } from "../types";
import { graph } from "./graph";

export const AD_LIBRARY_FIELDS = [
  "id",
  "ad_creation_time",
  "ad_creative_bodies",
  "ad_creative_link_titles",
  "ad_creative_link_descriptions",
  "ad_delivery_start_time",
  "ad_delivery_stop_time",
  "ad_snapshot_url",
  "page_id",
  "page_name",
  "publisher_platforms",
  "languages",
].join(",");

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim().length > 0).map((x) => x.trim()) : []);
const date = (v: unknown): Date | null => {
  if (typeof v !== "string" || !v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** An Ad Library row as the API sends it -> AdLibraryAd (fields checked one by one; unknown ones ignored). */
export function normaliseArchiveAd(d: Loose): AdLibraryAd | null {
  if (!d || (typeof d.id !== "string" && typeof d.id !== "number")) return null;
  return {
    id: String(d.id),
    pageId: d.page_id === undefined || d.page_id === null ? null : String(d.page_id),
    pageName: typeof d.page_name === "string" ? d.page_name : null,
    bodies: strings(d.ad_creative_bodies),
    linkTitles: strings(d.ad_creative_link_titles),
    linkDescriptions: strings(d.ad_creative_link_descriptions),
    snapshotUrl: typeof d.ad_snapshot_url === "string" ? d.ad_snapshot_url : null,
    publisherPlatforms: strings(d.publisher_platforms).map((p) => p.toUpperCase()),
    languages: strings(d.languages),
    deliveryStart: date(d.ad_delivery_start_time),
    deliveryStop: date(d.ad_delivery_stop_time),
    createdAt: date(d.ad_creation_time),
  };
}

/**
 * Meta Ad Library (`GET /ads_archive`): keyword or page-id search in the countries the ads reached,
 * paged with `after` cursors until an empty page or no `next`. Needs a user token whose owner
 * confirmed their identity (else Graph error 10/2332002, a permission error). Rate limits (4, 613,
 * 80000-range) back off through the shared call policy.
 */
export function createMetaAdLibraryConnector(rt: ConnectorRuntime = defaultRuntime()): AdLibraryConnector {
  return {
    sandbox: false,
    async searchAds(ctx, q) {
      if (!q.countries.length) throw new ConnectorError("validation", "meta_ads", "ad_reached_countries needs at least one country");
      if (!q.searchTerms?.trim() && !q.pageIds?.length) throw new ConnectorError("validation", "meta_ads", "search_terms or search_page_ids is required");
      const maxPages = q.maxPages ?? 5;
      const ads: AdLibraryAd[] = [];
      let after: string | undefined;
      let pages = 0;
      for (;;) {
        const r = await withPolicy(ctx, rt, (t) =>
          graph("meta_ads", rt, t, {
            method: "GET",
            path: "/ads_archive",
            query: {
              ad_reached_countries: JSON.stringify(q.countries.map((c) => c.toUpperCase())),
              ad_active_status: q.activeStatus ?? "ACTIVE",
              ad_type: "ALL",
              fields: AD_LIBRARY_FIELDS,
              limit: String(q.pageSize ?? 25),
              ...(q.pageIds?.length ? { search_page_ids: JSON.stringify(q.pageIds.slice(0, 10)) } : { search_terms: q.searchTerms!.trim() }),
              ...(after ? { after } : {}),
            },
          }),
        );
        pages++;
        const data: Loose[] = Array.isArray(r.data) ? r.data : [];
        for (const d of data) {
          const ad = normaliseArchiveAd(d);
          if (ad) ads.push(ad);
        }
        after = typeof r.paging?.cursors?.after === "string" ? r.paging.cursors.after : undefined;
        if (data.length === 0 || !r.paging?.next || !after) return { ads, pages, truncated: false };
        if (pages >= maxPages) return { ads, pages, truncated: true };
      }
    },
  };
}
