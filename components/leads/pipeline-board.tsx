"use client";

import { useMutation } from "@tanstack/react-query";
import { GripVertical } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type DragEvent } from "react";
import { StatusBadge } from "@/components/domain/badges";
import { callApi } from "@/lib/api/client";
import type { LeadStatus } from "@/lib/db/generated/enums";
import { moveLeadEndpoint } from "@/lib/leads/contracts";
import type { BoardColumnDto } from "@/lib/leads/types";
import { BOARD_STAGES } from "@/lib/leads/schemas";
import { cn } from "@/lib/utils";

type BoardColumn = BoardColumnDto;

const TIER_RANK: Record<string, number> = { HOT: 0, WARM: 1, COLD: 2 };
const TIER_EDGE: Record<string, string> = { HOT: "border-l-red-500", WARM: "border-l-amber-400", COLD: "border-l-sky-400" };
const MIME = "application/x-lead-id";

/** Moves one card between columns (counts follow), keeping each column's order: hot, warm, cold, then not scored; best score first. */
function moveCard(columns: BoardColumn[], id: string, to: LeadStatus): BoardColumn[] {
  const card = columns.flatMap((c) => c.leads).find((l) => l.id === id);
  if (!card || card.status === to) return columns;
  const moved = { ...card, status: to };
  return columns.map((c) => {
    if (c.status === card.status) return { ...c, count: c.count - 1, leads: c.leads.filter((l) => l.id !== id) };
    if (c.status === to)
      return {
        ...c,
        count: c.count + 1,
        leads: [...c.leads, moved].sort((a, b) => (TIER_RANK[a.tier ?? ""] ?? 3) - (TIER_RANK[b.tier ?? ""] ?? 3) || (b.score ?? -1) - (a.score ?? -1)),
      };
    return c;
  });
}

/**
 * The pipeline board: a column per stage, cards edged by temperature. Drag a card to another column,
 * or use its "Move to" menu (keyboard and touch); the card moves at once and goes back where it was
 * if the server refuses (e.g. Converted only through Mark won), with the reason shown.
 */
