import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";

/**
 * Seed 000 §8.1, "Métriques de santé": six computed metrics of one organisation with their OK /
 * warning / critical thresholds, shown as gauges on the War Room.
 */
export const AGENT_HEALTH_KEYS = ["contentInputToSignal", "signalToLaunch", "leadToFirstContact", "unconsumedMessages", "publishFailureRate", "aiQualificationRate"] as const;
export type AgentHealthKey = (typeof AGENT_HEALTH_KEYS)[number];

export const agentHealthMetricDto = z.object({
  key: z.enum(AGENT_HEALTH_KEYS),
  /** Hours, a count or a percentage (see unit); null when there is nothing to measure yet. */
  value: z.number().nullable(),
  unit: z.enum(["hours", "count", "percent"]),
  status: z.enum(["ok", "warning", "critical", "unknown"]),
  /** The seed's thresholds: above `warning` (below, for a rate that should be high) is a warning, beyond `critical` is critical. */
  /** The seed's "Seuil OK": below it (at least it, for a rate that should be high; exactly it for a count of 0). */
  target: z.number(),
  warning: z.number(),
  critical: z.number(),
  higherIsBetter: z.boolean(),
  /** How many items the value was computed from. */
  sample: z.number().int(),
});
export type AgentHealthMetricDto = z.infer<typeof agentHealthMetricDto>;

export const agentHealthDto = z.object({ metrics: z.array(agentHealthMetricDto), windowDays: z.number().int(), at: isoDateTime() }).meta({ id: "AgentHealth" });
export type AgentHealthDto = z.infer<typeof agentHealthDto>;

export const getAgentHealthEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/war-room/health",
  tag: "War Room",
  access: "org",
  summary: "Seed 000's health metrics of the agents (input -> signal, signal -> launch, lead -> first contact medians, unconsumed messages, 24 h publish failure rate, AI qualification rate) with OK / warning / critical",
  response: agentHealthDto,
});
