import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import { AgentExecutionStatus, AgentLogLevel, AgentStatus } from "@/lib/db/generated/enums";
import { executionFiltersSchema, logFiltersSchema, rollbackAgentConfigSchema, setAgentStatusSchema, updateAgentConfigSchema } from "./schemas";

/** Agents (issue 16): status, executions, logs and configuration of an organisation's agents. */
const tag = "Agents";

export const agentExecutionDto = z
  .object({
    id: z.string(),
    status: z.enum(AgentExecutionStatus),
    trigger: z.string().nullable(),
    runId: z.string().nullable(),
    source: z.string(),
    skipReason: z.string().nullable(),
    errorMessage: z.string().nullable(),
    failedStep: z.string().nullable(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    startedAt: isoDateTime(),
    finishedAt: isoDateTime().nullable(),
    durationMs: z.number().int().nullable(),
    stepCount: z.number().int(),
    tokensUsed: z.number().int(),
    credits: z.number().int(),
  })
  .meta({ id: "AgentExecution" });
export type AgentExecutionDto = z.infer<typeof agentExecutionDto>;

export const agentLogDto = z
  .object({ id: z.string(), level: z.enum(AgentLogLevel), message: z.string(), executionId: z.string().nullable(), createdAt: isoDateTime() })
  .meta({ id: "AgentLog" });
export type AgentLogDto = z.infer<typeof agentLogDto>;

const paged = { page: z.number().int(), pages: z.number().int(), total: z.number().int() };
const configAnswer = z.object({ config: z.record(z.string(), z.unknown()), version: z.number().int() });

export const setAgentStatusEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/orgs/{org}/agents/{id}/status",
  tag,
  access: "org",
  permission: "manageAutomations",
  summary: "Switch an agent on or off (or to maintenance): an inactive agent's next runs do nothing but record a skipped execution",
  body: setAgentStatusSchema,
  response: z.object({ agent: z.object({ id: z.string(), status: z.enum(AgentStatus) }) }),
});

export const listAgentExecutionsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/agents/{id}/executions",
  tag,
  access: "org",
  summary: "An agent's executions, newest first (20 per page), optionally of one status",
  query: executionFiltersSchema,
  response: z.object({ executions: z.array(agentExecutionDto), ...paged }),
});

export const listAgentLogsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/agents/{id}/logs",
  tag,
  access: "org",
  summary: "An agent's log lines, newest first (50 per page), by level and text search",
  query: logFiltersSchema,
  response: z.object({ logs: z.array(agentLogDto), ...paged }),
});

export const updateAgentConfigEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/orgs/{org}/agents/{id}/config",
  tag,
  access: "org",
  permission: "manageAutomations",
  summary: "Save an agent's configuration as a new version; validated against the template's JSON Schema (422 naming the field)",
  body: updateAgentConfigSchema,
  response: configAnswer,
});

export const rollbackAgentConfigEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/agents/{id}/config/rollback",
  tag,
  access: "org",
  permission: "manageAutomations",
  summary: "Make an earlier configuration version current again (saved as a new version)",
  body: rollbackAgentConfigSchema,
  response: configAnswer,
});

export const runAgentNowEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/agents/{id}/run",
  tag,
  access: "org",
  permission: "manageAutomations",
  summary:
    '"Run now" on a scheduled agent: its cron workflow runs at once through the event agents/run.requested (202; the run appears in the agent\'s executions). 422 for an agent without a schedule, 409 for one that is not active',
  body: z.object({}).strict(),
  response: z.object({ requestId: z.string(), eventName: z.string() }),
  status: 202,
});

export const installAgentTemplateEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/agents/templates/{slug}/install",
  tag,
  access: "org",
  permission: "manageAutomations",
  summary:
    "Install an agent from the catalogue: creates it (active, the schema's default configuration as version 1) or switches it back on when it is off; idempotent (an active agent is left as it is); an unknown template is a 404",
  body: z.object({}).strict(),
  response: z.object({ agentId: z.string(), status: z.enum(AgentStatus), created: z.boolean(), reenabled: z.boolean() }),
});

const signed =
  "Standard Webhooks signature with the organisation's agent webhook secret (headers webhook-id, webhook-timestamp, webhook-signature: HMAC-SHA256 over `id.timestamp.body`, 5 minutes of tolerance); `?org=<slug>` names the organisation. A bad or stale signature, or an unknown organisation, is a 401 and nothing is stored.";

export const agentExecutionWebhookEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/webhooks/agent-execution",
  tag,
  access: "signature",
  summary: "An agent running elsewhere (n8n, a script) reports an execution into the Agents views",
  description: `${signed} One execution per \`executionId\` (else per webhook id): a replayed delivery answers duplicate: true.`,
  query: z.object({ org: z.string().max(100).optional() }),
  body: z.looseObject({ agent: z.string(), status: z.string() }),
  response: z.object({ executionId: z.string(), duplicate: z.boolean() }),
});

export const agentErrorWebhookEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/webhooks/agent-error",
  tag,
  access: "signature",
  summary: "An agent running elsewhere reports an error (logged; its execution, when named, marked failed)",
  description: `${signed} One log line per webhook id.`,
  query: z.object({ org: z.string().max(100).optional() }),
  body: z.looseObject({ agent: z.string(), message: z.string() }),
  response: z.object({ logged: z.boolean(), duplicate: z.boolean() }),
});

export const externalAgentsSettingsDto = z
  .object({ executionUrl: z.string(), errorUrl: z.string(), secret: z.string(), rotatedAt: isoDateTime().nullable() })
  .meta({ id: "ExternalAgentsSettings", description: "Where agents running elsewhere (n8n, a script) report, and the Standard Webhooks secret they sign with" });
export type ExternalAgentsSettingsDto = z.infer<typeof externalAgentsSettingsDto>;

export const getExternalAgentsSettingsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/agents/external",
  tag,
  access: "org",
  permission: "manageApiKeys",
  summary: "The two webhook URLs for external agents and the organisation's signing secret (admins, signed in)",
  response: externalAgentsSettingsDto,
});

export const rotateExternalAgentsSecretEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/agents/external/secret",
  tag,
  access: "org",
  permission: "manageApiKeys",
  summary: "Replace the external agents' signing secret: deliveries signed with the old one are refused from now on",
  response: externalAgentsSettingsDto,
});
