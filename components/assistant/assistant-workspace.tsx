"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Bot, Copy, Search, Send, User } from "lucide-react";
import { StatusBadge } from "@/components/domain/badges";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { ApiError, callApi } from "@/lib/api/client";
import { assistantChatEndpoint, copyScenarioExampleEndpoint, getScenarioEndpoint, listScenariosEndpoint, type ScenarioDto, type ScenarioListItemDto } from "@/lib/scenarios/contracts";
import type { ChatAction, ChatIntent } from "@/lib/scenarios/schemas";
import { cn } from "@/lib/utils";
import { MiniMarkdown } from "./mini-markdown";

type Bubble = { id: string; author: "USER" | "ASSISTANT" | "SYSTEM"; content: string; createdAt: string; actions: ChatAction[]; error?: boolean; retry?: () => void };
type Example = { key: string; name: string; theme: string; description: string };

const keys = {
  list: (org: string, q: string) => ["scenarios", org, "list", q] as const,
  one: (org: string, id: string) => ["scenarios", org, "one", id] as const,
};

/** Reveals an answer word by word (the answer arrives whole; the reader sees it written). */
function useReveal(text: string, enabled: boolean): string {
  const parts = text.split(/(\s+)/);
  const [n, setN] = useState(() => (enabled && !(typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches) ? 0 : Number.MAX_SAFE_INTEGER));
  useEffect(() => {
    if (n >= parts.length) return;
    const timer = setTimeout(() => setN((v) => v + 2), 18);
    return () => clearTimeout(timer);
  }, [n, parts.length]);
  return n >= parts.length ? text : parts.slice(0, n).join("");
}

function MessageBubble({ m, animate, onAction, busy }: { m: Bubble; animate: boolean; onAction?: (a: ChatAction) => void; busy: boolean }) {
  const t = useTranslations("assistant");
  const format = useFormatter();
  const shown = useReveal(m.content, animate);
  const done = shown === m.content;
  const mine = m.author === "USER";
  return (
    <li className={cn("flex gap-2", mine ? "flex-row-reverse" : "")} data-testid={mine ? "bubble-user" : "bubble-assistant"}>
      <span aria-hidden className={cn("mt-1 flex h-7 w-7 shrink-0 items-center justify-center rounded-full", mine ? "bg-brand-600 text-white" : "bg-slate-200 text-slate-700")}>
        {mine ? <User className="h-4 w-4" /> : <Bot className="h-4 w-4" />}
      </span>
      <div className={cn("min-w-0 max-w-[85%]", mine ? "items-end text-right" : "")}>
        <div
          className={cn(
            "rounded-2xl px-3.5 py-2 text-left text-sm leading-relaxed [overflow-wrap:anywhere]",
            mine ? "rounded-tr-sm bg-brand-600 text-white" : m.error ? "rounded-tl-sm border border-red-200 bg-red-50 text-red-800" : "rounded-tl-sm bg-white text-slate-800 shadow-sm ring-1 ring-slate-100",
          )}
          role={m.error ? "alert" : undefined}
        >
          <span className="sr-only">{mine ? t("you") : t("assistant")} : </span>
          <MiniMarkdown text={shown} />
        </div>
        <p className="mt-1 px-1 text-[11px] text-slate-500">
          <time dateTime={m.createdAt}>{format.dateTime(new Date(m.createdAt), { hour: "2-digit", minute: "2-digit" })}</time>
        </p>
        {done && m.retry ? (
          <Button variant="secondary" className="mt-1 px-2.5 py-1 text-xs" onClick={m.retry} disabled={busy}>
            {t("retry")}
          </Button>
        ) : null}
        {done && onAction && m.actions.length > 0 ? (
          <div role="group" aria-label={t("actionsLabel")} className="mt-2 flex flex-wrap gap-2" data-testid="chat-actions">
            {m.actions.map((a) => (
              <Button key={a.id} variant="secondary" className="rounded-full px-3 py-1.5 text-xs" onClick={() => onAction(a)} disabled={busy} aria-label={a.label}>
                {a.label}
              </Button>
            ))}
          </div>
        ) : null}
      </div>
    </li>
  );
}

