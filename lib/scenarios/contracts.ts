import { z } from "zod";
import { defineEndpoint, isoDateTime } from "@/lib/api/endpoint";
import {
  addObjectiveSchema,
  addResourceSchema,
  addTargetSchema,
  chatActionSchema,
  chatSchema,
  createScenarioSchema,
  emptyBodySchema,
  importScenarioSchema,
  listScenariosQuerySchema,
  RESOURCE_TYPES,
  SCENARIO_STATUSES,
  searchSchema,
  TARGET_MATURITIES,
} from "./schemas";

/** Scenario assistant (seed 002): scenarios, their objectives / targets / resources, plans, chat, inspirations, export. */
const tag = "Scenario assistant";

export const scenarioListItemDto = z
  .object({
    id: z.string(),
    name: z.string(),
    theme: z.string(),
    description: z.string().nullable(),
    status: z.enum(SCENARIO_STATUSES),
    updatedAt: isoDateTime(),
    objectives: z.number().int(),
    targets: z.number().int(),
    resources: z.number().int(),
    planRows: z.number().int(),
  })
  .meta({ id: "ScenarioListItem" });
export type ScenarioListItemDto = z.infer<typeof scenarioListItemDto>;

export const planRowDto = z.object({ id: z.string(), position: z.number().int(), format: z.string(), message: z.string(), channel: z.string(), frequency: z.string(), kpi: z.string() });
export const planDto = z.object({ id: z.string(), version: z.number().int(), summary: z.string(), model: z.string().nullable(), generatedAt: isoDateTime(), rows: z.array(planRowDto) }).meta({ id: "ScenarioPlan" });

export const searchResultDto = z.object({ title: z.string(), excerpt: z.string(), recommendedAction: z.string(), source: z.string(), kind: z.enum(["resource", "target", "objective"]) });
export const searchDto = z.object({ id: z.string(), query: z.string(), createdAt: isoDateTime(), results: z.array(searchResultDto) }).meta({ id: "ScenarioSearch" });

export const chatMessageDto = z
  .object({ id: z.string(), author: z.enum(["USER", "ASSISTANT", "SYSTEM"]), content: z.string(), action: z.string().nullable(), actions: z.array(chatActionSchema), createdAt: isoDateTime(), expiresAt: isoDateTime() })
  .meta({ id: "AssistantMessage" });
export type ChatMessageDto = z.infer<typeof chatMessageDto>;

export const scenarioDto = z
  .object({
    id: z.string(),
    name: z.string(),
    theme: z.string(),
    description: z.string().nullable(),
    status: z.enum(SCENARIO_STATUSES),
    createdAt: isoDateTime(),
    updatedAt: isoDateTime(),
    objectives: z.array(z.object({ id: z.string(), label: z.string(), description: z.string().nullable(), priority: z.number().int() })),
    targets: z.array(z.object({ id: z.string(), label: z.string(), persona: z.string().nullable(), segment: z.string().nullable(), insight: z.string().nullable(), maturity: z.enum(TARGET_MATURITIES) })),
    resources: z.array(z.object({ id: z.string(), type: z.enum(RESOURCE_TYPES), title: z.string(), url: z.string().nullable(), note: z.string().nullable(), usage: z.string().nullable() })),
    plan: planDto.nullable().meta({ description: "The current plan (highest version)" }),
    planVersions: z.number().int().meta({ description: "How many plans were generated (regenerating keeps the earlier ones)" }),
    searches: z.array(searchDto),
    messages: z.array(chatMessageDto).meta({ description: "The most recent chat messages about this scenario (oldest first; purged 7 days after creation)" }),
  })
  .meta({ id: "Scenario", description: "A scenario with its objectives, targets, resources, current plan, inspirations and recent messages" });
export type ScenarioDto = z.infer<typeof scenarioDto>;

export const targetSuggestionDto = z.object({ label: z.string(), description: z.string(), insight: z.string() });

export const scenarioExampleDto = z.object({ key: z.string(), name: z.string(), theme: z.string(), description: z.string(), objectives: z.number().int(), targets: z.number().int(), planRows: z.number().int() }).meta({ id: "ScenarioExample" });

const scenarioOut = z.object({ scenario: scenarioDto });

export const listScenariosEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/scenarios",
  tag,
  access: "org",
  summary: "The organisation's scenarios, most recently updated first (page, pageSize up to 100, theme filter, q searches name and theme)",
  query: listScenariosQuerySchema,
  response: z.object({ items: z.array(scenarioListItemDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
});

export const createScenarioEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/scenarios",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Create a scenario { name, theme, description? } (DRAFT)",
  body: createScenarioSchema,
  response: scenarioOut,
  status: 201,
});