export function PipelineBoard({ org, columns: initial, canMove }: { org: string; columns: BoardColumn[]; canMove: boolean }) {
  const t = useTranslations("leads.board");
  const td = useTranslations("domain");
  const format = useFormatter();
  const router = useRouter();
  const [columns, setColumns] = useState(initial);
  const [over, setOver] = useState<LeadStatus | null>(null);
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const move = useMutation({
    mutationFn: (v: { id: string; to: LeadStatus; name: string; before: BoardColumn[] }) =>
      callApi(moveLeadEndpoint, { params: { org, id: v.id }, body: { status: v.to } }),
    onSuccess: (_res, v) => {
      setStatus({ tone: "ok", text: t("moved", { name: v.name, stage: td(`leadStatus.${v.to}`) }) });
      router.refresh();
    },
    onError: (err, v) => {
      setColumns(v.before);
      setStatus({ tone: "error", text: t("moveFailed", { name: v.name, reason: err.message }) });
    },
  });
  const request = (id: string, to: LeadStatus) => {
    const card = columns.flatMap((c) => c.leads).find((l) => l.id === id);
    if (!card || card.status === to) return;
    const before = columns;
    setColumns(moveCard(columns, id, to));
    move.mutate({ id, to, name: card.name, before });
  };
  const onDrop = (e: DragEvent, to: LeadStatus) => {
    e.preventDefault();
    setOver(null);
    const id = e.dataTransfer.getData(MIME);
    if (id) request(id, to);
  };
  return (
    <div className="space-y-2">
      <p className="sr-only" aria-live="polite">
        {status?.text}
      </p>
      {status?.tone === "error" ? (
        <p className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" role="alert" data-testid="board-error">
          {status.text}
        </p>
      ) : null}
      <p className="text-xs text-slate-500">{canMove ? t("hint") : t("readOnly")}</p>
      <div
        className="-mx-4 flex snap-x gap-3 overflow-x-auto px-4 pb-3 sm:mx-0 sm:px-0"
        data-testid="pipeline-board"
        onDragOver={(e) => {
          // Near an edge while dragging: scroll the board so every stage can be reached.
          const el = e.currentTarget;
          const r = el.getBoundingClientRect();
          if (e.clientX > r.right - 64) el.scrollLeft += 24;
          else if (e.clientX < r.left + 64) el.scrollLeft -= 24;
        }}
      >
        {columns.map((col) => (
          <section
            key={col.status}
            aria-label={td(`leadStatus.${col.status}`)}
            className={cn(
              "flex w-[15rem] shrink-0 snap-start flex-col rounded-xl border bg-slate-50",
              over === col.status ? "border-brand-500 bg-brand-50" : "border-slate-200",
            )}
            data-testid={`board-column-${col.status}`}
            onDragOver={
              canMove
                ? (e) => {
                    if (e.dataTransfer.types.includes(MIME)) {
                      e.preventDefault();
                      e.dataTransfer.dropEffect = "move";
                      setOver(col.status);
                    }
                  }
                : undefined
            }
            onDragLeave={() => setOver((o) => (o === col.status ? null : o))}
            onDrop={canMove ? (e) => onDrop(e, col.status) : undefined}
          >
            <header className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-2">
              <h3 className="text-sm font-semibold text-slate-800">{td(`leadStatus.${col.status}`)}</h3>
              <span className="rounded-full bg-white px-2 text-xs tabular-nums text-slate-600" data-testid="board-count">
                {col.count}
              </span>
            </header>
            <ol className="flex min-h-24 flex-1 flex-col gap-2 p-2">
              {col.leads.length === 0 ? <li className="px-1 py-4 text-center text-xs text-slate-400">{t(canMove ? "emptyDrop" : "empty")}</li> : null}
              {col.leads.map((l) => (
                <li
                  key={l.id}
                  draggable={canMove}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(MIME, l.id);
                    e.dataTransfer.effectAllowed = "move";
                  }}
                  className={cn(
                    "rounded-lg border border-l-4 border-slate-200 bg-white p-2.5 shadow-sm",
                    TIER_EDGE[l.tier ?? ""] ?? "border-l-slate-300",
                    canMove && "cursor-grab active:cursor-grabbing",
                  )}
                  data-testid="board-card"
                  data-lead-id={l.id}
                >
                  <div className="flex items-start gap-1.5">
                    {canMove ? <GripVertical className="mt-0.5 h-4 w-4 shrink-0 text-slate-300" aria-hidden /> : null}
                    <div className="min-w-0 flex-1">
                      <Link
                        href={`/${org}/leads/${l.id}`}
                        className="block truncate text-sm font-medium text-brand-700 hover:underline"
                        draggable={false}
                        data-user-content
                      >
                        {l.name}
                      </Link>
                      {l.company ? (
                        <p className="truncate text-xs text-slate-500" data-user-content>
                          {l.company}
                        </p>
                      ) : null}
                    </div>
                  </div>
                  <div className="mt-2 flex flex-wrap items-center gap-1.5">
                    {l.tier ? <StatusBadge kind="leadTier" value={l.tier} /> : <span className="text-xs text-slate-400">{t("notScored")}</span>}
                    {l.score !== null ? <span className="text-xs tabular-nums text-slate-600">{l.score}/100</span> : null}
                    {l.conversionValue !== null ? (
                      <span className="text-xs font-medium text-emerald-700">
                        {format.number(l.conversionValue, { style: "currency", currency: l.currency, maximumFractionDigits: 0 })}
                      </span>
                    ) : null}
                    {l.isTest ? <span className="rounded bg-slate-100 px-1.5 text-[10px] uppercase text-slate-500">{t("test")}</span> : null}
                  </div>
                  {canMove ? (
                    <label className="mt-2 flex items-center gap-1.5 text-xs text-slate-500">
                      <span className="shrink-0">{t("moveTo")}</span>
                      <select
                        className="min-w-0 flex-1 rounded border border-slate-200 bg-white px-1.5 py-1 text-xs text-slate-800"
                        value={l.status}
                        onChange={(e) => request(l.id, e.target.value as LeadStatus)}
                        aria-label={t("moveLabel", { name: l.name })}
                        data-testid="board-move"
                      >
                        {BOARD_STAGES.map((s) => (
                          <option key={s} value={s} disabled={s === "CONVERTED" && l.status !== "CONVERTED"}>
                            {td(`leadStatus.${s}`)}
                            {s === "CONVERTED" && l.status !== "CONVERTED" ? ` ${t("viaMarkWon")}` : ""}
                          </option>
                        ))}
                      </select>
                    </label>
                  ) : null}
                </li>
              ))}
              {col.count > col.leads.length ? (
                <li>
                  <Link href={`/${org}/leads?status=${col.status}`} className="block px-1 py-1 text-center text-xs text-slate-500 hover:underline">
                    {t("more", { count: col.count - col.leads.length })}
                  </Link>
                </li>
              ) : null}
            </ol>
          </section>
        ))}
      </div>
    </div>
  );
}