function ScenarioPanel({ org, scenario }: { org: string; scenario: ScenarioDto }) {
  const t = useTranslations("assistant");
  return (
    <section aria-labelledby="selected-scenario" className="space-y-3" data-testid="selected-scenario">
      <div>
        <p className="text-xs font-medium uppercase text-slate-500">{t("selected")}</p>
        <h2 id="selected-scenario" className="font-semibold text-slate-900 [overflow-wrap:anywhere]">
          {scenario.name}
        </h2>
        <p className="text-xs text-brand-700">{scenario.theme}</p>
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase text-slate-500">{t("objectives")}</h3>
        {scenario.objectives.length ? (
          <ul className="mt-1 space-y-1 text-sm" data-testid="panel-objectives">
            {scenario.objectives.map((o) => (
              <li key={o.id} className="flex items-start justify-between gap-2">
                <span className="[overflow-wrap:anywhere]">{o.label}</span>
                <Badge tone="blue">{t("priority", { value: o.priority })}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">{t("none")}</p>
        )}
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase text-slate-500">{t("targets")}</h3>
        {scenario.targets.length ? (
          <ul className="mt-1 space-y-1 text-sm" data-testid="panel-targets">
            {scenario.targets.map((x) => (
              <li key={x.id} className="flex items-start justify-between gap-2">
                <span className="[overflow-wrap:anywhere]">{x.label}</span>
                <Badge tone="violet">{t(`maturity.${x.maturity}`)}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">{t("none")}</p>
        )}
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase text-slate-500">{t("resources")}</h3>
        {scenario.resources.length ? (
          <ul className="mt-1 space-y-1 text-sm" data-testid="panel-resources">
            {scenario.resources.map((r) => (
              <li key={r.id} className="flex items-start justify-between gap-2">
                <span className="[overflow-wrap:anywhere]">{r.title}</span>
                <Badge>{t(`resourceType.${r.type}`)}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">{t("none")}</p>
        )}
      </div>
      <Link href={`/${org}/assistant/${scenario.id}`} className={buttonClass("primary", "w-full")} data-testid="open-detail">
        {t("openDetail")}
      </Link>
    </section>
  );
}

export function AssistantWorkspace({
  org,
  canEdit,
  examples,
  initialScenarioId,
  prefill,
}: {
  org: string;
  canEdit: boolean;
  examples: Example[];
  initialScenarioId: string | null;
  prefill: string | null;
}) {
  const t = useTranslations("assistant");
  const format = useFormatter();
  const locale = useLocale() as "fr" | "en";
  const qc = useQueryClient();
  const [q, setQ] = useState("");
  const [query, setQuery] = useState("");
  const [selectedId, setSelectedId] = useState<string | null>(initialScenarioId);
  const [chatId, setChatId] = useState<string | undefined>(undefined);
  const [draft, setDraft] = useState(prefill ?? "");
  const [mode, setMode] = useState<"message" | "create">("message");
  const [notice, setNotice] = useState<string | null>(null);
  const [bubbles, setBubbles] = useState<Bubble[]>(() => [
    {
      id: "welcome",
      author: "ASSISTANT",
      content: t("welcome"),
      createdAt: new Date().toISOString(),
      actions: [
        { id: "entry-create", label: t("entryCreate"), intent: "scenario.create" },
        { id: "entry-existing", label: t("entryExisting"), intent: "scenario.list" },
        { id: "entry-list", label: t("entryList"), intent: "scenario.list" },
      ],
    },
  ]);
  const [animated, setAnimated] = useState<string | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const endRef = useRef<HTMLLIElement>(null);

  useEffect(() => {
    const h = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(h);
  }, [q]);

  const list = useQuery({
    queryKey: keys.list(org, query),
    queryFn: () => callApi(listScenariosEndpoint, { params: { org }, query: { pageSize: 50, ...(query ? { q: query } : {}) } }),
  });
  const items: ScenarioListItemDto[] = list.data?.items ?? [];
  // Until one is chosen, the most recently updated scenario is the context.
  const activeId = selectedId ?? (query ? null : (items[0]?.id ?? null));

  const selected = useQuery({
    queryKey: keys.one(org, activeId ?? ""),
    queryFn: () => callApi(getScenarioEndpoint, { params: { org, id: activeId! } }),
    enabled: Boolean(activeId),
  });

  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: "end", behavior: "smooth" });
  }, [bubbles.length]);

  const chat = useMutation({
    mutationFn: (v: { intent: ChatIntent; message?: string; scenarioId?: string; payload?: Record<string, unknown> }) =>
      callApi(assistantChatEndpoint, { params: { org }, body: { ...v, chatId, locale } }),
  });
  const busy = chat.isPending;

  async function send(intent: ChatIntent, opts: { message?: string; label?: string; scenarioId?: string | null; payload?: Record<string, unknown> } = {}) {
    const scenarioId = opts.scenarioId === undefined ? (activeId ?? undefined) : (opts.scenarioId ?? undefined);
    const shown = opts.message ?? opts.label ?? intent;
    const localId = `local-${Date.now()}`;
    setBubbles((b) => [...b, { id: localId, author: "USER", content: shown, createdAt: new Date().toISOString(), actions: [] }]);
    try {
      const res = await chat.mutateAsync({ intent, message: opts.message, scenarioId, payload: opts.payload });
      if (res.chatId) setChatId(res.chatId);
      const bot = res.messages.find((m) => m.author === "ASSISTANT");
      const id = bot?.id ?? `bot-${Date.now()}`;
      setAnimated(id);
      setBubbles((b) => [...b, { id, author: "ASSISTANT", content: res.message_markdown, createdAt: bot?.createdAt ?? new Date().toISOString(), actions: res.actions }]);
      if (res.scenario) {
        setSelectedId(res.scenario.id);
        qc.setQueryData(keys.one(org, res.scenario.id), { scenario: res.scenario });
      }
      await qc.invalidateQueries({ queryKey: ["scenarios", org, "list"] });
    } catch (err) {
      const message = err instanceof ApiError ? err.message : t("errorGeneric");
      setBubbles((b) => [
        ...b,
        { id: `err-${Date.now()}`, author: "ASSISTANT", content: message, createdAt: new Date().toISOString(), actions: [], error: true, retry: err instanceof ApiError && err.status === 422 ? undefined : () => void send(intent, opts) },
      ]);
    }
  }

  function onAction(a: ChatAction) {
    if (a.id === "entry-create" || (a.intent === "scenario.create" && !a.payload)) {
      setMode("create");
      setBubbles((b) => [...b, { id: `p-${Date.now()}`, author: "ASSISTANT", content: t("createPrompt"), createdAt: new Date().toISOString(), actions: [] }]);
      composer.current?.focus();
      return;
    }
    const payload = a.payload ? { ...a.payload } : undefined;
    const target = typeof payload?.scenarioId === "string" ? payload.scenarioId : undefined;
    if (a.intent === "scenario.open" && target) setSelectedId(target);
    void send(a.intent as ChatIntent, { label: a.label, payload, scenarioId: target ?? undefined });
  }

  function submit() {
    const text = draft.trim();
    if (!text || busy) return;
    setDraft("");
    if (mode === "create") {
      setMode("message");
      void send("scenario.create", { message: text, scenarioId: null });
    } else {
      void send("message", { message: text });
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  }

  const copy = useMutation({
    mutationFn: (key: string) => callApi(copyScenarioExampleEndpoint, { params: { org, key }, body: {} }),
    onSuccess: async (res) => {
      setNotice(t("copied", { name: res.scenario.name }));
      setSelectedId(res.scenario.id);
      qc.setQueryData(keys.one(org, res.scenario.id), { scenario: res.scenario });
      await qc.invalidateQueries({ queryKey: ["scenarios", org, "list"] });
    },
  });

  const lastAssistant = [...bubbles].reverse().find((b) => b.author === "ASSISTANT" && !b.error)?.id;

  return (
    <div className="grid min-w-0 gap-4 lg:grid-cols-[minmax(0,7fr)_minmax(0,3fr)]" data-testid="assistant-workspace">
      <Card className="flex min-h-[28rem] min-w-0 flex-col overflow-hidden lg:h-[calc(100vh-12rem)]">
        <h2 className="sr-only">{t("chatTitle")}</h2>
        <ol className="flex-1 space-y-4 overflow-y-auto bg-slate-50/60 p-3 sm:p-4" aria-live="polite" aria-label={t("chatTitle")} data-testid="chat-log">
          {bubbles.map((m) => (
            <MessageBubble key={m.id} m={m} animate={m.id === animated} busy={busy || !canEdit} onAction={m.id === lastAssistant ? onAction : undefined} />
          ))}
          {busy ? (
            <li className="flex items-center gap-2 text-sm text-slate-500" data-testid="typing" role="status">
              <span aria-hidden className="flex gap-1">
                <span className="h-2 w-2 animate-bounce rounded-full bg-slate-400 [animation-delay:-0.2s]" />
                <span className="h-2 w-2 animate-bounce rounded-full bg-slate-400 [animation-delay:-0.1s]" />
                <span className="h-2 w-2 animate-bounce rounded-full bg-slate-400" />
              </span>
              {t("typing")}
            </li>
          ) : null}
          <li ref={endRef} aria-hidden className="h-px" />
        </ol>
        <form
          className="flex items-end gap-2 border-t border-slate-100 bg-white p-3"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label htmlFor="assistant-composer" className="sr-only">
            {t("composerLabel")}
          </label>
          <textarea
            id="assistant-composer"
            ref={composer}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            rows={2}
            maxLength={4000}
            disabled={!canEdit}
            placeholder={mode === "create" ? t("composerCreatePlaceholder") : t("composerPlaceholder")}
            className="min-h-[2.75rem] w-full min-w-0 flex-1 resize-y rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
            data-testid="composer"
          />
          <Button type="submit" disabled={busy || !draft.trim() || !canEdit} aria-label={busy ? t("sending") : t("send")} data-testid="composer-send">
            <Send className="h-4 w-4" aria-hidden />
            <span className="hidden sm:inline">{t("send")}</span>
          </Button>
        </form>
      </Card>

      <aside aria-label={t("sidebarLabel")} className="min-w-0 space-y-4">
        <Card className="p-4">
          <div role="search" className="relative">
            <label htmlFor="scenario-search" className="sr-only">
              {t("searchLabel")}
            </label>
            <Search aria-hidden className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-slate-400" />
            <Input id="scenario-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("searchPlaceholder")} className="pl-8" maxLength={150} />
          </div>
          {list.isPending ? (
            <p className="mt-3 text-sm text-slate-500" role="status">
              {t("listLoading")}
            </p>
          ) : list.isError ? (
            <p className="mt-3 text-sm text-red-700" role="alert">
              {t("listError")}
            </p>
          ) : items.length === 0 ? (
            <p className="mt-3 text-sm text-slate-500">{query ? t("noMatch", { q: query }) : t("listEmpty")}</p>
          ) : (
            <ul className="mt-3 max-h-72 space-y-1 overflow-y-auto" data-testid="scenario-list">
              {items.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    onClick={() => {
                      setSelectedId(s.id);
                      if (canEdit) void send("scenario.open", { label: s.name, scenarioId: s.id });
                    }}
                    aria-pressed={s.id === activeId}
                    aria-label={t("selectScenario", { name: s.name })}
                    disabled={busy}
                    className={cn("w-full rounded-md px-2.5 py-2 text-left text-sm hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500", s.id === activeId ? "bg-brand-50 ring-1 ring-inset ring-brand-200" : "")}
                  >
                    <span className="flex items-start justify-between gap-2">
                      <span className="font-medium text-slate-900 [overflow-wrap:anywhere]">{s.name}</span>
                      <StatusBadge kind="scenarioStatus" value={s.status} />
                    </span>
                    <span className="mt-0.5 block text-xs text-slate-500">
                      {s.theme} · {t("updated", { when: format.relativeTime(new Date(s.updatedAt)) })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {activeId && selected.data ? (
          <Card className="p-4">
            <ScenarioPanel org={org} scenario={selected.data.scenario} />
          </Card>
        ) : null}
        <Card className="p-4">
          <h2 className="text-sm font-semibold text-slate-900">{t("examplesTitle")}</h2>
          <p className="mt-1 text-xs text-slate-500">{t("examplesHint")}</p>
          {notice ? (
            <p className="mt-2 text-xs text-emerald-700" role="status">
              {notice}
            </p>
          ) : null}
          <ul className="mt-2 space-y-2" data-testid="scenario-examples">
            {examples.map((e) => (
              <li key={e.key} className="text-sm">
                <span className="block font-medium text-slate-800 [overflow-wrap:anywhere]">{e.name}</span>
                <span className="flex flex-wrap items-center justify-between gap-x-2">
                  <span className="text-xs text-slate-500">{e.theme}</span>
                  <Button variant="ghost" className="-mr-2 px-2 py-0.5 text-xs text-brand-700" onClick={() => copy.mutate(e.key)} disabled={!canEdit || copy.isPending} aria-label={t("copyExampleLabel", { name: e.name })}>
                    <Copy className="h-3.5 w-3.5" aria-hidden />
                    {t("copyExample")}
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </aside>
    </div>
  );
}
