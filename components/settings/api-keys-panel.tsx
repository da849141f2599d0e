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
import { apiFetch, type ApiError } from "@/lib/api-client";
import { settingsKeys } from "./query-keys";

type ApiKey = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

export function ApiKeysPanel({ org, canManage }: { org: string; canManage: boolean }) {
  const t = useTranslations("settings.apiKeys");
  const tc = useTranslations("common");
  const format = useFormatter();
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const keys = useQuery({ queryKey: settingsKeys.apiKeys(org), queryFn: () => apiFetch<{ apiKeys: ApiKey[] }>(`/api/orgs/${org}/api-keys`), enabled: canManage });
  const create = useMutation<{ key: string }, ApiError, string>({
    mutationFn: (keyName) => apiFetch(`/api/orgs/${org}/api-keys`, { method: "POST", json: { name: keyName } }),
    onSuccess: (res) => {
      setCreated(res.key);
      setName("");
      void qc.invalidateQueries({ queryKey: settingsKeys.apiKeys(org) });
    },
  });
  const revoke = useMutation<unknown, ApiError, string>({
    mutationFn: (id) => apiFetch(`/api/orgs/${org}/api-keys/${id}`, { method: "DELETE" }),
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
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate(name);
            }}
          >
            <div className="min-w-60 flex-1">
              <Field label={t("name")} htmlFor="api-key-name" error={create.error?.field === "name" ? create.error.message : create.error?.message}>
                <Input id="api-key-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={t("namePlaceholder")} required maxLength={60} />
              </Field>
            </div>
            <Button type="submit" disabled={create.isPending || !name.trim()} data-testid="create-api-key">
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
          <table className="w-full text-left text-sm" data-testid="api-keys-table">
            <thead className="border-b border-slate-100 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-5 py-3 font-medium">{t("name")}</th>
                <th className="px-5 py-3 font-medium">{t("key")}</th>
                <th className="px-5 py-3 font-medium">{t("lastUsed")}</th>
                <th className="px-5 py-3" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.map((k) => (
                <tr key={k.id}>
                  <td className="px-5 py-3 font-medium">{k.name}</td>
                  <td className="px-5 py-3 font-mono text-xs text-slate-500">me_{k.prefix}_••••</td>
                  <td className="px-5 py-3 text-slate-500">{k.lastUsedAt ? format.relativeTime(new Date(k.lastUsedAt)) : t("never")}</td>
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
