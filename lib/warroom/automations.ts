import "server-only";
import { z } from "zod";
import { db, type Prisma } from "@/lib/db/client";
import type { ComplianceLevel } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { publishLiveEvent } from "@/lib/live/publish";
import type { AutomationDto } from "./contracts";
import { AUTOMATION_KEYS, automationSettingsSchema, isAutomationKey, type AutomationKey, type AutomationSettings } from "./schemas";

/**
 * The Bot Control Center's automations (seed 001): what each one is and how it stays within the
 * platforms' rules. An organisation has a row once someone switched it (or the demo seeded it); until
 * then it is off, described by this catalogue. The code path of each automation asks
 * `isAutomationEnabled` where it acts: off means it does nothing.
 */
export const AUTOMATION_CATALOGUE: Record<AutomationKey, { label: string; description: string; compliance: ComplianceLevel; complianceNotes: string[] }> = {
  instagram_welcome_dm: {
    label: "Instagram welcome DM",
    description: "Welcomes people who write to us first (never new followers), inside the 24-hour messaging window.",
    compliance: "CONDITIONAL",
    complianceNotes: ["Official API (Messenger API for Instagram)", "Opt-in required", "24-hour window"],
  },
  tiktok_warmup: {
    label: "TikTok cadence ramp",
    description: "Progressive publishing cadence with technical checks (tokens, quotas, quality gates) before each post.",
    compliance: "COMPLIANT",
    complianceNotes: ["Progressive cadence", "Token and quota checks", "Quality gates: format, duration, bitrate"],
  },
  auto_reposter: {
    label: "Auto-reposter of winners",
    description: "Reposts a winning Reel as a TikTok (and the other way round) through the official APIs.",
    compliance: "COMPLIANT",
    complianceNotes: ["Official APIs", "The brand's own content only"],
  },
  like_follow_bot: {
    label: "Like / follow bot",
    description: "Not available: grey automation forbidden by the platforms.",
    compliance: "BLOCKED",
    complianceNotes: ["Forbidden: fake engagement", "Risk of a ban"],
  },
};

type Row = { key: string; enabled: boolean; label: string; description: string | null; compliance: ComplianceLevel; complianceNotes: string[]; config: Prisma.JsonValue; updatedAt: Date };

/** Stored settings as the schema reads them (anything else in `config` is ignored). */
function settingsOf(config: Prisma.JsonValue | undefined): AutomationSettings {
  const parsed = z.object(automationSettingsSchema.shape).safeParse(config ?? {});
  return parsed.success ? parsed.data : {};
}

function toDto(key: AutomationKey, row: Row | undefined): AutomationDto {
  const c = AUTOMATION_CATALOGUE[key];
  // The compliance level is the catalogue's, whatever a row says: a BLOCKED automation stays blocked.
  if (!row) return { key, enabled: false, label: c.label, description: c.description, compliance: c.compliance, complianceNotes: c.complianceNotes, settings: {}, updatedAt: null };
  return { key, enabled: row.enabled && c.compliance !== "BLOCKED", label: row.label, description: row.description, compliance: c.compliance, complianceNotes: row.complianceNotes.length ? row.complianceNotes : c.complianceNotes, settings: settingsOf(row.config), updatedAt: row.updatedAt.toISOString() };
}

const select = { key: true, enabled: true, label: true, description: true, compliance: true, complianceNotes: true, config: true, updatedAt: true } as const;

/** Every automation of the catalogue, in its order, for one organisation. */
export async function listAutomations(opts: { organizationId: string }): Promise<AutomationDto[]> {
  const rows = await db().automation.findMany({ where: { organizationId: opts.organizationId, key: { in: [...AUTOMATION_KEYS] } }, select });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return AUTOMATION_KEYS.map((key) => toDto(key, byKey.get(key)));
}

/** Whether the automation may act for the organisation now (the check at each acting code path). */
export async function isAutomationEnabled(opts: { organizationId: string; key: AutomationKey }): Promise<boolean> {
  if (AUTOMATION_CATALOGUE[opts.key].compliance === "BLOCKED") return false;
  const row = await db().automation.findUnique({ where: { organizationId_key: { organizationId: opts.organizationId, key: opts.key } }, select: { enabled: true } });
  return row?.enabled ?? false;
}

/**
 * The automation's settings when it may act now, else null: the check at each acting code path
 * (switched off, never switched on, or BLOCKED -> null, and the caller does nothing).
 */
export async function enabledAutomationSettings(opts: { organizationId: string; key: AutomationKey }): Promise<AutomationSettings | null> {
  if (AUTOMATION_CATALOGUE[opts.key].compliance === "BLOCKED") return null;
  const row = await db().automation.findUnique({ where: { organizationId_key: { organizationId: opts.organizationId, key: opts.key } }, select: { enabled: true, config: true } });
  return row?.enabled ? settingsOf(row.config) : null;
}

/**
 * An action an automation is about to take, recorded first in its audit trail (ACTED, `action`, once
 * per `subjectKey`): false when that subject already had its action (a re-run, a second event for the
 * same contact or post), and the caller does nothing. `details` can be completed afterwards
 * (`completeAutomationAction`).
 */
