"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Mail } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { HIDDEN_LINK } from "@/lib/providers/email/contracts";

export type OutboxItem = { id: string; to: string[]; subject: string; status: string; createdAt: string; text: string | null };

const TONE: Record<string, "green" | "amber" | "red" | "gray"> = { SENT: "green", QUEUED: "amber", SENDING: "amber", FAILED: "red" };

/**
 * Sent mail with its text, one click to open. Bearer links (sign-in, invitation, one-click approval) are
 * hidden in the outbox ("link hidden"); the development mailbox (/dev/mail) shows its reader's own.
 */
export function OutboxList({ emails }: { emails: OutboxItem[] }) {
  const t = useTranslations("settings.outbox");
  const format = useFormatter();
  const [open, setOpen] = useState<string | null>(null);
  if (emails.length === 0) return <EmptyState icon={<Mail className="h-8 w-8" />} title={t("emptyTitle")} description={t("emptyBody")} />;
  return (
    <Card>
      <ul className="divide-y divide-slate-100" data-testid="outbox-list">
        {emails.map((e) => (
          <li key={e.id}>
            <button className="flex w-full flex-wrap items-center justify-between gap-3 px-5 py-3 text-left text-sm hover:bg-slate-50" onClick={() => setOpen(open === e.id ? null : e.id)} aria-expanded={open === e.id}>
              <span className="min-w-0">
                <span className="block truncate font-medium">{e.subject}</span>
                <span className="block text-slate-500">
                  {t("to")} {e.to.join(", ")} · {format.relativeTime(new Date(e.createdAt))}
                </span>
              </span>
              <Badge tone={TONE[e.status] ?? "gray"}>{t.has(`statuses.${e.status}`) ? t(`statuses.${e.status}`) : e.status}</Badge>
            </button>
            {open === e.id ? (
              <pre className="whitespace-pre-wrap break-words bg-slate-50 px-5 py-4 font-sans text-sm text-slate-700" data-testid="outbox-body">
                {linkify(e.text ?? "", t("linkHidden"))}
              </pre>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function linkify(text: string, hidden: string) {
  return text.split(/(https?:\/\/\S+|\[\[link-hidden\]\])/g).map((part, i) =>
    part === HIDDEN_LINK ? (
      <span key={i} className="rounded bg-slate-200 px-1 text-slate-600" data-testid="link-hidden">
        {hidden}
      </span>
    ) : /^https?:\/\//.test(part) ? (
      <a key={i} href={part} className="text-brand-700 underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}
