"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { fillPath } from "@/lib/api/endpoint";
import { liveStreamEndpoint } from "@/lib/live/contracts";
import { KPI_SNAPSHOT_EVENT, LIVE_EVENT_TYPES, type LiveEventType } from "@/lib/live/types";
import { approvalKeys } from "@/components/approvals/query-keys";
import { contentKeys } from "@/components/content/query-keys";
import { publishingKeys } from "@/components/publishing/query-keys";
import { runtimeKeys } from "@/components/runtime/query-keys";
import { notificationKeys } from "@/components/shell/notification-bell";

/** What each live event makes stale in the browser (prefixes of TanStack Query keys). */
const STALE: Record<LiveEventType, (org: string) => QueryKey[]> = {
  "content.generated": (org) => [contentKeys.all(org), runtimeKeys.runs(org)],
  "content.approved": (org) => [contentKeys.all(org), approvalKeys.all(org), publishingKeys.all(org)],
  "content.published": (org) => [contentKeys.all(org), publishingKeys.all(org), runtimeKeys.runs(org)],
  "publication.updated": (org) => [publishingKeys.all(org), runtimeKeys.runs(org)],
  "approval.requested": (org) => [approvalKeys.all(org), contentKeys.all(org), runtimeKeys.runs(org)],
  "approval.decided": (org) => [approvalKeys.all(org), contentKeys.all(org), runtimeKeys.runs(org)],
  "lead.received": (org) => [["org", org, "leads"], runtimeKeys.runs(org)],
  "lead.scored": (org) => [["org", org, "leads"], runtimeKeys.runs(org)],
  "lead.replied": (org) => [["org", org, "leads"], runtimeKeys.runs(org)],
  "lead.escalated": (org) => [["org", org, "leads"], runtimeKeys.runs(org)],
  "lead.converted": (org) => [["org", org, "leads"], runtimeKeys.runs(org)],
  "lead.moved": (org) => [["org", org, "leads"]],
  "campaign.proposed": (org) => [["org", org, "campaigns"], approvalKeys.all(org), runtimeKeys.runs(org)],
  "campaign.launched": (org) => [["org", org, "campaigns"], runtimeKeys.runs(org)],
  "automation.updated": (org) => [["org", org, "war-room"]],
  "agent.updated": (org) => [["org", org, "agents"]],
  "agent.executed": (org) => [["org", org, "agents"], runtimeKeys.runs(org)],
  "comment.received": (org) => [["org", org, "inbox"], runtimeKeys.runs(org)],
  "inbox.updated": (org) => [["org", org, "inbox"]],
};

/** Server-rendered pages that show live figures: refreshed (router.refresh, debounced) on an event. */
const SERVER_RENDERED = /^\/[^/]+(\/(war-room|leads|campaigns|agents|inbox)(\/.*)?)?$/;

/**
 * The organisation's live stream (GET /api/orgs/{org}/stream) for the whole app: each event makes its
 * queries stale (mounted queries refetch) and refreshes a server-rendered page that shows it. The
 * browser's EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed. Mounted
 * once, in the app shell.
 */
export function useLiveEvents(org: string): void {
  const qc = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const path = useRef(pathname);
  // The router through a ref: the stream must not be closed and reopened (losing its place) when the
  // router object changes identity, e.g. after a refresh.
  const routerRef = useRef(router);
  useEffect(() => {
    path.current = pathname;
    routerRef.current = router;
  }, [pathname, router]);

  useEffect(() => {
    const source = new EventSource(fillPath(liveStreamEndpoint.path, { org }));
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastKpis = "";
    const refreshPage = () => {
      if (!SERVER_RENDERED.test(path.current)) return;
      clearTimeout(timer);
      timer = setTimeout(() => routerRef.current.refresh(), 250);
    };
    const onEvent = (type: LiveEventType) => () => {
      for (const queryKey of STALE[type](org)) void qc.invalidateQueries({ queryKey });
      void qc.invalidateQueries({ queryKey: notificationKeys.list(org) });
      refreshPage();
    };
    const handlers = (Object.keys(LIVE_EVENT_TYPES) as LiveEventType[]).map((type) => [type, onEvent(type)] as const);
    for (const [type, fn] of handlers) source.addEventListener(type, fn);
    const onKpis = (e: MessageEvent<string>) => {
      const kpis = JSON.stringify((JSON.parse(e.data) as { kpis: unknown }).kpis);
      if (lastKpis && kpis !== lastKpis) refreshPage();
      lastKpis = kpis;
    };
    source.addEventListener(KPI_SNAPSHOT_EVENT, onKpis);
    return () => {
      clearTimeout(timer);
      for (const [type, fn] of handlers) source.removeEventListener(type, fn);
      source.removeEventListener(KPI_SNAPSHOT_EVENT, onKpis);
      source.close();
    };
  }, [org, qc]);
}

/** Mounts useLiveEvents (renders nothing). */
export function LiveEvents({ org }: { org: string }): null {
  useLiveEvents(org);
  return null;
}
