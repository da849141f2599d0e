"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { Plug } from "lucide-react";
import { PlatformBadge } from "@/components/domain/badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { callApi } from "@/lib/api/client";
import { disconnectAccountEndpoint, listConnectionsEndpoint, startConnectionEndpoint } from "@/lib/oauth/contracts";
import { ConfirmDialog } from "./confirm-dialog";
import { connectionsKeys } from "./query-keys";
import { platformEnum, type ConnectionDto, type ProviderDto, type ProviderId } from "./types";

const HEALTH_TONE: Record<ConnectionDto["health"], "green" | "amber" | "red" | "gray"> = {
  healthy: "green",
  expiring: "amber",
  rate_limited: "amber",
  reconnect_required: "red",
  disconnected: "gray",
  error: "red",
};

type Notice = { tone: "success" | "error"; text: string };

/** Settings -> Connections: one card per provider with its accounts and their health; connect, reconnect, disconnect. */
export function ConnectionsPanel({ org, canManage, connectedCount }: { org: string; canManage: boolean; connectedCount?: number }) {
  const t = useTranslations("connections");
  const tc = useTranslations("common");
  const qc = useQueryClient();
  const [notice, setNotice] = useState<Notice | null>(connectedCount ? { tone: "success", text: t("connected", { count: connectedCount }) } : null);
  const [confirming, setConfirming] = useState<ConnectionDto | null>(null);
  const list = useQuery({ queryKey: connectionsKeys.list(org), queryFn: () => callApi(listConnectionsEndpoint, { params: { org } }) });

  const start = useMutation({
    mutationFn: (body: { provider: ProviderId; reconnectAccountId?: string }) => callApi(startConnectionEndpoint, { params: { org }, body }),
    onSuccess: (res) => {
      if (res.mode === "oauth") {
        window.location.assign(res.authorizationUrl);
        return;
      }
      setNotice({ tone: "success", text: t("sandboxConnected", { count: res.accountIds.length }) });
      void qc.invalidateQueries({ queryKey: connectionsKeys.list(org) });
    },
    onError: (err) => setNotice({ tone: "error", text: err.message || tc("errorGeneric") }),
  });
  const disconnect = useMutation({
    mutationFn: (acc: ConnectionDto) => callApi(disconnectAccountEndpoint, { params: { org, accountId: acc.id } }),
    onSuccess: (_res, acc) => {
      setConfirming(null);
      setNotice({ tone: "success", text: t("disconnected", { name: acc.name }) });
      void qc.invalidateQueries({ queryKey: connectionsKeys.list(org) });
    },
  });
  const closeDialog = useCallback(() => {
    setConfirming(null);
    disconnect.reset();
  }, [disconnect]);

  const data = list.data;
  const covered = new Set(data?.providers.flatMap((p) => p.platforms) ?? []);
  const others = data?.accounts.filter((a) => !covered.has(a.platform)) ?? [];
  const busy = start.isPending || (start.isSuccess && start.data.mode === "oauth");

  return (
    <div className="space-y-6" data-testid="connections-panel">
      <div>
        <h2 className="text-lg font-semibold text-slate-900">{t("title")}</h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-500">{t("description")}</p>
        {!canManage ? (
          <p className="mt-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-600" data-testid="connections-read-only">
            {t("readOnly")}
          </p>
        ) : null}
      </div>
      <div aria-live="polite">
        {notice ? (
          <div
            role={notice.tone === "error" ? "alert" : "status"}
            data-testid="connections-notice"
            className={
              notice.tone === "error"
                ? "flex items-start justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
                : "flex items-start justify-between gap-3 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900"
            }
          >
            <span>{notice.text}</span>
            <button type="button" className="text-xs underline" onClick={() => setNotice(null)}>
              {t("dismiss")}
            </button>
          </div>
        ) : null}
      </div>
      {list.isLoading ? (
        <p className="text-sm text-slate-500" data-testid="connections-loading">
          {tc("loading")}
        </p>
      ) : list.isError || !data ? (
        <div className="flex items-center gap-3 text-sm text-red-600" role="alert">
          {tc("errorGeneric")}
          <Button variant="secondary" onClick={() => void list.refetch()}>
            {tc("retry")}
          </Button>
        </div>
      ) : (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {data.providers.map((p) => (
            <ProviderCard
              key={p.id}
              provider={p}
              accounts={data.accounts.filter((a) => p.platforms.includes(a.platform))}
              canManage={canManage}
              busy={busy}
              pendingProvider={busy ? start.variables?.provider : undefined}
              onConnect={(reconnectAccountId) => {
                setNotice(null);
                start.mutate({ provider: p.id, reconnectAccountId });
              }}
              onDisconnect={setConfirming}
            />
          ))}
          {others.length > 0 ? (
            <Card data-testid="provider-card-other">
              <CardHeader title={t("otherAccounts")} description={t("otherAccountsDescription")} />
              <AccountList accounts={others} canManage={canManage} busy={busy} onDisconnect={setConfirming} />
            </Card>
          ) : null}
        </div>
      )}
      {confirming ? (
        <ConfirmDialog
          title={t("disconnectTitle", { name: confirming.name })}
          body={t("disconnectBody")}
          confirmLabel={t("confirmDisconnect")}
          cancelLabel={tc("cancel")}
          pending={disconnect.isPending}
          error={disconnect.error ? disconnect.error.message || tc("errorGeneric") : null}
          onConfirm={() => disconnect.mutate(confirming)}
          onCancel={closeDialog}
        />
      ) : null}
    </div>
  );
}

