import { z } from "zod";

/**
 * Inputs of the scenario assistant (seed 002) and the AI answers it accepts. Imports only zod: the
 * pages and the contracts share these. Lengths are the seed's columns (nom 150, label 120, ...).
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const SCENARIO_STATUSES = ["DRAFT", "READY"] as const;
export const RESOURCE_TYPES = ["ARTICLE", "VIDEO", "WEBINAR", "CASE_STUDY", "OTHER"] as const;
export const TARGET_MATURITIES = ["AWARENESS", "CONSIDERATION", "DECISION"] as const;

export const listScenariosQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(1000).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).optional(),
    theme: z.string().trim().max(150).optional(),
    q: z.string().trim().max(150).optional(),
  })
  .strict();

export const createScenarioSchema = z.object({ name: text(150), theme: text(150), description: optionalText(4000) }).strict();

export const addObjectiveSchema = z.object({ label: text(120), description: optionalText(2000), priority: z.number().int().min(1).max(5).optional() }).strict();

export const addTargetSchema = z
  .object({
    label: text(120),
    persona: optionalText(2000),
    segment: optionalText(120),
    insight: optionalText(2000),
    maturity: z.enum(TARGET_MATURITIES).optional(),
  })
  .strict();

export const addResourceSchema = z
  .object({
    type: z.enum(RESOURCE_TYPES),
    title: text(150),
    url: z
      .string()
      .trim()
      .max(255)
      .refine((u) => /^https?:\/\//i.test(u), { message: "http(s) URL expected" })
      .optional(),
    note: optionalText(2000),
    usage: optionalText(120),
  })
  .strict();

export const emptyBodySchema = z.object({ locale: z.enum(["fr", "en"]).optional() }).strict();

export const searchSchema = z.object({ scenarioId: z.string().min(1).max(40), query: optionalText(180), locale: z.enum(["fr", "en"]).optional() }).strict();

/** The chat's intents (the buttons' "role_action"). "message" = free text typed in the composer. */
export const CHAT_INTENTS = [
  "welcome",
  "message",
  "scenario.create",
  "scenario.open",
  "scenario.list",
  "targets.suggest",
  "targets.add",
  "objectives.add",
  "resources.add",
  "search.run",
  "inspiration.use",
  "plan.generate",
] as const;
export type ChatIntent = (typeof CHAT_INTENTS)[number];

export const chatSchema = z
  .object({
    intent: z.enum(CHAT_INTENTS),
    message: optionalText(4000),
    scenarioId: z.string().min(1).max(40).optional(),
    chatId: z.string().min(1).max(40).optional(),
    /** What the button carries (a suggested target to add, an inspiration to use...). */
    payload: z.record(z.string(), z.unknown()).optional(),
    locale: z.enum(["fr", "en"]).optional(),
  })
  .strict();

/** A button offered with an assistant message; its intent is sent back with the payload. */
export const chatActionSchema = z.object({ id: z.string(), label: z.string(), intent: z.string(), payload: z.record(z.string(), z.unknown()).optional() });
export type ChatAction = z.infer<typeof chatActionSchema>;

// ---- AI outputs (validated with zod: an answer that does not pass is a 502 with nothing written) ----

export const aiTargetSuggestionsSchema = z.object({
  suggestions: z
    .array(z.object({ label: z.string().trim().min(2).max(120), description: z.string().trim().min(2).max(600), insight: z.string().trim().min(2).max(600) }))
    .length(3),
});

export const aiPlanSchema = z.object({
  summary: z.string().trim().min(10).max(2000),
  rows: z
    .array(
      z.object({
        format: z.string().trim().min(2).max(60),
        message: z.string().trim().min(2).max(600),
        channel: z.string().trim().min(2).max(60),
        frequency: z.string().trim().min(2).max(60),
        kpi: z.string().trim().min(2).max(80),
      }),
    )
    .min(3)
    .max(20),
});

/** The chat answer's form (seed 002 section 10): always these four keys. */
export const aiChatSchema = z.object({
  message_markdown: z.string().trim().min(1).max(4000),
  actions: z.array(z.object({ label: z.string().max(80), intent: z.string().max(60) })).max(6),
  entities_to_create: z
    .array(z.object({ kind: z.enum(["scenario", "objective", "target", "resource"]), label: z.string().trim().min(1).max(150), description: z.string().max(600) }))
    .max(5),
  errors: z.array(z.string().max(300)).max(5),
});
export type AiChatAnswer = z.infer<typeof aiChatSchema>;

/** The JSON export's format tag (GET /scenarios/{id}/export/json); POST /scenarios/import reads it back. */
export const EXPORT_FORMAT = "marketing-engine/scenario@1";

const nullableText = (max: number) => z.string().max(max).nullable().optional();

/** An exported scenario to import (ids, dates, messages and inspirations are ignored). */
export const importScenarioSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  /** Written by the export; read back and ignored. Any other top-level key is refused (422 naming it). */
  exportedAt: z.string().max(40).optional(),
  scenario: z.object({
    name: text(150),
    theme: text(150),
    description: nullableText(4000),
    status: z.enum(SCENARIO_STATUSES),
    objectives: z.array(z.object({ label: text(120), description: nullableText(2000), priority: z.number().int().min(1).max(5) })).max(50),
    targets: z.array(z.object({ label: text(120), persona: nullableText(2000), segment: nullableText(120), insight: nullableText(2000), maturity: z.enum(TARGET_MATURITIES) })).max(50),
    resources: z.array(z.object({ type: z.enum(RESOURCE_TYPES), title: text(150), url: nullableText(255), note: nullableText(2000), usage: nullableText(120) })).max(50),
    plan: z
      .object({
        summary: text(2000),
        model: z.string().max(120).nullable().optional(),
        rows: z.array(z.object({ format: text(60), message: text(600), channel: text(60), frequency: text(60), kpi: text(80) })).max(100),
      })
      .nullable(),
  }),
}).strict();
