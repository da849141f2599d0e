"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { ApiError, callApi } from "@/lib/api/client";
import { rollbackAgentConfigEndpoint, updateAgentConfigEndpoint } from "@/lib/agents/contracts";
import { AgentConfigDiff } from "./config-diff";
import { agentKeys } from "./query-keys";

type Prop = { type?: string; enum?: unknown[]; items?: { enum?: unknown[] }; minimum?: number; maximum?: number; "ui:title"?: string; "ui:widget"?: string };
type Version = { version: number; reason: string; createdAt: string; config: Record<string, unknown> };

/**
 * The configuration form, generated from the template's JSON Schema (`properties` with their `ui:*`
 * hints); the server checks the same schema and names the field it refuses.
 */
export function AgentConfigForm(props: {
  org: string;
  agentId: string;
  schema: Record<string, unknown>;
  config: Record<string, unknown>;
  version: number;
  versions: Version[];
  canEdit: boolean;
}) {
  const t = useTranslations("agents.config");
  const tf = useTranslations("agents.fields");
  const format = useFormatter();
  const router = useRouter();
  const qc = useQueryClient();
  // A new version shows in the page (server-rendered) and in the agent's logs (queries under the agent's key).
  const refresh = () => {
    router.refresh();
    void qc.invalidateQueries({ queryKey: agentKeys.agent(props.org, props.agentId) });
  };
  const properties = (props.schema.properties ?? {}) as Record<string, Prop>;
  const [values, setValues] = useState<Record<string, unknown>>(props.config);
  const save = useMutation({
    mutationFn: () => callApi(updateAgentConfigEndpoint, { params: { org: props.org, id: props.agentId }, body: { config: values } }),
    onSuccess: refresh,
  });
  const rollback = useMutation({
    mutationFn: (version: number) => callApi(rollbackAgentConfigEndpoint, { params: { org: props.org, id: props.agentId }, body: { version } }),
    onSuccess: (r) => {
      setValues(r.config);
      refresh();
    },
  });
  const fieldError = save.error instanceof ApiError ? save.error.field : undefined;
  const label = (name: string, p: Prop) => (tf.has(name) ? tf(name) : (p["ui:title"] ?? name));
  const set = (name: string, v: unknown) => setValues((s) => ({ ...s, [name]: v }));
  const names = Object.keys(properties);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <div className="space-y-4">
      {names.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="config-empty">
          {t("nothing")}
        </p>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4" data-testid="agent-config-form" noValidate>
          {names.map((name) => {
            const p = properties[name]!;
            const id = `cfg-${name}`;
            const invalid = fieldError === `config.${name}`;
            const err = invalid ? (
              <p className="mt-1 text-xs text-red-600" role="alert">
                {save.error?.message}
              </p>
            ) : null;
            if (p.type === "boolean") {
              return (
                <div key={name}>
                  <label htmlFor={id} className="flex items-center gap-2 text-sm text-slate-800">
                    <input
                      id={id}
                      type="checkbox"
                      className="h-4 w-4"
                      checked={Boolean(values[name])}
                      disabled={!props.canEdit}
                      onChange={(e) => set(name, e.target.checked)}
                    />
                    {label(name, p)}
                  </label>
                  {err}
                </div>
              );
            }
            if (p.type === "array" && p.items?.enum) {
              const chosen = new Set((values[name] as unknown[] | undefined) ?? []);
              return (
                <fieldset key={name}>
                  <legend className="text-sm font-medium text-slate-700">{label(name, p)}</legend>
                  <div className="mt-1 flex flex-wrap gap-3">
                    {p.items.enum.map((v) => (
                      <label key={String(v)} className="flex items-center gap-1.5 text-sm text-slate-700">
                        <input
                          type="checkbox"
                          className="h-4 w-4"
                          checked={chosen.has(v)}
                          disabled={!props.canEdit}
                          onChange={(e) => set(name, e.target.checked ? [...chosen, v] : [...chosen].filter((x) => x !== v))}
                        />
                        {tf.has(`values.${String(v)}`) ? tf(`values.${String(v)}`) : String(v)}
                      </label>
                    ))}
                  </div>
                  {err}
                </fieldset>
              );
            }
            return (
              <div key={name}>
                <label htmlFor={id} className="block text-sm font-medium text-slate-700">
                  {label(name, p)}
                </label>
                {p.enum ? (
                  <Select
                    id={id}
                    value={String(values[name] ?? "")}
                    disabled={!props.canEdit}
                    onChange={(e) => set(name, e.target.value)}
                    aria-invalid={invalid}
                  >
                    {p.enum.map((v) => (
                      <option key={String(v)} value={String(v)}>
                        {tf.has(`values.${String(v)}`) ? tf(`values.${String(v)}`) : String(v)}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Input
                    id={id}
                    name={name}
                    type="number"
                    inputMode="decimal"
                    step={p.type === "integer" ? 1 : "any"}
                    min={p.minimum}
                    max={p.maximum}
                    value={values[name] === undefined || values[name] === null ? "" : String(values[name])}
                    disabled={!props.canEdit}
                    aria-invalid={invalid}
                    onChange={(e) => set(name, e.target.value === "" ? undefined : Number(e.target.value))}
                    data-testid={`cfg-${name}`}
                  />
                )}
                {p.minimum !== undefined && p.maximum !== undefined ? (
                  <p className="mt-0.5 text-xs text-slate-500">{t("range", { min: p.minimum, max: p.maximum })}</p>
                ) : null}
                {err}
              </div>
            );
          })}
          {props.canEdit ? (
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" disabled={save.isPending} data-testid="config-save">
                {save.isPending ? t("saving") : t("save")}
              </Button>
              {save.isSuccess ? (
                <span className="text-sm text-emerald-700" role="status" data-testid="config-saved">
                  {t("saved", { version: save.data.version })}
                </span>
              ) : null}
              {save.error && !fieldError ? (
                <span className="text-sm text-red-600" role="alert">
                  {save.error.message}
                </span>
              ) : null}
            </div>
          ) : (
            <p className="text-xs text-slate-500">{t("readOnly")}</p>
          )}
        </form>
      )}
      <div>
        <h3 className="text-sm font-semibold text-slate-700">{t("versions")}</h3>
        <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="config-versions">
          {props.versions.map((v) => (
            <li key={v.version} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
              <span>
                <span className="font-medium">v{v.version}</span> ·{" "}
                {t(`reason.${v.reason.startsWith("rollback:") ? "rollback" : v.reason === "install" ? "install" : "edit"}`, {
                  version: v.reason.split(":")[1] ?? "",
                })}{" "}
                · <time dateTime={v.createdAt}>{format.dateTime(new Date(v.createdAt), { dateStyle: "short", timeStyle: "short" })}</time>
                {v.version === props.version ? <span className="ml-2 text-xs text-emerald-700">{t("current")}</span> : null}
              </span>
              {props.canEdit && v.version !== props.version ? (
                <Button type="button" variant="ghost" onClick={() => rollback.mutate(v.version)} disabled={rollback.isPending}>
                  {t("rollback", { version: v.version })}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
        {rollback.error ? (
          <p className="text-xs text-red-600" role="alert">
            {rollback.error.message}
          </p>
        ) : null}
      </div>
      <AgentConfigDiff key={props.version} versions={props.versions} current={props.version} order={names} label={(f) => (properties[f] ? label(f, properties[f]) : f)} />
    </div>
  );
}
