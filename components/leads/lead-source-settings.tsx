"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Send } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { rotateGoogleLeadKeyEndpoint, sendTestLeadEndpoint, type LeadSourceSettingsDto } from "@/lib/leads/contracts";
import { TEST_LEAD_SOURCES, type TestLeadSource } from "@/lib/leads/schemas";
import { CopyField } from "./copy-field";
import { RenewSecret } from "./renew-secret";

type Account = LeadSourceSettingsDto["tiktok"]["accounts"][number];

/** A server setting's name, shown as code (it is typed as is, in every language). */
const envName = (chunks: React.ReactNode) => <code className="rounded bg-slate-100 px-1 font-mono text-xs">{chunks}</code>;

function Status({ ok, children }: { ok: boolean; children: React.ReactNode }) {
  return (
    <li className="flex items-start gap-2 text-sm text-slate-700">
      <Badge tone={ok ? "green" : "amber"} className="shrink-0">
        {ok ? "✓" : "!"}
      </Badge>
      <span className="min-w-0">{children}</span>
    </li>
  );
}

function Accounts({ accounts, empty, org }: { accounts: Account[]; empty: string; org: string }) {
  const t = useTranslations("leads.sources");
  if (accounts.length === 0)
    return (
      <p className="text-sm text-slate-500">
        {empty}{" "}
        <Link href={`/${org}/settings/connections`} className="font-medium text-brand-700 underline">
          {t("connect")}
        </Link>
      </p>
    );
  return (
    <ul className="space-y-1 text-sm text-slate-700">
      {accounts.map((a) => (
        <li key={a.externalId} className="break-all">
          <span data-user-content>{a.name}</span> <code className="font-mono text-xs text-slate-500">{a.externalId}</code>
          {a.sandbox ? (
            <Badge tone="violet" className="ml-2">
              {t("sandbox")}
            </Badge>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Settings -> Lead sources: every lead webhook with what its sender needs (URL, key or signature, copy, renew) and "Send a test lead". */
export function LeadSourceSettings({ org, initial }: { org: string; initial: LeadSourceSettingsDto }) {
  const t = useTranslations("leads.sources");
  const format = useFormatter();
  const [google, setGoogle] = useState(initial.google);
  const rotate = useMutation({
    mutationFn: () => callApi(rotateGoogleLeadKeyEndpoint, { params: { org } }),
    onSuccess: (res) => setGoogle((g) => ({ ...g, key: res.key, rotatedAt: res.rotatedAt })),
  });
  const tiktokReady = initial.tiktok.accounts.length > 0 && initial.tiktok.signing !== "missing";
  const [source, setSource] = useState<TestLeadSource>(tiktokReady ? "tiktok" : "google_ads");
  const test = useMutation({ mutationFn: (s: TestLeadSource) => callApi(sendTestLeadEndpoint, { params: { org }, body: { source: s } }) });
  const formExample = `curl -X POST ${initial.form.url} \\\n  -H "X-API-Key: me_…" -H "Content-Type: application/json" \\\n  -d '{"name":"Awa Diop","email":"awa@example.sn","phone":"77 123 45 67","utm_source":"site"}'`;
  return (
    <div className="space-y-6">
      <Card data-testid="source-form">
        <CardHeader title={t("form.title")} description={t("form.description")} />
        <CardBody className="space-y-4">
          <CopyField label={t("url")} value={initial.form.url} testId="form-url" />
          <ul className="space-y-2">
            <Status ok={initial.form.ingestKeys > 0}>{t("form.keys", { count: initial.form.ingestKeys })}</Status>
          </ul>
          <p className="text-sm text-slate-700">{t("form.howTo")}</p>
          <Link href={`/${org}/settings/api-keys`} className={buttonClass("secondary")} data-testid="form-create-key">
            {t("form.createKey")}
          </Link>
          <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-700">{formExample}</pre>
        </CardBody>
      </Card>

      <Card data-testid="source-meta">
        <CardHeader title={t("meta.title")} description={t("meta.description")} />
        <CardBody className="space-y-4">
          <CopyField label={t("callbackUrl")} value={initial.meta.url} testId="meta-url" />
          <ul className="space-y-2">
            <Status ok={initial.meta.verifyTokenSet}>{initial.meta.verifyTokenSet ? t.rich("meta.verifyTokenSet", { code: envName }) : t.rich("meta.verifyTokenMissing", { code: envName })}</Status>
            <Status ok={initial.meta.appSecretSet}>{initial.meta.appSecretSet ? t.rich("meta.appSecretSet", { code: envName }) : t.rich("meta.appSecretMissing", { code: envName })}</Status>
          </ul>
          <div className="space-y-1.5">
            <p className="text-sm font-medium text-slate-700">{t("meta.accounts")}</p>
            <Accounts accounts={initial.meta.accounts} empty={t("meta.noAccount")} org={org} />
          </div>
        </CardBody>
      </Card>

      <Card data-testid="source-google">
        <CardHeader title={t("google.title")} description={t("google.description")} />
        <CardBody className="space-y-4">
          <CopyField label={t("url")} value={google.url} testId="google-url" />
          <CopyField label={t("google.key")} value={google.key} hidden mask="" testId="google-key" />
          <p className="text-xs text-slate-500">
            {google.rotatedAt ? t("renewedAt", { date: format.dateTime(new Date(google.rotatedAt), { dateStyle: "medium", timeStyle: "short" }) }) : t("neverRenewed")}
          </p>
          <p className="text-sm text-slate-700">{t("google.howTo")}</p>
          <RenewSecret
            label={t("google.renew")}
            warning={t("google.renewWarning")}
            confirmLabel={t("renewConfirm")}
            onRenew={() => rotate.mutateAsync()}
            pending={rotate.isPending}
            error={rotate.error?.message ?? null}
            testId="google-renew"
          />
        </CardBody>
      </Card>

      <Card data-testid="source-tiktok">
        <CardHeader title={t("tiktok.title")} description={t("tiktok.description")} />
        <CardBody className="space-y-4">
          <CopyField label={t("callbackUrl")} value={initial.tiktok.url} testId="tiktok-url" />
          <ul className="space-y-2">
            <Status ok={initial.tiktok.signing !== "missing"}>{t(`tiktok.signing.${initial.tiktok.signing}`)}</Status>
          </ul>
          <div className="space-y-1.5">
            <p className="text-sm font-medium text-slate-700">{t("tiktok.accounts")}</p>
            <Accounts accounts={initial.tiktok.accounts} empty={t("tiktok.noAccount")} org={org} />
          </div>
        </CardBody>
      </Card>

      <Card data-testid="source-test-lead">
        <CardHeader title={t("test.title")} description={t("test.description")} />
        <CardBody className="space-y-4">
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              test.mutate(source);
            }}
          >
            <div className="w-full min-w-0 sm:w-72">
              <Field label={t("test.source")} htmlFor="test-lead-source">
                <Select id="test-lead-source" value={source} onChange={(e) => setSource(e.target.value as TestLeadSource)}>
                  {TEST_LEAD_SOURCES.map((s) => (
                    <option key={s} value={s} disabled={s === "tiktok" && !tiktokReady}>
                      {t(`test.sources.${s}`)}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Button type="submit" disabled={test.isPending} data-testid="send-test-lead">
              <Send className="h-4 w-4" aria-hidden /> {test.isPending ? t("test.sending") : t("test.send")}
            </Button>
          </form>
          {test.data ? (
            <div className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm" role="status" data-testid="test-lead-result">
              {test.data.status === "PROCESSED" && test.data.leadId ? (
                <p className="flex flex-wrap items-center gap-2 text-slate-800">
                  <Badge tone="violet">{t("test.badge")}</Badge>
                  {t("test.processed", { email: test.data.email })}
                  <Link href={`/${org}/leads/${test.data.leadId}`} className="font-medium text-brand-700 underline" data-testid="test-lead-link">
                    {t("test.open")}
                  </Link>
                </p>
              ) : test.data.status === "FAILED" ? (
                <p className="text-red-700">
                  {t("test.failed")} <span data-user-content>{test.data.error}</span>
                </p>
              ) : (
                <p className="text-slate-700">
                  {t("test.pending")}{" "}
                  <Link href={`/${org}/leads`} className="font-medium text-brand-700 underline">
                    {t("test.openLeads")}
                  </Link>
                </p>
              )}
            </div>
          ) : null}
          {test.error ? (
            <p className="text-sm text-red-600" role="alert">
              {test.error.message}
            </p>
          ) : null}
        </CardBody>
      </Card>
    </div>
  );
}
