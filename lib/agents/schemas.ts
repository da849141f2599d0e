import { z } from "zod";

/** Inputs of the Agents pages and API (strict: unknown fields are errors). */
export const AGENT_SWITCHABLE_STATUSES = ["ACTIVE", "INACTIVE", "MAINTENANCE"] as const;
export const EXECUTION_STATUSES = ["PENDING", "RUNNING", "SUCCESS", "ERROR", "TIMEOUT", "CANCELLED", "SKIPPED"] as const;
export const LOG_LEVELS = ["DEBUG", "INFO", "WARN", "ERROR"] as const;

export const setAgentStatusSchema = z.object({ status: z.enum(AGENT_SWITCHABLE_STATUSES) }).strict();
export type SetAgentStatusInput = z.infer<typeof setAgentStatusSchema>;

/** The configuration itself is checked against the template's JSON Schema (lib/agents/validate-config.ts). */
export const updateAgentConfigSchema = z.object({ config: z.record(z.string(), z.unknown()) }).strict();
export const rollbackAgentConfigSchema = z.object({ version: z.number().int().min(1) }).strict();

const page = z.coerce.number().int().min(1).max(10_000).optional();
export const executionFiltersSchema = z.object({ status: z.enum(EXECUTION_STATUSES).optional(), page }).strict();
export type ExecutionFilters = z.infer<typeof executionFiltersSchema>;
export const logFiltersSchema = z.object({ level: z.enum(LOG_LEVELS).optional(), q: z.string().trim().max(200).optional(), page }).strict();
export type LogFilters = z.infer<typeof logFiltersSchema>;

/**
 * Field-level difference between two configuration versions (the diff view next to rollback): one
 * row per top-level field whose value differs, in the order of the schema's properties, then any
 * other field. Values compare as JSON (arrays of choices compare as sets: the order of ticked boxes
 * is not a change). `before`/`after` are undefined when the field is absent on that side.
 */
export type ConfigChange = { field: string; before: unknown; after: unknown };

const canonical = (v: unknown): string => (Array.isArray(v) ? JSON.stringify(v.map((x) => JSON.stringify(x)).sort()) : JSON.stringify(v ?? null));

export function diffConfigs(before: Record<string, unknown>, after: Record<string, unknown>, order: string[] = []): ConfigChange[] {
  const fields = [...new Set([...order, ...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((f) => f in before || f in after)
    .filter((f) => f in before !== f in after || canonical(before[f]) !== canonical(after[f]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}
