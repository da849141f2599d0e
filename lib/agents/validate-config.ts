import "server-only";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { AppError, type FieldIssue } from "@/lib/errors";

/**
 * A configuration checked against its template's JSON Schema (draft 2020-12) with Ajv, the same
 * schema the form is generated from. The `ui:*` keywords are form hints, known to Ajv as a vocabulary.
 * Errors become a 422 naming the field (`config.<property>`), in the reader's language.
 */
const ajv = new Ajv2020({ allErrors: true, useDefaults: false, strict: true });
ajv.addVocabulary(["ui:title", "ui:widget", "ui:titleEn"]);
const cache = new Map<string, ValidateFunction>();

function compiled(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = cache.get(key);
  if (!v) {
    v = ajv.compile(schema);
    cache.set(key, v);
  }
  return v;
}

function issueOf(e: ErrorObject): FieldIssue {
  const path = e.instancePath.replace(/^\//, "").replace(/\//g, ".");
  const field = e.keyword === "additionalProperties" ? `config.${[path, (e.params as { additionalProperty: string }).additionalProperty].filter(Boolean).join(".")}` : `config${path ? `.${path}` : ""}`;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "minimum":
      return { field, code: "too_small", key: "validation.tooSmall", values: { origin: "number", minimum: Number(p.limit), inclusive: "true" } };
    case "maximum":
      return { field, code: "too_big", key: "validation.tooBig", values: { origin: "number", maximum: Number(p.limit), inclusive: "true" } };
    case "type":
      return { field, code: "invalid_type", key: "validation.invalidType", values: { expected: String(p.type) === "integer" ? "int" : String(p.type) } };
    case "enum":
      return { field, code: "invalid_value", key: "validation.invalidValue", values: { options: ((p.allowedValues as unknown[]) ?? []).join(", ") } };
    case "additionalProperties":
      return { field, code: "unrecognized_keys", key: "validation.unknownField", values: { key: String(p.additionalProperty) } };
    case "required":
      return { field: `${field}.${String(p.missingProperty)}`.replace(/^config\./, "config."), code: "required", key: "validation.required" };
    default:
      return { field, code: "invalid", key: "validation.invalid" };
  }
}

/** Throws a 422 naming the first offending field when `config` does not satisfy `schema`. */
export function validateAgentConfig(schema: unknown, config: unknown): Record<string, unknown> {
  const validate = compiled((schema && typeof schema === "object" ? schema : {}) as Record<string, unknown>);
  if (validate(config)) return config as Record<string, unknown>;
  const issues = (validate.errors ?? []).map(issueOf);
  throw new AppError("validation", "validation.summary", { field: issues[0]?.field, issues });
}
