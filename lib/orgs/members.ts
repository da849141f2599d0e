import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { bumpSessionVersion } from "@/lib/auth/session-version";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/config";
import { sendLinkEmail } from "@/lib/providers/notify";
import type { MemberDto, InvitationDto } from "@/lib/orgs/contracts";
export type { MemberDto, InvitationDto };

const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");
const INVITE_DAYS = 7;

export async function listMembers(opts: { organizationId: string }): Promise<{ members: MemberDto[]; invitations: InvitationDto[] }> {
  const [members, invitations] = await Promise.all([
    db().membership.findMany({ where: { organizationId: opts.organizationId }, include: { user: { select: { email: true, name: true } } }, orderBy: { createdAt: "asc" } }),
    db().invitation.findMany({ where: { organizationId: opts.organizationId, acceptedAt: null }, orderBy: { createdAt: "desc" } }),
  ]);
  return {
    members: members.map((m) => ({ id: m.id, userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, createdAt: m.createdAt.toISOString() })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString(), acceptedAt: null })),
  };
}

/** Invite by email: a single-use link valid 7 days (the token is only in the email; its hash is stored). */
export async function inviteMember(opts: { organizationId: string; email: string; role: Role; invitedById: string; baseUrl: string }): Promise<InvitationDto> {
  const [org, inviter] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: opts.organizationId }, select: { name: true, locale: true } }),
    db().user.findUnique({ where: { id: opts.invitedById }, select: { name: true, email: true } }),
  ]);
  const already = await db().membership.findFirst({ where: { organizationId: opts.organizationId, user: { email: opts.email } }, select: { id: true } });
  if (already) throw new AppError("conflict", "orgs.alreadyMember", { field: "email" });
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_DAYS * 86400_000);
  const inv = await db().invitation.upsert({
    where: { organizationId_email: { organizationId: opts.organizationId, email: opts.email } },
    create: { organizationId: opts.organizationId, email: opts.email, role: opts.role, tokenHash: sha256(token), invitedById: opts.invitedById, expiresAt },
    update: { role: opts.role, tokenHash: sha256(token), invitedById: opts.invitedById, expiresAt, acceptedAt: null },
  });
  const url = `${env().APP_URL ?? opts.baseUrl}/invite/${token}`;
  // In the organisation's language: the invited person has not chosen one yet.
  await sendLinkEmail({
    to: opts.email,
    locale: isLocale(org.locale) ? org.locale : "fr",
    subject: "invitationSubject",
    body: "invitationBody",
    button: "acceptInvitation",
    href: url,
    secret: true,
    values: { organization: org.name, inviter: inviter?.name ?? inviter?.email ?? org.name, days: INVITE_DAYS },
    organizationId: opts.organizationId,
  });
  return { id: inv.id, email: inv.email, role: inv.role, expiresAt: inv.expiresAt.toISOString(), acceptedAt: null };
}

/** Accept with the token from the email, as the signed-in user whose email matches. Returns the org slug. */
export async function acceptInvitation(opts: { token: string; userId: string; email: string }): Promise<{ slug: string }> {
  const inv = await db().invitation.findUnique({ where: { tokenHash: sha256(opts.token) }, include: { organization: { select: { slug: true } } } });
  if (!inv || inv.acceptedAt || inv.expiresAt < new Date()) throw new AppError("not_found", "orgs.invitationInvalid");
  if (inv.email !== opts.email.toLowerCase()) throw new AppError("forbidden", "orgs.invitationForOther", { field: "email", values: { email: inv.email } });
  await db().$transaction([
    db().membership.upsert({
      where: { organizationId_userId: { organizationId: inv.organizationId, userId: opts.userId } },
      create: { organizationId: inv.organizationId, userId: opts.userId, role: inv.role },
      update: {},
    }),
    db().invitation.update({ where: { id: inv.id }, data: { acceptedAt: new Date() } }),
  ]);
  return { slug: inv.organization.slug };
}

export async function updateMemberRole(opts: { organizationId: string; membershipId: string; role: Role; actorRole: Role }): Promise<MemberDto> {
  const m = await db().membership.findFirst({ where: { id: opts.membershipId, organizationId: opts.organizationId }, include: { user: true } });
  if (!m) throw notFound("member");
  if ((opts.role === "OWNER" || m.role === "OWNER") && opts.actorRole !== "OWNER") throw new AppError("forbidden", "orgs.ownerRoleOnlyOwner");
  if (m.role === "OWNER" && opts.role !== "OWNER") await assertAnotherOwner(opts.organizationId, m.id);
  const u = await db().membership.update({ where: { id: m.id }, data: { role: opts.role }, include: { user: true } });
  return { id: u.id, userId: u.userId, email: u.user.email, name: u.user.name, role: u.role, createdAt: u.createdAt.toISOString() };
}

export async function removeMember(opts: { organizationId: string; membershipId: string; actorRole: Role }): Promise<void> {
  const m = await db().membership.findFirst({ where: { id: opts.membershipId, organizationId: opts.organizationId } });
  if (!m) throw notFound("member");
  if (m.role === "OWNER") {
    if (opts.actorRole !== "OWNER") throw new AppError("forbidden", "orgs.removeOwnerOnlyOwner");
    await assertAnotherOwner(opts.organizationId, m.id);
  }
  await db().membership.delete({ where: { id: m.id } });
  // Their open sessions end now, not when the cookie expires (issue 10, row 10).
  await bumpSessionVersion(m.userId);
}

async function assertAnotherOwner(organizationId: string, exceptId: string): Promise<void> {
  const others = await db().membership.count({ where: { organizationId, role: "OWNER", id: { not: exceptId } } });
  if (others === 0) throw new AppError("conflict", "orgs.lastOwner");
}