function ProviderCard(props: {
  provider: ProviderDto;
  accounts: ConnectionDto[];
  canManage: boolean;
  busy: boolean;
  pendingProvider?: ProviderId;
  onConnect: (reconnectAccountId?: string) => void;
  onDisconnect: (acc: ConnectionDto) => void;
}) {
  const t = useTranslations("connections");
  const tc = useTranslations("common");
  const { provider: p } = props;
  const sandbox = p.mode === "sandbox";
  return (
    <Card data-testid={`provider-card-${p.id}`} className="flex flex-col">
      <div className="border-b border-slate-100 px-5 py-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h3 className="inline-flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
            {p.label}
            {sandbox ? <Badge tone="violet">{tc("sandbox")}</Badge> : null}
          </h3>
          {props.canManage ? (
            <Button
              variant={sandbox ? "secondary" : "primary"}
              className="shrink-0"
              onClick={() => props.onConnect()}
              disabled={props.busy}
              data-testid={`connect-${p.id}`}
            >
              {props.pendingProvider === p.id ? t("connecting") : sandbox ? t("connectSandbox", { provider: shortLabel(p.label) }) : t("connect", { provider: shortLabel(p.label) })}
            </Button>
          ) : null}
        </div>
        <p className="mt-1 text-sm text-slate-500">{sandbox ? t("sandboxProvider") : t("oauthProvider", { provider: shortLabel(p.label) })}</p>
      </div>
      <AccountList
        accounts={props.accounts}
        canManage={props.canManage}
        busy={props.busy}
        onReconnect={(acc) => props.onConnect(acc.id)}
        onDisconnect={props.onDisconnect}
      />
    </Card>
  );
}

/** "Meta (Facebook, Instagram, WhatsApp, Ads)" -> "Meta" on the button; the card title keeps the long form. */
const shortLabel = (label: string) => label.replace(/\s*\(.*\)$/, "");

function AccountList(props: {
  accounts: ConnectionDto[];
  canManage: boolean;
  busy: boolean;
  onReconnect?: (acc: ConnectionDto) => void;
  onDisconnect: (acc: ConnectionDto) => void;
}) {
  const t = useTranslations("connections");
  if (props.accounts.length === 0)
    return (
      <CardBody className="flex items-center gap-2 text-sm text-slate-500">
        <Plug className="h-4 w-4" aria-hidden />
        {t("noAccounts")}
      </CardBody>
    );
  return (
    <ul className="divide-y divide-slate-100">
      {props.accounts.map((a) => (
        <AccountRow key={a.id} account={a} {...props} />
      ))}
    </ul>
  );
}

function AccountRow(props: {
  account: ConnectionDto;
  canManage: boolean;
  busy: boolean;
  onReconnect?: (acc: ConnectionDto) => void;
  onDisconnect: (acc: ConnectionDto) => void;
}) {
  const t = useTranslations("connections");
  const format = useFormatter();
  const a = props.account;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const needsReconnect = a.status === "RECONNECT_REQUIRED" || a.status === "ERROR";
  return (
    <li className="flex items-start justify-between gap-3 px-5 py-3" data-testid="account-row" data-account-id={a.id}>
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-slate-900" data-testid="account-name">
            {a.name}
          </span>
          {a.handle && !a.name.replace(/^@/, "").includes(a.handle.replace(/^@/, "")) ? <span className="text-xs text-slate-500">@{a.handle.replace(/^@/, "")}</span> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <PlatformBadge platform={platformEnum(a.platform)} sandbox={a.isSandbox} />
          <span className="sr-only">{t("healthLabel")}:</span>
          <span data-testid="account-health">
            <Badge tone={HEALTH_TONE[a.health]}>{t(`health.${a.health}`)}</Badge>
          </span>
        </div>
        <p className="text-xs text-slate-500" data-testid="account-token">
          {a.isSandbox ? t("sandboxToken") : a.tokenExpiresAt ? t("tokenExpires", { date: when(a.tokenExpiresAt) }) : t("tokenNoExpiry")}
          {a.isSandbox ? null : " · "}
          {a.isSandbox ? null : a.lastRefreshedAt ? t("lastRefresh", { date: format.relativeTime(new Date(a.lastRefreshedAt)) }) : t("neverRefreshed")}
          {a.health === "rate_limited" && a.rateLimitedUntil ? ` · ${t("rateLimitedUntil", { date: when(a.rateLimitedUntil) })}` : null}
        </p>
        {a.statusMessage ? <p className="text-xs text-red-700">{a.statusMessage}</p> : null}
      </div>
      {props.canManage ? (
        <div className="flex shrink-0 flex-wrap justify-end gap-2">
          {needsReconnect && props.onReconnect ? (
            <Button variant="primary" onClick={() => props.onReconnect?.(a)} disabled={props.busy} data-testid="reconnect-account">
              {t("reconnect")}
            </Button>
          ) : null}
          <Button variant="ghost" onClick={() => props.onDisconnect(a)} data-testid="disconnect-account" aria-label={`${t("disconnect")} ${a.name}`}>
            {t("disconnect")}
          </Button>
        </div>
      ) : null}
    </li>
  );
}
