"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { rotateConversionSecretEndpoint, updateAttributionSettingsEndpoint } from "@/lib/leads/conversions/contracts";
import { ATTRIBUTION_MODELS, type AttributionModel } from "@/lib/leads/conversions/schemas";
import { CopyField } from "./copy-field";
import { RenewSecret } from "./renew-secret";

type Props = { org: string; initial: { secret: string; rotatedAt: string | null; url: string; model: AttributionModel } };

/** Lead sources settings: the conversion webhook (URL, whsec_ secret with copy, rotate after a confirmation) and the attribution model. */
export function ConversionSettings({ org, initial }: Props) {
  const t = useTranslations("leads.conversions.settings");
  const tm = useTranslations("leads.conversions.model");
  const tc = useTranslations("common");
  const format = useFormatter();
  const [secret, setSecret] = useState({ secret: initial.secret, rotatedAt: initial.rotatedAt });
  const [model, setModel] = useState<AttributionModel>(initial.model);
  const rotate = useMutation({
    mutationFn: () => callApi(rotateConversionSecretEndpoint, { params: { org } }),
    onSuccess: (res) => setSecret({ secret: res.secret, rotatedAt: res.rotatedAt }),
  });
  const save = useMutation({ mutationFn: (m: AttributionModel) => callApi(updateAttributionSettingsEndpoint, { params: { org }, body: { model: m } }) });
  const example = `{ "order_id": "CMD-1042", "email": "awa@example.sn", "value": 250000, "currency": "XOF" }`;
  return (
    <div className="space-y-6">
      <Card data-testid="conversion-webhook">
        <CardHeader title={t("title")} description={t("description")} />
        <CardBody className="space-y-4">
          <CopyField label={t("url")} value={initial.url} testId="conversion-url" />
          <CopyField label={t("secret")} value={secret.secret} hidden testId="conversion-secret" />
          <p className="text-xs text-slate-500">
            {secret.rotatedAt
              ? t("rotatedAt", { date: format.dateTime(new Date(secret.rotatedAt), { dateStyle: "medium", timeStyle: "short" }) })
              : t("neverRotated")}
          </p>
          <div className="rounded-lg bg-slate-50 p-3 text-sm text-slate-700">
            <p>{t("howTo")}</p>
            <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs">{example}</pre>
          </div>
          <RenewSecret
            label={t("rotate")}
            warning={t("rotateWarning")}
            confirmLabel={t("rotateConfirm")}
            onRenew={() => rotate.mutateAsync()}
            pending={rotate.isPending}
            error={rotate.error?.message ?? null}
            testId="rotate-secret"
          />
        </CardBody>
      </Card>
      <Card data-testid="attribution-model">
        <CardHeader title={t("modelTitle")} description={t("modelDescription")} />
        <CardBody>
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(model);
            }}
          >
            <div className="min-w-0 flex-1 sm:max-w-sm">
              <Field label={t("model")} htmlFor="attribution-model-select" hint={tm(`help.${model}`)}>
                <Select id="attribution-model-select" value={model} onChange={(e) => setModel(e.target.value as AttributionModel)}>
                  {ATTRIBUTION_MODELS.map((m) => (
                    <option key={m} value={m}>
                      {tm(`name.${m}`)}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Button type="submit" disabled={save.isPending}>
              {tc("save")}
            </Button>
            {save.isSuccess ? (
              <span className="text-sm text-emerald-700" role="status">
                {t("modelSaved")}
              </span>
            ) : null}
            {save.error ? (
              <span className="text-sm text-red-600" role="alert">
                {save.error.message}
              </span>
            ) : null}
          </form>
        </CardBody>
      </Card>
    </div>
  );
}
