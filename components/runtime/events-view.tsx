"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { Radio } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import type { EventListItem } from "@/lib/workflows/contracts";
import { JsonBlock } from "./json-block";

/** The event log: newest first, filter by name, payload on click, links to the runs each started. */
export function EventsView({ org, name, events, nextCursor }: { org: string; name?: string; events: EventListItem[]; nextCursor: string | null }) {
  const t = useTranslations("runtime.events");
  const tr = useTranslations("runtime.runs");
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  const router = useRouter();
  const pathname = usePathname();
  const [draft, setDraft] = useState(name ?? "");
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          router.push(draft ? `${pathname}?name=${encodeURIComponent(draft)}` : pathname);
        }}
      >
        <label className="min-w-72 space-y-1 text-sm">
          <span className="block font-medium text-slate-700">{t("filterName")}</span>
          <Input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="content/input.received" name="name" />
        </label>
        <Button type="submit">{tr("apply")}</Button>
      </form>
      {events.length === 0 ? (
        <EmptyState icon={<Radio className="h-8 w-8" />} title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100" data-testid="events-list">
            {events.map((e) => (
              <li key={e.id}>
                <button
                  className="flex w-full flex-wrap items-center gap-3 px-5 py-3 text-left text-sm hover:bg-slate-50"
                  onClick={() => setOpen(open === e.id ? null : e.id)}
                  aria-expanded={open === e.id}
                >
                  <span className="min-w-0 flex-1 font-mono text-xs text-slate-900">{e.name}</span>
                  {e.processed ? (
                    <span className="text-xs text-slate-500">{t("runsStarted", { count: e.runIds.length })}</span>
                  ) : (
                    <Badge tone="amber">{t("pending")}</Badge>
                  )}
                  <span className="text-xs text-slate-500" title={format.dateTime(new Date(e.receivedAt), { dateStyle: "medium", timeStyle: "medium" })}>
                    {format.relativeTime(new Date(e.receivedAt), now)}
                  </span>
                </button>
                {open === e.id ? (
                  <div className="space-y-3 px-5 pb-4">
                    <p className="font-mono text-xs text-slate-500">
                      {e.id}
                      {e.externalId ? ` · id ${e.externalId}` : ""}
                    </p>
                    <JsonBlock value={e.data} />
                    {e.runIds.length > 0 ? (
                      <ul className="flex flex-wrap gap-2">
                        {e.runIds.map((id) => (
                          <li key={id}>
                            <Link href={`/${org}/runs/${id}`} className="font-mono text-xs text-brand-700 underline">
                              {id}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {nextCursor ? (
        <div className="flex justify-end">
          <Button
            variant="secondary"
            onClick={() => router.push(`${pathname}?${new URLSearchParams({ ...(name ? { name } : {}), cursor: nextCursor }).toString()}`)}
          >
            {t("older")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