export async function claimAutomationAction(opts: { organizationId: string; key: AutomationKey; action: string; subjectKey: string; details: Record<string, unknown> }): Promise<{ claimed: boolean; eventId: string; details: Prisma.JsonValue }> {
  const automation = await db().automation.findUniqueOrThrow({ where: { organizationId_key: { organizationId: opts.organizationId, key: opts.key } }, select: { id: true } });
  const [row] = await db().automationEvent.createManyAndReturn({
    data: [{ organizationId: opts.organizationId, automationId: automation.id, kind: "ACTED", fromEnabled: true, toEnabled: true, action: opts.action, subjectKey: opts.subjectKey, details: opts.details as Prisma.InputJsonValue }],
    skipDuplicates: true,
    select: { id: true, details: true },
  });
  if (row) return { claimed: true, eventId: row.id, details: row.details };
  const existing = await db().automationEvent.findUniqueOrThrow({ where: { automationId_subjectKey: { automationId: automation.id, subjectKey: opts.subjectKey } }, select: { id: true, details: true } });
  return { claimed: false, eventId: existing.id, details: existing.details };
}

/** The outcome of a claimed action, on its audit line (`action` may change, e.g. "repost.skipped"). */
export async function completeAutomationAction(opts: { organizationId: string; eventId: string; action?: string; details: Record<string, unknown> }): Promise<void> {
  await db().automationEvent.updateMany({ where: { id: opts.eventId, organizationId: opts.organizationId, kind: "ACTED" }, data: { ...(opts.action ? { action: opts.action } : {}), details: opts.details as Prisma.InputJsonValue } });
}

/**
 * Switch an automation (the route checked the permission): one transaction writes the flag (and the
 * owner's settings when given), a line of its audit trail when the flag changed, and the live event
 * `automation.updated` (the seed's STATE_PATCH). The welcome DM cannot be on without its text (422).
 */
export async function setAutomation(opts: { organizationId: string; key: string; enabled: boolean; settings?: AutomationSettings; actorUserId: string | null }): Promise<AutomationDto> {
  if (!isAutomationKey(opts.key)) throw notFound("automation", { field: "key" });
  const key = opts.key;
  const c = AUTOMATION_CATALOGUE[key];
  if (opts.enabled && c.compliance === "BLOCKED") throw new AppError("conflict", "warRoom.automationBlocked", { field: "enabled" });
  const row = await db().$transaction(async (tx) => {
    // Lock the row (or create it) so two switches at once both land in the audit trail in order.
    await tx.automation.upsert({
      where: { organizationId_key: { organizationId: opts.organizationId, key } },
      create: { organizationId: opts.organizationId, key, enabled: false, label: c.label, description: c.description, compliance: c.compliance, complianceNotes: c.complianceNotes },
      update: {},
    });
    const [before] = await tx.$queryRaw<{ id: string; enabled: boolean; config: Prisma.JsonValue }[]>`SELECT id, enabled, config FROM automations WHERE "organizationId" = ${opts.organizationId} AND key = ${key} FOR UPDATE`;
    const settings = { ...settingsOf(before!.config), ...(opts.settings ?? {}) };
    if (opts.enabled && key === "instagram_welcome_dm" && !settings.welcomeText) throw new AppError("validation", "warRoom.welcomeTextRequired", { field: "settings.welcomeText" });
    const updated = await tx.automation.update({ where: { id: before!.id }, data: { enabled: opts.enabled, updatedById: opts.actorUserId, ...(opts.settings ? { config: settings as Prisma.InputJsonValue } : {}) }, select });
    if (before!.enabled !== opts.enabled) {
      await tx.automationEvent.create({ data: { organizationId: opts.organizationId, automationId: before!.id, actorUserId: opts.actorUserId, fromEnabled: before!.enabled, toEnabled: opts.enabled } });
      await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "automation.updated", payload: { key, enabled: opts.enabled } });
    }
    return updated;
  });
  return toDto(key, row);
}

export type AutomationAuditLine = { id: string; key: AutomationKey; kind: "SWITCHED" | "ACTED"; toEnabled: boolean; action: string | null; actorName: string | null; createdAt: string };

/** The last lines of the automations' audit trail (switches and actions), newest first, for the Bot Control Center page. */
export async function listAutomationAudit(opts: { organizationId: string; limit?: number }): Promise<AutomationAuditLine[]> {
  const rows = await db().automationEvent.findMany({
    where: { organizationId: opts.organizationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? 20,
    select: { id: true, kind: true, toEnabled: true, action: true, actorUserId: true, createdAt: true, automation: { select: { key: true } } },
  });
  const actorIds = [...new Set(rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])))];
  const users = actorIds.length ? await db().user.findMany({ where: { id: { in: actorIds }, memberships: { some: { organizationId: opts.organizationId } } }, select: { id: true, name: true, email: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  return rows.flatMap((r) =>
    isAutomationKey(r.automation.key)
      ? [{ id: r.id, key: r.automation.key, kind: r.kind, toEnabled: r.toEnabled, action: r.action, actorName: r.actorUserId ? (names.get(r.actorUserId) ?? null) : null, createdAt: r.createdAt.toISOString() }]
      : [],
  );
}
