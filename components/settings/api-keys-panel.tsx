"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { KeyRound } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { createApiKeyEndpoint, listApiKeysEndpoint, revokeApiKeyEndpoint } from "@/lib/orgs/contracts";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/orgs/schemas";
import { settingsKeys } from "./query-keys";


export function ApiKeysPanel({ org, canManage }: { org: string; canManage: boolean }) {
  const t = useTranslations("settings.apiKeys");
  const tc = useTranslations("common");
  const format = useFormatter();
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["ingest"]);
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const keys = useQuery({ queryKey: settingsKeys.apiKeys(org), queryFn: () => callApi(listApiKeysEndpoint, { params: { org } }), enabled: canManage });
  const create = useMutation({
    mutationFn: (keyName: string) => callApi(createApiKeyEndpoint, { params: { org }, body: { name: keyName, scopes } }),
    onSuccess: (res) => {
      setCreated(res.key);
      setName("");
      setScopes(["ingest"]);
      // If the list's first load is still under way it predates this key, and invalidating alone would
      // reuse it (TanStack Query cancels a running fetch only once the query has data): cancel, refetch.
      const queryKey = settingsKeys.apiKeys(org);
      void qc.cancelQueries({ queryKey }).then(() => qc.invalidateQueries({ queryKey }));
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => callApi(revokeApiKeyEndpoint, { params: { org, id } }),
    onSuccess: () => {
      setConfirming(null);
      void qc.invalidateQueries({ queryKey: settingsKeys.apiKeys(org) });
    },
  });

  if (!canManage) return <p className="text-sm text-slate-500">{t("adminOnly")}</p>;
  const list = keys.data?.apiKeys ?? [];
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title={t("createTitle")} description={t("createDescription")} />
        <CardBody>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate(name);
            }}
          >
            <div className="min-w-0 sm:max-w-md">
              <Field label={t("name")} htmlFor="api-key-name" error={create.error && create.error.field !== "scopes" ? create.error.message : undefined}>
                <Input id="api-key-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={t("namePlaceholder")} required maxLength={60} />
              </Field>
            </div>
            <fieldset data-testid="api-key-scopes">
              <legend className="text-sm font-medium text-slate-700">{t("scopes")}</legend>
              <div className="mt-2 space-y-2">
                {API_KEY_SCOPES.map((scope) => (
                  <label key={scope} className="flex items-start gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300"
                      name="scopes"
                      value={scope}
                      checked={scopes.includes(scope)}
                      onChange={(e) => setScopes((cur) => (e.target.checked ? API_KEY_SCOPES.filter((s) => s === scope || cur.includes(s)) : cur.filter((s) => s !== scope)))}
                    />
                    <span className="min-w-0">
                      <span className="font-medium text-slate-900">{t(`scopeNames.${scope}`)}</span>
                      <span className="text-slate-500"> — {t(`scopeHelp.${scope}`)}</span>
                    </span>
                  </label>
                ))}
              </div>
              <p className="mt-2 text-xs text-slate-500">{scopes.length === 0 ? <span className="text-red-600">{t("scopesRequired")}</span> : t("scopesHint")}</p>
              {create.error?.field === "scopes" ? <p className="mt-1 text-xs text-red-600">{create.error.message}</p> : null}
            </fieldset>
            <Button type="submit" disabled={create.isPending || !name.trim() || scopes.length === 0} data-testid="create-api-key">
              {t("create")}
            </Button>
          </form>
          {created ? (
            <div className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 p-4" data-testid="api-key-created">
              <p className="text-sm font-medium text-emerald-900">{t("shownOnce")}</p>
              <div className="mt-2 flex items-center gap-2">
                <code className="flex-1 overflow-x-auto rounded bg-white px-2 py-1.5 font-mono text-xs" data-testid="api-key-value">
                  {created}
                </code>
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => {
                    void navigator.clipboard?.writeText(created);
                    setCopied(true);
                  }}
                >
                  {copied ? tc("copied") : tc("copy")}
                </Button>
              </div>
              <p className="mt-2 text-xs text-emerald-800">{t("usage")}</p>
            </div>
          ) : null}
        </CardBody>
      </Card>
      {keys.isLoading ? (
        <p className="text-sm text-slate-500">{tc("loading")}</p>
      ) : keys.isError ? (
        <p className="text-sm text-red-600">{tc("errorGeneric")}</p>
      ) : list.length === 0 ? (
        <EmptyState icon={<KeyRound className="h-8 w-8" />} title={t("emptyTitle")} description={t("emptyBody")} />
      ) : (
        <Card>
          <table className="table-list w-full text-left text-sm" data-testid="api-keys-table">
            <thead className="border-b border-slate-100 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-5 py-3 font-medium">{t("name")}</th>
                <th className="px-5 py-3 font-medium">{t("key")}</th>
                <th className="px-5 py-3 font-medium">{t("scopes")}</th>
                <th className="px-5 py-3 font-medium">{t("lastUsed")}</th>
                <th className="px-5 py-3" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.map((k) => (
                <tr key={k.id}>
                  <td data-label={t("name")} className="px-5 py-3 font-medium">{k.name}</td>
                  <td data-label={t("key")} className="px-5 py-3 font-mono text-xs text-slate-500">me_{k.prefix}_••••</td>
                  <td data-label={t("scopes")} className="px-5 py-3">
                    <span className="inline-flex flex-wrap gap-1">
                      {k.scopes.map((scope) => (
                        <Badge key={scope} tone={scope === "write" ? "amber" : "gray"}>
                          {t(`scopeNames.${scope}`)}
                        </Badge>
                      ))}
                    </span>
                  </td>
                  <td data-label={t("lastUsed")} className="px-5 py-3 text-slate-500">{k.lastUsedAt ? format.relativeTime(new Date(k.lastUsedAt)) : t("never")}</td>
                  <td className="px-5 py-3 text-right">
                    {k.revokedAt ? (
                      <Badge tone="red">{t("revoked")}</Badge>
                    ) : confirming === k.id ? (
                      <span className="inline-flex gap-2">
                        <Button variant="danger" onClick={() => revoke.mutate(k.id)} disabled={revoke.isPending} data-testid="confirm-revoke">
                          {t("confirmRevoke")}
                        </Button>
                        <Button variant="ghost" onClick={() => setConfirming(null)}>
                          {tc("cancel")}
                        </Button>
                      </span>
                    ) : (
                      <Button variant="ghost" onClick={() => setConfirming(k.id)} data-testid="revoke-api-key">
                        {t("revoke")}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
