"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { inviteMemberEndpoint, listMembersEndpoint, removeMemberEndpoint, updateMemberEndpoint } from "@/lib/orgs/contracts";
import { settingsKeys } from "./query-keys";

type Role = "OWNER" | "ADMIN" | "EDITOR" | "VIEWER";
/** Nobody is invited as owner (the API refuses it). */
type InviteRole = Exclude<Role, "OWNER">;

export function MembersPanel({ org, canManage, currentEmail }: { org: string; canManage: boolean; currentEmail: string }) {
  const t = useTranslations("settings.members");
  const tr = useTranslations("nav.roles");
  const tc = useTranslations("common");
  const format = useFormatter();
  const qc = useQueryClient();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<InviteRole>("EDITOR");
  const [removing, setRemoving] = useState<string | null>(null);
  const data = useQuery({ queryKey: settingsKeys.members(org), queryFn: () => callApi(listMembersEndpoint, { params: { org } }) });
  const refresh = () => qc.invalidateQueries({ queryKey: settingsKeys.members(org) });
  const invite = useMutation({
    mutationFn: () => callApi(inviteMemberEndpoint, { params: { org }, body: { email, role } }),
    onSuccess: () => {
      setEmail("");
      void refresh();
    },
  });
  const changeRole = useMutation({
    mutationFn: (v: { id: string; role: Role }) => callApi(updateMemberEndpoint, { params: { org, id: v.id }, body: { role: v.role } }),
    onSettled: () => void refresh(),
  });
  const remove = useMutation({
    mutationFn: (id: string) => callApi(removeMemberEndpoint, { params: { org, id } }),
    onSuccess: () => {
      setRemoving(null);
      void refresh();
    },
  });
  const error = changeRole.error ?? remove.error;

  return (
    <div className="space-y-6">
      {canManage ? (
        <Card>
          <CardHeader title={t("inviteTitle")} description={t("inviteDescription")} />
          <CardBody>
            <form
              className="flex flex-wrap items-end gap-3"
              onSubmit={(e) => {
                e.preventDefault();
                invite.mutate();
              }}
            >
              <div className="min-w-60 flex-1">
                <Field label={t("email")} htmlFor="invite-email" error={invite.error?.message}>
                  <Input id="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
                </Field>
              </div>
              <div className="w-40">
                <Field label={t("role")} htmlFor="invite-role">
                  <Select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as InviteRole)}>
                    {(["ADMIN", "EDITOR", "VIEWER"] as const).map((r) => (
                      <option key={r} value={r}>
                        {tr(r)}
                      </option>
                    ))}
                  </Select>
                </Field>
              </div>
              <Button type="submit" disabled={invite.isPending || !email} data-testid="invite-member">
                {t("invite")}
              </Button>
            </form>
            {invite.isSuccess ? <p className="mt-3 text-sm text-emerald-700">{t("invited")}</p> : null}
          </CardBody>
        </Card>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <Card>
        <CardHeader title={t("membersTitle")} />
        {data.isLoading ? (
          <CardBody className="text-sm text-slate-500">{tc("loading")}</CardBody>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="members-list">
            {data.data?.members.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm">
                <div className="min-w-0">
                  <p className="font-medium">{m.name ?? m.email}</p>
                  <p className="text-slate-500">{m.email}</p>
                </div>
                <div className="flex items-center gap-2">
                  {canManage && m.email !== currentEmail ? (
                    <Select aria-label={t("role")} className="w-36" value={m.role} onChange={(e) => changeRole.mutate({ id: m.id, role: e.target.value as Role })}>
                      {(["OWNER", "ADMIN", "EDITOR", "VIEWER"] as const).map((r) => (
                        <option key={r} value={r}>
                          {tr(r)}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    <Badge tone="blue">{tr(m.role)}</Badge>
                  )}
                  {canManage && m.email !== currentEmail ? (
                    removing === m.id ? (
                      <>
                        <Button variant="danger" onClick={() => remove.mutate(m.id)}>
                          {t("confirmRemove")}
                        </Button>
                        <Button variant="ghost" onClick={() => setRemoving(null)}>
                          {tc("cancel")}
                        </Button>
                      </>
                    ) : (
                      <Button variant="ghost" onClick={() => setRemoving(m.id)}>
                        {t("remove")}
                      </Button>
                    )
                  ) : null}
                </div>
              </li>
            ))}
            {data.data?.invitations.map((i) => (
              <li key={i.id} className="flex items-center justify-between px-5 py-3 text-sm">
                <div>
                  <p className="font-medium">{i.email}</p>
                  <p className="text-slate-500">{t("pendingUntil", { date: format.dateTime(new Date(i.expiresAt), { dateStyle: "medium" }) })}</p>
                </div>
                <Badge tone="amber">{t("pending")}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
