import { z } from "zod";

/** MKT-303 sequence editor input (shared with the browser): strict, so an unknown field is a 422 naming it. */
export const SEQUENCE_TIERS = ["WARM", "COLD", "HOT"] as const;
export const SEQUENCE_STATUSES = ["DRAFT", "ACTIVE", "PAUSED", "ARCHIVED"] as const;
export const STEP_CHANNELS = ["EMAIL", "WHATSAPP"] as const;
export const STEP_MODES = ["AI", "TEMPLATE"] as const;
/** At most a year between two steps. */
export const MAX_DELAY_MINUTES = 365 * 24 * 60;
export const MAX_STEPS = 10;

export const sequenceStepSchema = z
  .object({
    channel: z.enum(STEP_CHANNELS),
    mode: z.enum(STEP_MODES),
    delayMinutes: z.number().int().min(0).max(MAX_DELAY_MINUTES),
    /** Email subject: a template (TEMPLATE) or an idea for the AI (AI). */
    subject: z.string().trim().max(200).nullable().optional(),
    /** The message with placeholders (TEMPLATE) or the brief the AI personalises (AI). */
    body: z.string().trim().min(1).max(5000),
    /** WhatsApp: the approved template sent outside the 24-hour window. */
    whatsappTemplateName: z.string().trim().max(120).nullable().optional(),
  })
  .strict();

export const sequenceInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().max(500).nullable().optional(),
    targetTier: z.enum(SEQUENCE_TIERS).nullable(),
    status: z.enum(SEQUENCE_STATUSES),
    /** Owner only: the AI's messages of this sequence go out without a per-message yes. */
    autoApprove: z.boolean(),
    steps: z.array(sequenceStepSchema).min(1).max(MAX_STEPS),
  })
  .strict();
export type SequenceInput = z.infer<typeof sequenceInputSchema>;

export const messageDecisionSchema = z
  .object({
    decision: z.enum(["APPROVE", "REJECT"]),
    /** The SHA-256 of the version shown (subject + body), from the lead's page: another version is a 409. */
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
