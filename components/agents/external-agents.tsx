"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CopyField } from "@/components/leads/copy-field";
import { RenewSecret } from "@/components/leads/renew-secret";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { callApi } from "@/lib/api/client";
import { rotateExternalAgentsSecretEndpoint, type ExternalAgentsSettingsDto } from "@/lib/agents/contracts";

/** Agents running elsewhere (n8n, a script): the two URLs, the signing secret (hidden until shown), renewing it after a warning, and what a delivery looks like. */
export function ExternalAgents({ org, initial }: { org: string; initial: ExternalAgentsSettingsDto }) {
  const t = useTranslations("agents.external");
  const [settings, setSettings] = useState(initial);
  const rotate = useMutation({
    mutationFn: () => callApi(rotateExternalAgentsSecretEndpoint, { params: { org } }),
    onSuccess: (next) => setSettings(next),
  });
  const example = `POST ${settings.executionUrl}
webhook-id: run-2026-12-04-001
webhook-timestamp: <unix seconds>
webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">

{"agent": "MKT-303", "executionId": "run-2026-12-04-001", "status": "SUCCESS", "durationMs": 5400}`;
  return (
    <Card data-testid="external-agents">
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody className="space-y-4">
        <CopyField label={t("executionUrl")} value={settings.executionUrl} testId="external-execution-url" />
        <CopyField label={t("errorUrl")} value={settings.errorUrl} testId="external-error-url" />
        <CopyField label={t("secret")} value={settings.secret} hidden testId="external-secret" />
        <RenewSecret
          label={t("renew")}
          warning={t("renewWarning")}
          confirmLabel={t("renewConfirm")}
          onRenew={() => rotate.mutateAsync()}
          pending={rotate.isPending}
          error={rotate.error?.message ?? null}
          testId="external-renew"
        />
        <details>
          <summary className="cursor-pointer text-sm text-slate-600">{t("example")}</summary>
          <p className="mt-2 text-sm text-slate-600">{t("exampleHint")}</p>
          <pre className="mt-2 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{example}</pre>
        </details>
      </CardBody>
    </Card>
  );
}
