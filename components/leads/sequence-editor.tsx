"use client";

import { useMutation } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { createSequenceEndpoint, updateSequenceEndpoint, type SequenceDto } from "@/lib/leads/contracts";
import { MAX_STEPS, SEQUENCE_STATUSES, SEQUENCE_TIERS, STEP_CHANNELS, STEP_MODES, type SequenceInput } from "@/lib/leads/nurture/schemas";

type Step = SequenceInput["steps"][number];
type Unit = "minutes" | "hours" | "days";
const UNIT_MINUTES: Record<Unit, number> = { minutes: 1, hours: 60, days: 1440 };
const unitOf = (m: number): Unit => (m > 0 && m % 1440 === 0 ? "days" : m > 0 && m % 60 === 0 ? "hours" : m === 0 ? "days" : "minutes");
const textarea = "block w-full rounded-md border border-slate-300 bg-white p-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-500";

const blankStep = (): Step => ({ channel: "EMAIL", mode: "AI", delayMinutes: 3 * 1440, subject: "", body: "", whatsappTemplateName: "" });

/**
 * The sequence editor (MKT-303): name, tier, status, the owner-only auto-approve rule, and the steps
 * (channel, delay, template or AI brief) in order. The server validates (422 naming the field, shown
 * beside it; 403 for auto-approve when not an owner); nothing is saved until "Save".
 */
