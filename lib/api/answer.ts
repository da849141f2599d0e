import type { Endpoint } from "@/lib/api/endpoint";
import { isReply, type Reply } from "./reply";

/**
 * A JSON route's answer checked against its contract: a status the contract declares, the data passed
 * through the response schema (unknown keys dropped: DTOs only). Shared by `handle()` (Next.js routes)
 * and `nodeRoute()` (the node:http receivers of the production server), so both answer alike.
 */
export function contractAnswer(endpoint: Endpoint, out: unknown): { status: number; data: unknown; apply?: Reply<unknown>["apply"] } {
  const allowed = new Set([endpoint.status ?? 200, ...(endpoint.alsoStatus ?? [])]);
  const { data, status = endpoint.status ?? 200, apply } = isReply(out) ? out : { data: out, status: undefined, apply: undefined };
  if (!allowed.has(status)) throw new Error(`${endpoint.method} ${endpoint.path} answered ${status}, which its contract does not declare`);
  const parsed = endpoint.response!.safeParse(data);
  if (!parsed.success) throw new Error(`${endpoint.method} ${endpoint.path}: the answer does not match its response schema: ${parsed.error.message}`);
  return { status, data: parsed.data, apply };
}
