"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { getBookingSettingsEndpoint, saveCalcomSettingsEndpoint, saveWorkingHoursEndpoint } from "@/lib/leads/booking/contracts";
import type { BookingSettingsDto } from "@/lib/leads/booking/schemas";
import { settingsKeys } from "./query-keys";

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const minutes = (v: string) => {
  const [h, m] = v.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function WorkingHoursForm({ org, settings }: { org: string; settings: BookingSettingsDto }) {
  const t = useTranslations("settings.booking");
  const qc = useQueryClient();
  const [days, setDays] = useState<number[]>(settings.workingHours.days);
  const [start, setStart] = useState(hhmm(settings.workingHours.startMinute));
  const [end, setEnd] = useState(hhmm(settings.workingHours.endMinute));
  const [timezone, setTimezone] = useState(settings.workingHours.timezone);
  const save = useMutation({
    mutationFn: () => callApi(saveWorkingHoursEndpoint, { params: { org }, body: { days, startMinute: minutes(start), endMinute: minutes(end), timezone } }),
    onSuccess: (res) => qc.setQueryData(settingsKeys.booking(org), res),
  });
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      data-testid="working-hours-form"
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">{t("days")}</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {DAYS.map((d) => (
            <label key={d} className={`flex cursor-pointer items-center gap-1.5 rounded-md border px-2.5 py-1.5 text-sm ${days.includes(d) ? "border-brand-600 bg-brand-50 text-brand-800" : "border-slate-300 text-slate-600"}`}>
              <input type="checkbox" className="h-4 w-4" checked={days.includes(d)} onChange={(e) => setDays((cur) => (e.target.checked ? [...cur, d].sort() : cur.filter((x) => x !== d)))} />
              {t(`day.${d}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-cols-2 gap-3 sm:max-w-md">
        <Field label={t("start")} htmlFor="wh-start">
          <Input id="wh-start" type="time" step={1800} value={start} onChange={(e) => setStart(e.target.value)} required />
        </Field>
        <Field label={t("end")} htmlFor="wh-end" error={save.error?.field === "endMinute" ? save.error.message : undefined}>
          <Input id="wh-end" type="time" step={1800} value={end} onChange={(e) => setEnd(e.target.value)} required />
        </Field>
      </div>
      <div className="sm:max-w-md">
        <Field label={t("timezone")} htmlFor="wh-tz" error={save.error?.field === "timezone" ? save.error.message : undefined}>
          <Input id="wh-tz" value={timezone} onChange={(e) => setTimezone(e.target.value)} required maxLength={64} placeholder="Europe/Paris" />
        </Field>
      </div>
      {save.error && !["endMinute", "timezone"].includes(save.error.field ?? "") ? <p role="alert" className="text-sm text-red-600">{save.error.message || t("error")}</p> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.isPending || days.length === 0} data-testid="working-hours-save">
          {t("save")}
        </Button>
        {save.isSuccess ? <span role="status" className="text-sm text-emerald-700">{t("saved")}</span> : null}
      </div>
    </form>
  );
}

function CalcomForm({ org, settings }: { org: string; settings: BookingSettingsDto }) {
  const t = useTranslations("settings.booking");
  const qc = useQueryClient();
  const [apiKey, setApiKey] = useState("");
  const [eventTypeId, setEventTypeId] = useState(settings.calcom.eventTypeId ? String(settings.calcom.eventTypeId) : "");
  const save = useMutation({
    mutationFn: (body: { apiKey?: string; eventTypeId?: number | null; rotateWebhookSecret?: boolean }) => callApi(saveCalcomSettingsEndpoint, { params: { org }, body }),
    onSuccess: (res) => {
      setApiKey("");
      qc.setQueryData(settingsKeys.booking(org), res);
    },
  });
  const c = settings.calcom;
  return (
    <div className="space-y-5">
      <Badge tone={c.configured ? "green" : "gray"}>{c.configured ? t("configured") : t("notConfigured")}</Badge>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}), eventTypeId: eventTypeId.trim() ? Number(eventTypeId) : null });
        }}
        data-testid="calcom-form"
      >
        <div className="grid gap-3 sm:max-w-xl sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <Field label={t("apiKey")} htmlFor="cal-key" hint={c.hasApiKey ? t("apiKeySet") : undefined} error={save.error?.field === "apiKey" ? save.error.message : undefined}>
            <Input id="cal-key" type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} placeholder="cal_live_…" />
          </Field>
          <Field label={t("eventTypeId")} htmlFor="cal-event" error={save.error?.field === "eventTypeId" ? save.error.message : undefined}>
            <Input id="cal-event" inputMode="numeric" pattern="[0-9]*" value={eventTypeId} onChange={(e) => setEventTypeId(e.target.value)} />
          </Field>
        </div>
        {save.error && !["apiKey", "eventTypeId"].includes(save.error.field ?? "") ? <p role="alert" className="text-sm text-red-600">{save.error.message || t("error")}</p> : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={save.isPending} data-testid="calcom-save">
            {t("calSave")}
          </Button>
          {c.hasApiKey ? (
            <Button type="button" variant="secondary" disabled={save.isPending} onClick={() => save.mutate({ apiKey: "" })}>
              {t("removeKey")}
            </Button>
          ) : null}
          {save.isSuccess ? <span role="status" className="text-sm text-emerald-700">{t("saved")}</span> : null}
        </div>
      </form>
      <div className="space-y-3 border-t border-slate-100 pt-4">
        <div className="space-y-1">
          <p className="text-sm font-medium text-slate-700">{t("webhookUrl")}</p>
          <div className="flex min-w-0 items-center gap-2">
            <code className="min-w-0 flex-1 truncate rounded bg-slate-50 px-2 py-1.5 font-mono text-xs" data-testid="cal-webhook-url">
              {c.webhookUrl}
            </code>
            {c.webhookUrl ? <CopyButton value={c.webhookUrl} testId="copy-cal-webhook-url" /> : null}
          </div>
        </div>
        <div className="space-y-1">
          <p className="text-sm font-medium text-slate-700">{t("webhookSecret")}</p>
          {c.webhookSecret ? (
            <div className="flex min-w-0 items-center gap-2">
              <code className="min-w-0 flex-1 truncate rounded bg-slate-50 px-2 py-1.5 font-mono text-xs" data-testid="cal-webhook-secret">
                {c.webhookSecret}
              </code>
              <CopyButton value={c.webhookSecret} testId="copy-cal-webhook-secret" />
              <Button type="button" variant="ghost" className="shrink-0" disabled={save.isPending} onClick={() => save.mutate({ rotateWebhookSecret: true })}>
                {t("rotate")}
              </Button>
            </div>
          ) : (
            <p className="text-xs text-slate-500">{t("noSecret")}</p>
          )}
        </div>
      </div>
    </div>
  );
}

/** Settings -> Booking: my working hours (built-in availability) and, for owners and admins, Cal.com. */
export function BookingSettings({ org, canManage }: { org: string; canManage: boolean }) {
  const t = useTranslations("settings.booking");
  const tc = useTranslations("common");
  const q = useQuery({ queryKey: settingsKeys.booking(org), queryFn: () => callApi(getBookingSettingsEndpoint, { params: { org } }) });
  if (q.isLoading) return <p className="text-sm text-slate-500">{tc("loading")}</p>;
  if (q.isError || !q.data) return <p role="alert" className="text-sm text-red-600">{tc("errorGeneric")}</p>;
  const settings = q.data.settings;
  return (
    <div className="space-y-6" data-testid="booking-settings">
      <Card>
        <CardHeader title={t("hoursTitle")} description={t("hoursHelp")} />
        <CardBody>
          <WorkingHoursForm key={JSON.stringify(settings.workingHours)} org={org} settings={settings} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("calTitle")} description={t("calHelp")} />
        <CardBody>{canManage ? <CalcomForm org={org} settings={settings} /> : <p className="text-sm text-slate-500">{t("adminOnly")}</p>}</CardBody>
      </Card>
    </div>
  );
}
