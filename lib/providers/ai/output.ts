import { z } from "zod";

/**
 * Turning model text into a value the caller can trust: find the JSON, parse it, validate it with
 * the caller's zod schema. Anything else is a list of issues for the repair turn.
 */
/** What is wrong with a model's answer, in the words the repair turn sends back to the model (English). */
export type OutputIssue = { field: string; message: string };
export type Checked<T> = { ok: true; value: T } | { ok: false; issues: OutputIssue[]; reason: string };

/** The JSON value inside an answer: the whole text, a ```json fence, or the outermost {...} / [...]. */
export function extractJson(text: string): string {
  const trimmed = text.trim();
  const fence = /```(?:json)?\s*\n?([\s\S]*?)```/i.exec(trimmed);
  if (fence) return fence[1]!.trim();
  if (/^[[{]/.test(trimmed)) return trimmed;
  const start = trimmed.search(/[[{]/);
  const end = Math.max(trimmed.lastIndexOf("}"), trimmed.lastIndexOf("]"));
  return start >= 0 && end > start ? trimmed.slice(start, end + 1) : trimmed;
}

export function checkOutput<S extends z.ZodType>(schema: S, text: string, stopReason: string | null): Checked<z.infer<S>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(extractJson(text));
  } catch (err) {
    const cut = stopReason === "max_tokens" ? " (the answer was cut at max_tokens)" : "";
    return { ok: false, reason: `not JSON${cut}`, issues: [{ field: "$", message: `invalid JSON: ${(err as Error).message}${cut}` }] };
  }
  const result = schema.safeParse(parsed);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, reason: "does not match the schema", issues: result.error.issues.map((i) => ({ field: i.path.length ? i.path.map(String).join(".") : "$", message: i.message })) };
}

/**
 * The JSON Schema of what the model must write (the schema's input side: defaults may be omitted,
 * transforms take their input type). Unrepresentable parts (dates, custom checks) become "any".
 */
export function outputJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const js = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete js.$schema;
  return js;
}
