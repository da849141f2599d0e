"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { usePlatformLabel } from "@/components/domain/badges";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import type { ApprovalPage, QueueFacets } from "@/lib/approvals/contracts";
import type { QueueCursor, QueueFilters } from "./types";

const ENTITY_TYPES = ["CONTENT_PIECE", "AD_CAMPAIGN", "AD_OPTIMIZATION"] as const;
const NETWORKS = ["LINKEDIN", "FACEBOOK", "INSTAGRAM", "TIKTOK", "X"] as const;
const PRIORITIES = ["URGENT", "HIGH", "NORMAL", "LOW"] as const;

/** Type, brand, network, requester and priority filters plus the search box; each change goes back to the first page. */
export function QueueFiltersBar({ filters, facets, onChange }: { filters: QueueFilters; facets: QueueFacets; onChange: (next: QueueFilters) => void }) {
  const t = useTranslations("approvals.queue");
  const tEntity = useTranslations("domain.approvalEntity");
  const tPriority = useTranslations("domain.approvalPriority");
  const platformLabel = usePlatformLabel();
  const [q, setQ] = useState(filters.q ?? "");
  const set = <K extends keyof QueueFilters>(k: K, v: string) => onChange({ ...filters, [k]: v || undefined });
  const select = (k: "entityType" | "brandId" | "platform" | "requestedBy" | "priority", label: string, options: { value: string; label: string }[]) => (
    <label className="block min-w-0 text-xs font-medium text-slate-600">
      {label}
      <Select value={filters[k] ?? ""} onChange={(e) => set(k, e.target.value)} className="mt-1 py-1.5" data-testid={`approval-filter-${k}`}>
        <option value="">{t("any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </label>
  );
  const hasFilters = Boolean(filters.entityType || filters.brandId || filters.platform || filters.requestedBy || filters.priority || filters.q);
  return (
    <div className="space-y-2" data-testid="approval-filters">
      <form
        role="search"
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          set("q", q.trim());
        }}
      >
        <label htmlFor="approval-q" className="sr-only">
          {t("search")}
        </label>
        <Input id="approval-q" type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} placeholder={t("searchPlaceholder")} className="min-w-0 flex-1" />
        <Button type="submit" variant="secondary">
          {t("search")}
        </Button>
      </form>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
        {select("entityType", t("filterType"), ENTITY_TYPES.map((v) => ({ value: v, label: tEntity(v) })))}
        {select("brandId", t("filterBrand"), facets.brands.map((b) => ({ value: b.id, label: b.name })))}
        {select("platform", t("filterNetwork"), NETWORKS.map((v) => ({ value: v, label: platformLabel(v) })))}
        {select("requestedBy", t("filterRequester"), facets.requesters.map((r) => ({ value: r.value, label: r.kind === "workflow" ? t("requesterWorkflow", { code: r.label }) : r.kind === "app" ? t("requesterApp") : r.label })))}
        {select("priority", t("filterPriority"), PRIORITIES.map((v) => ({ value: v, label: tPriority(v) })))}
      </div>
      {hasFilters ? (
        <Button
          type="button"
          variant="ghost"
          className="px-2 py-1 text-xs"
          onClick={() => {
            setQ("");
            onChange({ status: filters.status });
          }}
        >
          {t("clearFilters")}
        </Button>
      ) : null}
    </div>
  );
}

/** "41–60 of 970" with first / previous / next / last (the server's keyset cursors). */
export function QueuePager({ page, count, busy, onGo }: { page: ApprovalPage["page"]; count: number; busy: boolean; onGo: (cursor: QueueCursor) => void }) {
  const t = useTranslations("approvals.queue");
  if (page.total === 0) return null;
  const from = count ? page.start + 1 : page.start;
  return (
    <nav aria-label={t("pagination")} className="flex flex-wrap items-center justify-between gap-2 text-sm" data-testid="approval-pager">
      <div className="flex gap-1">
        <Button type="button" variant="secondary" className="px-2.5 py-1.5" disabled={busy || !page.prevCursor} onClick={() => onGo({})}>
          {t("first")}
        </Button>
        <Button type="button" variant="secondary" className="px-2.5 py-1.5" disabled={busy || !page.prevCursor} onClick={() => onGo({ before: page.prevCursor! })} data-testid="approval-prev">
          {t("previous")}
        </Button>
      </div>
      <span className="tabular-nums text-slate-600" data-testid="approval-range">
        {t("range", { from, to: page.start + count, total: page.total })}
      </span>
      <div className="flex gap-1">
        <Button type="button" variant="secondary" className="px-2.5 py-1.5" disabled={busy || !page.nextCursor} onClick={() => onGo({ after: page.nextCursor! })} data-testid="approval-next">
          {t("next")}
        </Button>
        <Button type="button" variant="secondary" className="px-2.5 py-1.5" disabled={busy || !page.nextCursor} onClick={() => onGo({ last: "true" })} data-testid="approval-last">
          {t("last")}
        </Button>
      </div>
    </nav>
  );
}
