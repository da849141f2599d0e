"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { ConfirmDialog } from "@/components/connections/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { callApi } from "@/lib/api/client";
import { createTriageRuleEndpoint, deleteTriageRuleEndpoint, getAiControlEndpoint, listTriageRulesEndpoint, setAiControlEndpoint, updateTriageRuleEndpoint } from "@/lib/inbox/contracts";
import { TRIAGE_ACTIONS } from "@/lib/inbox/schemas";

const keys = {
  rules: (org: string) => ["org", org, "inbox", "rules"] as const,
  ai: (org: string) => ["org", org, "inbox", "ai-control"] as const,
};
const lines = (s: string, sep: RegExp) => s.split(sep).map((x) => x.trim()).filter(Boolean);

/** The AI control switch (with confirmation) and the triage rules editor; changes for owners and admins only. */
export function InboxRules({ org, canManage }: { org: string; canManage: boolean }) {
  const t = useTranslations("inbox");
  const tc = useTranslations("common");
  const format = useFormatter();
  const qc = useQueryClient();
  // What waits for a confirmation: the AI control switch, or deleting a rule.
  const [confirming, setConfirming] = useState<{ kind: "ai" } | { kind: "delete"; id: string; name: string } | null>(null);
  const ai = useQuery({ queryKey: keys.ai(org), queryFn: () => callApi(getAiControlEndpoint, { params: { org } }) });
  const rules = useQuery({ queryKey: keys.rules(org), queryFn: () => callApi(listTriageRulesEndpoint, { params: { org } }) });
  const setAi = useMutation({
    mutationFn: (enabled: boolean) => callApi(setAiControlEndpoint, { params: { org }, body: { enabled } }),
    onSuccess: () => {
      setConfirming(null);
      void qc.invalidateQueries({ queryKey: keys.ai(org) });
    },
  });
  const refreshRules = () => qc.invalidateQueries({ queryKey: keys.rules(org) });
  const toggle = useMutation({ mutationFn: (v: { id: string; enabled: boolean }) => callApi(updateTriageRuleEndpoint, { params: { org, id: v.id }, body: { enabled: v.enabled } }), onSuccess: refreshRules });
  const remove = useMutation({
    mutationFn: (id: string) => callApi(deleteTriageRuleEndpoint, { params: { org, id } }),
    onSuccess: () => {
      setConfirming(null);
      void refreshRules();
    },
  });
  const [form, setForm] = useState({ name: "", action: "ESCALATE" as (typeof TRIAGE_ACTIONS)[number], keywords: "", patterns: "", examples: "", priority: "10", confidenceMin: "", replyTemplate: "" });
  const create = useMutation({
    mutationFn: () =>
      callApi(createTriageRuleEndpoint, {
        params: { org },
        body: {
          name: form.name,
          action: form.action,
          keywords: lines(form.keywords, /,/),
          patterns: lines(form.patterns, /\n/),
          examples: lines(form.examples, /\n/),
          priority: Number(form.priority) || 0,
          confidenceMin: form.confidenceMin ? Number(form.confidenceMin) : null,
          replyTemplate: form.replyTemplate.trim() || null,
        },
      }),
    onSuccess: () => {
      setForm({ ...form, name: "", keywords: "", patterns: "", examples: "", replyTemplate: "" });
      void refreshRules();
    },
  });
  const enabled = ai.data?.aiControl.enabled ?? false;
  // Stable: the dialog re-runs its effect (closing itself) when onCancel changes.
  const closeConfirm = useCallback(() => setConfirming(null), []);
  const field = "w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
  return (
    <div className="space-y-4">
      <Card>
        <div className="space-y-2 p-4" data-testid="inbox-ai-control" data-enabled={enabled}>
          <h2 className="text-base font-semibold">{t("aiControl.title")}</h2>
          <p className="flex items-center gap-2 text-sm font-medium">
            <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${enabled ? "bg-emerald-500" : "bg-slate-400"}`} />
            {enabled ? t("aiControl.on") : t("aiControl.off")}
          </p>
          <p className="text-sm text-slate-600">{t("aiControl.description")}</p>
          {ai.data?.aiControl.changedAt ? <p className="text-xs text-slate-500">{t("aiControl.changed", { at: format.relativeTime(new Date(ai.data.aiControl.changedAt)), name: ai.data.aiControl.changedByName ?? "—" })}</p> : null}
          {canManage ? (
            <Button
              variant={enabled ? "secondary" : "primary"}
              disabled={setAi.isPending || ai.isPending}
              onClick={() => {
                setAi.reset();
                setConfirming({ kind: "ai" });
              }}
              data-testid="inbox-ai-toggle"
            >
              {enabled ? t("aiControl.turnOff") : t("aiControl.turnOn")}
            </Button>
          ) : (
            <p className="text-xs text-slate-500">{t("aiControl.ownersOnly")}</p>
          )}
        </div>
      </Card>
      <Card>
        <div className="space-y-3 p-4">
          <h2 className="text-base font-semibold">{t("rules.title")}</h2>
          <p className="text-sm text-slate-600">{t("rules.description")}</p>
          {rules.isPending ? (
            <p className="text-sm text-slate-500" role="status">{t("loading")}</p>
          ) : (rules.data?.rules.length ?? 0) === 0 ? (
            <p className="text-sm text-slate-500">{t("rules.empty")}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="inbox-rules">
              {rules.data!.rules.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                  <span className="w-8 text-slate-500">{r.priority}</span>
                  <span className="font-medium">{r.name}</span>
                  <Badge tone={r.action === "AUTO_REPLY" ? "green" : r.action === "ESCALATE" ? "amber" : "gray"}>{t(`rules.actions.${r.action}`)}</Badge>
                  <span className="text-xs text-slate-500">{t("rules.summary", { keywords: r.keywords.length, patterns: r.patterns.length, examples: r.examples.length })}</span>
                  <span className="ml-auto flex items-center gap-2">
                    <label className="flex items-center gap-1">
                      <input type="checkbox" checked={r.enabled} disabled={!canManage} onChange={(e) => toggle.mutate({ id: r.id, enabled: e.target.checked })} />
                      {t("rules.enabled")}
                    </label>
                    {canManage ? (
                      <Button variant="secondary" onClick={() => {
                          remove.reset();
                          setConfirming({ kind: "delete", id: r.id, name: r.name });
                        }} aria-label={`${t("rules.delete")}: ${r.name}`}>
                        {t("rules.delete")}
                      </Button>
                    ) : null}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {canManage ? (
            <form className="grid gap-2 border-t border-slate-100 pt-3 sm:grid-cols-2" onSubmit={(e) => { e.preventDefault(); if (form.name.trim()) create.mutate(); }} data-testid="inbox-rule-form" aria-labelledby="inbox-rule-new">
              <h3 id="inbox-rule-new" className="text-sm font-semibold sm:col-span-2">{t("rules.newTitle")}</h3>
              <label className="text-sm">{t("rules.name")}<input className={field} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} maxLength={120} required /></label>
              <label className="text-sm">{t("rules.action")}
                <select className={field} value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value as typeof form.action })}>
                  {TRIAGE_ACTIONS.map((a) => <option key={a} value={a}>{t(`rules.actions.${a}`)}</option>)}
                </select>
              </label>
              <label className="text-sm">{t("rules.keywords")}<input className={field} value={form.keywords} onChange={(e) => setForm({ ...form, keywords: e.target.value })} /></label>
              <label className="text-sm">{t("rules.priority")}<input className={field} type="number" min={0} value={form.priority} onChange={(e) => setForm({ ...form, priority: e.target.value })} /></label>
              <label className="text-sm">{t("rules.patterns")}<textarea className={field} rows={2} value={form.patterns} onChange={(e) => setForm({ ...form, patterns: e.target.value })} /></label>
              <label className="text-sm">{t("rules.examples")}<textarea className={field} rows={2} value={form.examples} onChange={(e) => setForm({ ...form, examples: e.target.value })} /></label>
              <label className="text-sm">{t("rules.confidenceMin")}<input className={field} type="number" min={0} max={1} step={0.05} value={form.confidenceMin} onChange={(e) => setForm({ ...form, confidenceMin: e.target.value })} /></label>
              <label className="text-sm">{t("rules.replyTemplate")}<textarea className={field} rows={2} value={form.replyTemplate} onChange={(e) => setForm({ ...form, replyTemplate: e.target.value })} /></label>
              {create.error ? <p className="text-sm text-red-700 sm:col-span-2" role="alert">{create.error.message}</p> : null}
              <div className="sm:col-span-2"><Button type="submit" disabled={create.isPending}>{t("rules.add")}</Button></div>
            </form>
          ) : null}
        </div>
      </Card>
      {confirming?.kind === "ai" ? (
        <ConfirmDialog
          title={enabled ? t("aiControl.turnOff") : t("aiControl.turnOn")}
          body={enabled ? t("aiControl.confirmOff") : t("aiControl.confirmOn")}
          confirmLabel={enabled ? t("aiControl.turnOff") : t("aiControl.turnOn")}
          cancelLabel={tc("cancel")}
          pending={setAi.isPending}
          error={setAi.error?.message ?? null}
          onConfirm={() => setAi.mutate(!enabled)}
          onCancel={closeConfirm}
        />
      ) : confirming?.kind === "delete" ? (
        <ConfirmDialog
          title={t("rules.confirmDelete", { name: confirming.name })}
          body={t("rules.deleteHint")}
          confirmLabel={t("rules.delete")}
          cancelLabel={tc("cancel")}
          pending={remove.isPending}
          error={remove.error?.message ?? null}
          onConfirm={() => remove.mutate(confirming.id)}
          onCancel={closeConfirm}
        />
      ) : null}
    </div>
  );
}
