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
