"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { PlatformBadge } from "@/components/domain/badges";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { callApi } from "@/lib/api/client";
import { confirmSelectionEndpoint, listCandidatesEndpoint } from "@/lib/oauth/contracts";
import { connectionsKeys } from "./query-keys";
import { platformEnum, type Candidate } from "./types";

const PROVIDER_LABEL: Record<string, string> = { linkedin: "LinkedIn", meta: "Meta", tiktok: "TikTok", x: "X", google: "Google" };
const keyOf = (c: Candidate) => `${c.platform}:${c.externalId}`;

/** After consent: which Page / Instagram account / ad account / number to connect. */
export function AccountPicker({ org, stateId }: { org: string; stateId: string }) {
  const t = useTranslations("connections.picker");
  const tc = useTranslations("common");
  const router = useRouter();
  const qc = useQueryClient();
  const back = `/${org}/settings/connections`;
  const [picked, setPicked] = useState<Set<string> | null>(null);
  const pending = useQuery({
    queryKey: connectionsKeys.pending(org, stateId),
    queryFn: () => callApi(listCandidatesEndpoint, { params: { org, stateId } }),
    retry: (n, err) => err.status !== 404 && n < 2,
  });
  const confirm = useMutation({
    mutationFn: (externalIds: string[]) => callApi(confirmSelectionEndpoint, { params: { org, stateId }, body: { externalIds } }),
    onSuccess: async (res) => {
      await qc.invalidateQueries({ queryKey: connectionsKeys.list(org) });
      router.replace(`${back}?connected=${res.accountIds.length}`);
    },
  });

  if (pending.isLoading) return <p className="text-sm text-slate-500">{tc("loading")}</p>;
  if (pending.isError || !pending.data)
    return (
      <Card data-testid="picker-error">
        <CardBody className="space-y-4">
          <p className="text-sm text-slate-700" role="alert">
            {pending.error?.status === 404 ? t("expired") : tc("errorGeneric")}
          </p>
          <Link href={back} className={buttonClass("secondary")}>
            {t("back")}
          </Link>
        </CardBody>
      </Card>
    );

  const { candidates, provider } = pending.data;
  // Everything is ticked until the user changes something.
  const selected = picked ?? new Set(candidates.map(keyOf));
  const toggle = (k: string) => {
    const next = new Set(selected);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    setPicked(next);
  };
  const allTicked = selected.size === candidates.length;

  return (
    <Card data-testid="account-picker">
      <CardHeader title={t("title")} description={t("description", { provider: PROVIDER_LABEL[provider] ?? provider })} />
      {candidates.length === 0 ? (
        <CardBody className="space-y-4">
          <p className="text-sm text-slate-700">{t("none")}</p>
          <Link href={back} className={buttonClass("secondary")}>
            {t("back")}
          </Link>
        </CardBody>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (selected.size > 0) confirm.mutate(candidates.map(keyOf).filter((k) => selected.has(k)));
          }}
        >
          <fieldset className="px-5 py-4">
            <legend className="sr-only">{t("title")}</legend>
            <label className="mb-3 flex items-center gap-2 text-sm font-medium text-slate-700">
              <input
                type="checkbox"
                className="h-4 w-4 rounded border-slate-300"
                checked={allTicked}
                onChange={() => setPicked(allTicked ? new Set() : new Set(candidates.map(keyOf)))}
              />
              {t("selectAll")}
            </label>
            <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
              {candidates.map((c) => {
                const k = keyOf(c);
                return (
                  <li key={k}>
                    <label className="flex cursor-pointer items-center gap-3 px-4 py-3 hover:bg-slate-50" data-testid="picker-candidate">
                      <input type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={selected.has(k)} onChange={() => toggle(k)} name="externalIds" value={k} />
                      <span className="min-w-0 flex-1">
                        <span className="block text-sm font-medium text-slate-900">{c.name}</span>
                        {c.handle ? <span className="block text-xs text-slate-500">@{c.handle}</span> : null}
                      </span>
                      <PlatformBadge platform={platformEnum(c.platform)} />
                    </label>
                  </li>
                );
              })}
            </ul>
            {selected.size === 0 ? <p className="mt-3 text-sm text-amber-700">{t("pickOne")}</p> : null}
            {confirm.error ? (
              <p className="mt-3 text-sm text-red-600" role="alert">
                {confirm.error.status === 404 ? t("expired") : confirm.error.message || tc("errorGeneric")}
              </p>
            ) : null}
          </fieldset>
          <div className="flex justify-end gap-2 border-t border-slate-100 px-5 py-4">
            <Link href={back} className={buttonClass("ghost")}>
              {tc("cancel")}
            </Link>
            <Button type="submit" disabled={selected.size === 0 || confirm.isPending || confirm.isSuccess} data-testid="picker-confirm">
              {confirm.isPending || confirm.isSuccess ? t("confirming") : t("confirm")}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
