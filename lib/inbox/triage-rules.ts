import "server-only";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { TriageRuleDto } from "./contracts";
import type { TriageRuleInput } from "./schemas";
import { compilePattern } from "./triage/rules";

const SELECT = { id: true, name: true, action: true, appliesTo: true, platforms: true, keywords: true, patterns: true, examples: true, similarityMin: true, confidenceMin: true, replyTemplate: true, enabled: true, priority: true } as const;

function checkPatterns(patterns: string[] | undefined) {
  patterns?.forEach((p, i) => {
    if (!compilePattern(p)) throw new AppError("validation", "inbox.badPattern", { field: `patterns.${i}`, values: { detail: p } });
  });
}

/** The organisation's triage rules in evaluation order (priority, then creation). */
export async function listTriageRules(opts: { organizationId: string }): Promise<TriageRuleDto[]> {
  return (await db().triageRule.findMany({ where: { organizationId: opts.organizationId }, orderBy: [{ priority: "asc" }, { createdAt: "asc" }], select: SELECT })) as TriageRuleDto[];
}

export async function createTriageRule(opts: { organizationId: string; userId: string | null; input: TriageRuleInput }): Promise<TriageRuleDto> {
  checkPatterns(opts.input.patterns);
  return (await db().triageRule.create({ data: { organizationId: opts.organizationId, createdById: opts.userId, ...opts.input }, select: SELECT })) as TriageRuleDto;
}

export async function updateTriageRule(opts: { organizationId: string; id: string; input: Partial<TriageRuleInput> }): Promise<TriageRuleDto> {
  checkPatterns(opts.input.patterns);
  const found = await db().triageRule.findFirst({ where: { id: opts.id, organizationId: opts.organizationId }, select: { id: true } });
  if (!found) throw notFound("triageRule");
  return (await db().triageRule.update({ where: { id: found.id }, data: opts.input, select: SELECT })) as TriageRuleDto;
}

export async function deleteTriageRule(opts: { organizationId: string; id: string }): Promise<void> {
  const deleted = await db().triageRule.deleteMany({ where: { id: opts.id, organizationId: opts.organizationId } });
  if (deleted.count === 0) throw notFound("triageRule");
}
