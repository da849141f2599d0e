import "server-only";
import { db } from "@/lib/db/client";
import type { AdLibraryQuery } from "@/lib/connectors/types";
import { notFound } from "@/lib/errors";

export type CompetitorQuery = { competitorId: string; name: string; query: AdLibraryQuery };

/**
 * MKT-201 (competitor research): what to ask the Ad Library for each competitor a brand watches, as
 * set in settings > brands. Facebook page ids when known, else the competitor's search terms (its
 * name by default); countries: the competitor's own, else the brand's, else France. Active
 * competitors only, scoped to the organisation (another organisation's brand is a 404).
 */
export async function competitorAdLibraryQueries(opts: { organizationId: string; brandId: string }): Promise<CompetitorQuery[]> {
  const brand = await db().brand.findFirst({
    where: { id: opts.brandId, organizationId: opts.organizationId },
    select: { countries: true, competitors: { where: { isActive: true }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, facebookPageId: true, searchTerms: true, countries: true } } },
  });
  if (!brand) throw notFound("brand");
  return brand.competitors.map((c) => {
    const countries = c.countries.length ? c.countries : brand.countries.length ? brand.countries : ["FR"];
    const terms = c.searchTerms.length ? c.searchTerms.join(" ") : c.name;
    return { competitorId: c.id, name: c.name, query: c.facebookPageId ? { pageIds: [c.facebookPageId], countries } : { searchTerms: terms, countries } };
  });
}
