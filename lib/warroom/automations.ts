import "server-only";
import { db } from "@/lib/db/client";
import type { ComplianceLevel } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { publishLiveEvent } from "@/lib/live/publish";
import type { AutomationDto } from "./contracts";
import { AUTOMATION_KEYS, isAutomationKey, type AutomationKey } from "./schemas";

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

type Row = { key: string; enabled: boolean; label: string; description: string | null; compliance: ComplianceLevel; complianceNotes: string[]; updatedAt: Date };

function toDto(key: AutomationKey, row: Row | undefined): AutomationDto {
  const c = AUTOMATION_CATALOGUE[key];
  // The compliance level is the catalogue's, whatever a row says: a BLOCKED automation stays blocked.
  if (!row) return { key, enabled: false, label: c.label, description: c.description, compliance: c.compliance, complianceNotes: c.complianceNotes, updatedAt: null };
  return { key, enabled: row.enabled && c.compliance !== "BLOCKED", label: row.label, description: row.description, compliance: c.compliance, complianceNotes: row.complianceNotes.length ? row.complianceNotes : c.complianceNotes, updatedAt: row.updatedAt.toISOString() };
}

const select = { key: true, enabled: true, label: true, description: true, compliance: true, complianceNotes: true, updatedAt: true } as const;

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
 * Switch an automation (the route checked the permission): one transaction writes the flag, a line of
 * its audit trail when it changed, and the live event `automation.updated` (the seed's STATE_PATCH).
 */
export async function setAutomation(opts: { organizationId: string; key: string; enabled: boolean; actorUserId: string | null }): Promise<AutomationDto> {
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
    const [before] = await tx.$queryRaw<{ id: string; enabled: boolean }[]>`SELECT id, enabled FROM automations WHERE "organizationId" = ${opts.organizationId} AND key = ${key} FOR UPDATE`;
    const updated = await tx.automation.update({ where: { id: before!.id }, data: { enabled: opts.enabled, updatedById: opts.actorUserId }, select });
    if (before!.enabled !== opts.enabled) {
      await tx.automationEvent.create({ data: { organizationId: opts.organizationId, automationId: before!.id, actorUserId: opts.actorUserId, fromEnabled: before!.enabled, toEnabled: opts.enabled } });
      await publishLiveEvent(tx, { organizationId: opts.organizationId, type: "automation.updated", payload: { key, enabled: opts.enabled } });
    }
    return updated;
  });
  return toDto(key, row);
}
