"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useState, type FormEvent } from "react";
import { ConfirmDialog } from "@/components/connections/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { FormSaveBar } from "@/components/ui/form-save-bar";
import { Field, Input } from "@/components/ui/input";
import { ApiError, callApi } from "@/lib/api/client";
import { setAutomationEndpoint, type AutomationDto } from "@/lib/warroom/contracts";
import { REPOST_DEFAULTS, REPOST_NETWORKS, type AutomationSettings } from "@/lib/warroom/schemas";

const TONE = { COMPLIANT: "green", CONDITIONAL: "amber", BLOCKED: "red" } as const;

type Network = (typeof REPOST_NETWORKS)[number];

/**
 * One Bot Control Center automation: what it does, its compliance level and notes, the on/off switch
 * (switching off asks first; a BLOCKED one cannot be switched on) and the owner's settings — the
 * welcome DM's text (sent as written) or the auto-reposter's routes and delay. Everything goes through
 * `POST …/war-room/automations/{key}`, which checks the permission and records the switch.
 */
export function AutomationCard({ org, automation, canManage }: { org: string; automation: AutomationDto; canManage: boolean }) {
  const t = useTranslations("automations");
  const router = useRouter();
  const key = automation.key;
  const blocked = automation.compliance === "BLOCKED";
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState(false);
  const [welcomeText, setWelcomeText] = useState(automation.settings.welcomeText ?? "");
  const [targets, setTargets] = useState<Partial<Record<Network, Network[]>>>(() => ({ ...(automation.settings.targets ?? REPOST_DEFAULTS.targets) }) as Partial<Record<Network, Network[]>>);
  const [delayHours, setDelayHours] = useState(String(automation.settings.delayHours ?? REPOST_DEFAULTS.delayHours));

  const settings = (): AutomationSettings | undefined => {
    if (key === "instagram_welcome_dm") return welcomeText.trim() ? { welcomeText: welcomeText.trim() } : undefined;
    if (key === "auto_reposter") return { targets: Object.fromEntries(Object.entries(targets).filter(([, to]) => to && to.length > 0)), delayHours: Number(delayHours) };
    return undefined;
  };

  const change = useMutation({
    mutationFn: (input: { enabled: boolean; settings?: AutomationSettings }) => callApi(setAutomationEndpoint, { params: { org, key }, body: input }),
    onSuccess: () => {
      setConfirming(false);
      setSaved(true);
      router.refresh();
    },
    onError: () => setSaved(false),
  });
  const cancel = useCallback(() => setConfirming(false), []);
  const fieldError = (field: string) => (change.error instanceof ApiError && change.error.field === field ? change.error.message : null);
  const otherError = change.error && !(change.error instanceof ApiError && change.error.field?.startsWith("settings.")) ? change.error.message : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    change.mutate({ enabled: automation.enabled, settings: settings() });
  };
  const toggle = () => {
    setSaved(false);
    if (automation.enabled) setConfirming(true);
    else change.mutate({ enabled: true, settings: settings() });
  };
  const toggleTarget = (from: Network, to: Network) =>
    setTargets((cur) => {
      const list = cur[from] ?? [];
      return { ...cur, [from]: list.includes(to) ? list.filter((n) => n !== to) : [...list, to] };
    });

  const label = t(`items.${key}.label`);
  const hasSettings = key === "instagram_welcome_dm" || key === "auto_reposter";
  return (
    <Card data-testid={`automation-${key}`} className={blocked ? "min-w-0 bg-slate-50" : "min-w-0"}>
      <CardBody className="space-y-4">
        <div className="flex items-start justify-between gap-4">
          <div className="min-w-0 space-y-1">
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="text-sm font-semibold text-slate-900">{label}</h2>
              <Badge tone={TONE[automation.compliance]}>{t(`compliance.${automation.compliance}`)}</Badge>
              {automation.enabled ? <Badge tone="green">{t("on")}</Badge> : <Badge>{t("off")}</Badge>}
            </div>
            <p className="text-sm text-slate-600">{t(`items.${key}.description`)}</p>
          </div>
          <button
            type="button"
            role="switch"
            aria-checked={automation.enabled}
            aria-label={t(automation.enabled ? "switchOff" : "switchOn", { name: label })}
            title={blocked ? t("blockedHint") : undefined}
            disabled={!canManage || blocked || change.isPending}
            onClick={toggle}
            data-testid="automation-toggle"
            className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50 ${automation.enabled ? "bg-emerald-600" : "bg-slate-300"}`}
          >
            <span className={`inline-block h-5 w-5 rounded-full bg-white shadow transition ${automation.enabled ? "translate-x-5" : "translate-x-0.5"}`} />
          </button>
        </div>
        <ul className="flex flex-wrap gap-1.5" aria-label={t("notes")}>
          {(t.raw(`items.${key}.notes`) as string[]).map((n) => (
            <li key={n} className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
              {n}
            </li>
          ))}
        </ul>
        {hasSettings && canManage ? (
          <form onSubmit={submit} className="space-y-4" noValidate>
            {key === "instagram_welcome_dm" ? (
              <Field label={t("welcomeText")} htmlFor={`welcome-${org}`} error={fieldError("settings.welcomeText")} hint={t("welcomeTextHint")}>
                <textarea
                  id={`welcome-${org}`}
                  value={welcomeText}
                  maxLength={1000}
                  rows={3}
                  onChange={(e) => setWelcomeText(e.target.value)}
                  aria-invalid={fieldError("settings.welcomeText") ? true : undefined}
                  className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-[invalid=true]:border-red-500"
                  data-testid="automation-welcome-text"
                />
              </Field>
            ) : null}
            {key === "auto_reposter" ? (
              <>
                <fieldset className="min-w-0 space-y-2">
                  <legend className="text-sm font-medium text-slate-700">{t("routes")}</legend>
                  <p className="text-xs text-slate-500">{t("routesHint")}</p>
                  <div className="overflow-x-auto">
                    <table className="text-sm">
                      <thead>
                        <tr>
                          <th className="py-1 pr-3 text-left text-xs font-medium text-slate-500">{t("from")}</th>
                          {REPOST_NETWORKS.map((to) => (
                            <th key={to} className="px-1.5 py-1 text-xs font-medium text-slate-500">
                              {t(`networks.${to}`)}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {REPOST_NETWORKS.map((from) => (
                          <tr key={from}>
                            <th scope="row" className="py-1 pr-3 text-left text-xs font-medium text-slate-700">
                              {t(`networks.${from}`)}
                            </th>
                            {REPOST_NETWORKS.map((to) => (
                              <td key={to} className="px-1.5 py-1 text-center">
                                {from === to ? (
                                  <span className="text-slate-300">—</span>
                                ) : (
                                  <input
                                    type="checkbox"
                                    className="h-4 w-4 rounded border-slate-300"
                                    checked={targets[from]?.includes(to) ?? false}
                                    onChange={() => toggleTarget(from, to)}
                                    aria-label={t("route", { from: t(`networks.${from}`), to: t(`networks.${to}`) })}
                                    data-testid={`route-${from}-${to}`}
                                  />
                                )}
                              </td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </fieldset>
                <Field label={t("delayHours")} htmlFor={`delay-${org}`} error={fieldError("settings.delayHours")} hint={t("delayHoursHint")}>
                  <Input id={`delay-${org}`} type="number" inputMode="numeric" min={1} max={168} value={delayHours} onChange={(e) => setDelayHours(e.target.value)} className="w-28" data-testid="automation-delay" />
                </Field>
              </>
            ) : null}
            <FormSaveBar label={t("save")} pending={change.isPending} saved={saved ? t("saved") : null} error={confirming ? null : otherError} testId={`automation-save-${key}`} errorTestId="automation-error" />
          </form>
        ) : !hasSettings && otherError ? (
          <p className="text-sm text-red-600" role="alert">
            {otherError}
          </p>
        ) : null}
      </CardBody>
      {confirming ? (
        <ConfirmDialog
          title={t("confirmTitle", { name: label })}
          body={t("confirmBody")}
          confirmLabel={t("confirm")}
          cancelLabel={t("cancel")}
          pending={change.isPending}
          error={change.error?.message ?? null}
          onConfirm={() => change.mutate({ enabled: false })}
          onCancel={cancel}
        />
      ) : null}
    </Card>
  );
}