export function SequenceEditor({ org, sequence, isOwner }: { org: string; sequence: SequenceDto | null; isOwner: boolean }) {
  const t = useTranslations("leads.sequences");
  const router = useRouter();
  const [name, setName] = useState(sequence?.name ?? "");
  const [description, setDescription] = useState(sequence?.description ?? "");
  const [targetTier, setTargetTier] = useState<SequenceInput["targetTier"]>(sequence ? sequence.targetTier : "WARM");
  const [status, setStatus] = useState<SequenceInput["status"]>(sequence?.status ?? "DRAFT");
  const [autoApprove, setAutoApprove] = useState(sequence?.autoApprove ?? false);
  const [steps, setSteps] = useState<Step[]>(sequence ? sequence.steps.map((s) => ({ channel: s.channel, mode: s.mode, delayMinutes: s.delayMinutes, subject: s.subject ?? "", body: s.body, whatsappTemplateName: s.whatsappTemplateName ?? "" })) : [{ ...blankStep(), delayMinutes: 0 }]);
  const [units, setUnits] = useState<Unit[]>(() => steps.map((s) => unitOf(s.delayMinutes)));

  const save = useMutation({
    mutationFn: () => {
      const body: SequenceInput = { name, description: description || null, targetTier, status, autoApprove, steps: steps.map((s) => ({ ...s, subject: s.subject || null, whatsappTemplateName: s.whatsappTemplateName || null })) };
      return sequence ? callApi(updateSequenceEndpoint, { params: { org, id: sequence.id }, body }) : callApi(createSequenceEndpoint, { params: { org }, body });
    },
    onSuccess: (res) => {
      if (!sequence) router.push(`/${org}/leads/sequences/${res.sequence.id}`);
      router.refresh();
    },
  });
  const errorField = save.error?.field;
  const errorFor = (field: string) => (errorField === field ? save.error!.message : null);

  const update = (i: number, patch: Partial<Step>) => setSteps((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, by: number) => {
    const swap = <T,>(list: T[]) => {
      const next = [...list];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    };
    setSteps(swap);
    setUnits(swap);
  };
  const remove = (i: number) => {
    setSteps((all) => all.filter((_, j) => j !== i));
    setUnits((all) => all.filter((_, j) => j !== i));
  };
  const add = () => {
    setSteps((all) => [...all, blankStep()]);
    setUnits((all) => [...all, "days"]);
  };

  return (
    <form
      className="space-y-4"
      data-testid="sequence-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Card>
        <CardHeader title={t("settings")} />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Field label={t("name")} htmlFor="seq-name" error={errorFor("name")}>
            <Input id="seq-name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} aria-invalid={errorField === "name"} data-testid="sequence-name" />
          </Field>
          <Field label={t("tier")} htmlFor="seq-tier" error={errorFor("targetTier")}>
            <Select id="seq-tier" value={targetTier ?? ""} onChange={(e) => setTargetTier((e.target.value || null) as SequenceInput["targetTier"])}>
              <option value="">{t("tierAny")}</option>
              {SEQUENCE_TIERS.map((v) => (
                <option key={v} value={v}>
                  {t(`tierValue.${v}`)}
                </option>
              ))}
            </Select>
          </Field>
          <div className="sm:col-span-2">
            <Field label={t("descriptionLabel")} htmlFor="seq-description" error={errorFor("description")}>
              <textarea id="seq-description" className={textarea} rows={2} maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />
            </Field>
          </div>
          <Field label={t("status")} htmlFor="seq-status" error={errorFor("status")}>
            <Select id="seq-status" value={status} onChange={(e) => setStatus(e.target.value as SequenceInput["status"])} data-testid="sequence-status">
              {SEQUENCE_STATUSES.map((v) => (
                <option key={v} value={v}>
                  {t(`statusValue.${v}`)}
                </option>
              ))}
            </Select>
          </Field>
          <div className="space-y-1.5">
            <label className="flex items-start gap-2 text-sm font-medium text-slate-700">
              <input type="checkbox" className="mt-0.5 h-4 w-4" checked={autoApprove} disabled={!isOwner} onChange={(e) => setAutoApprove(e.target.checked)} data-testid="sequence-auto-approve" />
              <span>{t("autoApprove")}</span>
            </label>
            <p className="text-xs text-slate-500">{isOwner ? t("autoApproveHint") : t("autoApproveOwnerOnly")}</p>
            {errorFor("autoApprove") ? <p className="text-sm text-red-600" role="alert">{errorFor("autoApprove")}</p> : null}
          </div>
        </CardBody>
      </Card>

      <ol className="space-y-3" data-testid="sequence-steps">
        {steps.map((s, i) => {
          const f = (k: string) => `steps.${i}.${k}`;
          return (
            <li key={i}>
              <Card data-testid={`sequence-step-${i}`}>
                <CardHeader
                  title={t("step", { n: i + 1 })}
                  action={
                    <div className="flex gap-1">
                      <Button type="button" variant="ghost" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t("moveUp")}>
                        <ArrowUp className="h-4 w-4" aria-hidden />
                      </Button>
                      <Button type="button" variant="ghost" onClick={() => move(i, 1)} disabled={i === steps.length - 1} aria-label={t("moveDown")}>
                        <ArrowDown className="h-4 w-4" aria-hidden />
                      </Button>
                      <Button type="button" variant="ghost" onClick={() => remove(i)} disabled={steps.length === 1} aria-label={t("removeStep")}>
                        <Trash2 className="h-4 w-4" aria-hidden />
                      </Button>
                    </div>
                  }
                />
                <CardBody className="grid gap-3 sm:grid-cols-3">
                  <Field label={t("channel")} htmlFor={f("channel")} error={errorFor(f("channel"))}>
                    <Select id={f("channel")} value={s.channel} onChange={(e) => update(i, { channel: e.target.value as Step["channel"] })}>
                      {STEP_CHANNELS.map((v) => (
                        <option key={v} value={v}>
                          {t(`channelValue.${v}`)}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Field label={t("mode")} htmlFor={f("mode")} error={errorFor(f("mode"))}>
                    <Select id={f("mode")} value={s.mode} onChange={(e) => update(i, { mode: e.target.value as Step["mode"] })}>
                      {STEP_MODES.map((v) => (
                        <option key={v} value={v}>
                          {t(`modeValue.${v}`)}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Field label={i === 0 ? t("delayFirst") : t("delay")} htmlFor={f("delayMinutes")} error={errorFor(f("delayMinutes"))}>
                    <div className="flex gap-2">
                      <Input
                        id={f("delayMinutes")}
                        type="number"
                        min={0}
                        inputMode="numeric"
                        className="min-w-0"
                        value={String(s.delayMinutes / UNIT_MINUTES[units[i] ?? "days"])}
                        onChange={(e) => update(i, { delayMinutes: Math.round(Number(e.target.value) * UNIT_MINUTES[units[i] ?? "days"]) })}
                        aria-invalid={errorField === f("delayMinutes")}
                        data-testid={`step-delay-${i}`}
                      />
                      <Select aria-label={t("unit")} className="w-28 shrink-0" value={units[i] ?? "days"} onChange={(e) => setUnits((all) => all.map((u, j) => (j === i ? (e.target.value as Unit) : u)))}>
                        {(["minutes", "hours", "days"] as const).map((u) => (
                          <option key={u} value={u}>
                            {t(`unitValue.${u}`)}
                          </option>
                        ))}
                      </Select>
                    </div>
                  </Field>
                  {s.channel === "EMAIL" ? (
                    <div className="sm:col-span-3">
                      <Field label={s.mode === "AI" ? t("subjectIdea") : t("subject")} htmlFor={f("subject")} error={errorFor(f("subject"))}>
                        <Input id={f("subject")} value={s.subject ?? ""} maxLength={200} onChange={(e) => update(i, { subject: e.target.value })} />
                      </Field>
                    </div>
                  ) : (
                    <div className="sm:col-span-3">
                      <Field label={t("whatsappTemplate")} htmlFor={f("whatsappTemplateName")} error={errorFor(f("whatsappTemplateName"))} hint={t("whatsappTemplateHint")}>
                        <Input id={f("whatsappTemplateName")} value={s.whatsappTemplateName ?? ""} maxLength={120} onChange={(e) => update(i, { whatsappTemplateName: e.target.value })} />
                      </Field>
                    </div>
                  )}
                  <div className="sm:col-span-3">
                    <Field label={s.mode === "AI" ? t("prompt") : t("template")} htmlFor={f("body")} error={errorFor(f("body"))} hint={s.mode === "AI" ? t("promptHint") : t("templateHint")}>
                      <textarea id={f("body")} className={textarea} rows={4} maxLength={5000} value={s.body} onChange={(e) => update(i, { body: e.target.value })} aria-invalid={errorField === f("body")} data-testid={`step-body-${i}`} />
                    </Field>
                  </div>
                </CardBody>
              </Card>
            </li>
          );
        })}
      </ol>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={add} disabled={steps.length >= MAX_STEPS} data-testid="sequence-add-step">
          <Plus className="h-4 w-4" aria-hidden /> {t("addStep")}
        </Button>
        <Button type="submit" disabled={save.isPending} data-testid="sequence-save">
          {t("save")}
        </Button>
        {save.isSuccess ? (
          <span className="text-sm text-emerald-700" role="status">
            {t("saved")}
          </span>
        ) : null}
        {save.error && !errorField?.match(/^(name|targetTier|description|status|autoApprove|steps\.\d+\.\w+)$/) ? (
          <span className="text-sm text-red-600" role="alert" data-testid="sequence-error">
            {save.error.message}
          </span>
        ) : null}
      </div>
    </form>
  );
}
