import { z } from "zod";

/**
 * Run history DTOs and filters, shared by the server (lib/runtime/queries.ts) and the Runs / Events
 * pages' client components (no server imports here).
 */
export const RUN_STATUSES = ["QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"] as const;
export type RunStatusDto = (typeof RUN_STATUSES)[number];

export const runFiltersSchema = z.object({
  function: z.string().max(200).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.string().max(40).optional(),
});
export type RunFilters = z.infer<typeof runFiltersSchema>;

export type RunListItem = {
  id: string;
  functionId: string;
  functionName: string;
  status: RunStatusDto;
  eventName: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  error: string | null;
};

export type RunStepDto = {
  hashedId: string;
  stepId: string | null;
  name: string | null;
  op: string;
  status: string;
  input: unknown;
  output: unknown;
  error: { name?: string; message?: string; stack?: string } | null;
  retries: { attempt: number; at: string; error: { name?: string; message?: string } }[];
  attempts: number;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
};

export type RunDetail = RunListItem & {
  event: unknown;
  eventId: string | null;
  output: unknown;
  errorDetail: { name?: string; message?: string; stack?: string } | null;
  attempt: number;
  cancelReason: string | null;
  parentRunId: string | null;
  rerunOfId: string | null;
  children: { id: string; functionId: string; status: RunStatusDto }[];
  steps: RunStepDto[];
  canCancel: boolean;
  canRerun: boolean;
};

export type EventListItem = {
  id: string;
  externalId: string | null;
  name: string;
  data: unknown;
  ts: string;
  receivedAt: string;
  runIds: string[];
  processed: boolean;
};

export const eventFiltersSchema = z.object({ name: z.string().max(256).optional(), cursor: z.string().max(40).optional() });
export type EventFilters = z.infer<typeof eventFiltersSchema>;