export const getScenarioEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/scenarios/{id}",
  tag,
  access: "org",
  summary: "A scenario with objectives, targets, resources, current plan, inspirations and recent messages (404 for another organisation's)",
  response: scenarioOut,
});

export const addObjectiveEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/scenarios/{id}/objectives",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Add an objective (label, description?, priority 1 = highest); answers the updated scenario",
  body: addObjectiveSchema,
  response: scenarioOut,
  status: 201,
});

export const addTargetEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/scenarios/{id}/targets",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Add a target (label, persona?, segment?, insight?, maturity AWARENESS | CONSIDERATION | DECISION); answers the updated scenario",
  body: addTargetSchema,
  response: scenarioOut,
  status: 201,
});

export const addResourceEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/scenarios/{id}/resources",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Add a resource (type, title, url?, note?, usage?); answers the updated scenario",
  body: addResourceSchema,
  response: scenarioOut,
  status: 201,
});

export const suggestTargetsEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/scenarios/{id}/targets/suggestions",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Three target proposals (label, description, insight) from the AI; nothing is stored until one is added. 502 with a fallback message when the AI fails; 30 AI requests a minute per user",
  body: emptyBodySchema,
  response: z.object({ suggestions: z.array(targetSuggestionDto) }),
});

export const generatePlanEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/scenarios/{id}/plan",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Generate (or regenerate: a new version, earlier ones kept) the distribution plan: summary + rows (format, message, channel, frequency, KPI). 502 with nothing written when the AI fails",
  body: emptyBodySchema,
  response: scenarioOut,
  status: 201,
});

export const sendPlanRowToFlywheelEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/scenarios/{id}/plan/rows/{rowId}/idea",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Send a plan item to the Content Flywheel as an idea (MKT-101 text input with the scenario's context)",
  body: z.object({}).strict(),
  response: z.object({ inputId: z.string(), duplicate: z.boolean() }),
  status: 201,
});

export const exportScenarioJsonEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/scenarios/{id}/export/json",
  tag,
  access: "org",
  summary: "The scenario as a JSON file (scenario, objectives, targets, resources, current plan); POST /scenarios/import reads it back into the same scenario",
  produces: "raw",
  contentType: "application/json",
});

export const exportScenarioCsvEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/scenarios/{id}/export/csv",
  tag,
  access: "org",
  summary: "The current plan as CSV (UTF-8 with BOM, ';' separated): one row per plan item with the scenario's fields",
  produces: "raw",
  contentType: "text/csv",
});

export const importScenarioEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/scenarios/import",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Import a scenario exported as JSON (GET …/export/json): a new scenario with the same fields, objectives, targets, resources and plan (422 naming the field when the document does not fit)",
  body: importScenarioSchema,
  response: scenarioOut,
  status: 201,
});

export const listScenarioExamplesEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/orgs/{org}/scenarios/examples",
  tag,
  access: "org",
  summary: "The five B2B example scenarios every organisation can copy",
  response: z.object({ examples: z.array(scenarioExampleDto) }),
});

export const copyScenarioExampleEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/scenarios/examples/{key}",
  tag,
  access: "org",
  permission: "editContent",
  summary: "Copy an example scenario into the organisation (a new DRAFT scenario with its objectives, targets, resources and plan)",
  body: z.object({}).strict(),
  response: scenarioOut,
  status: 201,
});

export const assistantChatEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/assistant/chat",
  tag,
  access: "org",
  permission: "editContent",
  summary:
    "One chat turn: an intent (a button or typed text) with the scenario context -> { message_markdown, actions[] (the next buttons, decided by the server), entities_to_create[], errors[] } and the updated scenario. 502 with a fallback message and nothing written when the AI fails; 30 AI requests a minute per user",
  body: chatSchema,
  response: z.object({
    chatId: z.string(),
    message_markdown: z.string(),
    actions: z.array(chatActionSchema),
    entities_to_create: z.array(z.object({ kind: z.string(), label: z.string(), description: z.string().optional(), insight: z.string().optional() })),
    errors: z.array(z.string()),
    messages: z.array(chatMessageDto).meta({ description: "The turn's stored messages (the user's, then the assistant's)" }),
    scenario: scenarioDto.nullable(),
  }),
});

export const assistantSearchEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/orgs/{org}/assistant/search",
  tag,
  access: "org",
  permission: "editContent",
  summary: "\"Find inspirations\": three results (title, excerpt, recommended action, source) from the search provider (embedded: the organisation's own content, signals and insights), stored with the scenario",
  body: searchSchema,
  response: z.object({ search: searchDto }),
  status: 201,
});
