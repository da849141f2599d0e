import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { endpointUrl } from "@/lib/api/client";
import { getOpenApiEndpoint } from "@/lib/api/contracts";

/**
 * A readable API reference rendered from the OpenAPI 3.1 document (server component, no client code).
 * Contract summaries and schema descriptions are written in English in the contracts; that part is
 * marked lang="en" so a French page stays honest about it.
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  description?: string;
  format?: string;
  maxLength?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
  additionalProperties?: boolean | Schema;
};
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema; description?: string };
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
  "x-permission"?: string;
};
type Document = { paths?: Record<string, Record<string, Operation> | undefined>; components?: { schemas?: Record<string, Schema> } };

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const METHOD_TONE = { get: "blue", post: "green", put: "amber", patch: "amber", delete: "red" } as const;
const MAX_DEPTH = 4;

function refName(ref: string) {
  return ref.split("/").pop() ?? ref;
}

function typeLabel(s: Schema, schemas: Record<string, Schema>): string {
  if (s.$ref) return refName(s.$ref);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map((u) => typeLabel(u, schemas)).join(" | ");
  if (s.type === "array" && s.items) return `${typeLabel(s.items, schemas)}[]`;
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  return s.format ? `${t} (${s.format})` : t;
}

function resolve(s: Schema, schemas: Record<string, Schema>): Schema {
  return s.$ref ? (schemas[refName(s.$ref)] ?? s) : s;
}

/** The object whose fields are worth listing: the schema itself, an array's items, or the object branch of a union. */
function objectOf(s: Schema, schemas: Record<string, Schema>): Schema | undefined {
  const r = resolve(s, schemas);
  if (r.properties) return r;
  if (r.type === "array" && r.items) return objectOf(r.items, schemas);
  for (const u of r.anyOf ?? r.oneOf ?? r.allOf ?? []) {
    const o = objectOf(u, schemas);
    if (o) return o;
  }
  return undefined;
}

function Fields({ schema, schemas, depth }: { schema: Schema; schemas: Record<string, Schema>; depth: number }) {
  const obj = objectOf(schema, schemas);
  if (!obj?.properties) return <code className="text-xs text-slate-600">{typeLabel(schema, schemas)}</code>;
  const required = new Set(obj.required ?? []);
  return (
    <ul className={depth > 0 ? "mt-1 space-y-1 border-l border-slate-200 pl-3" : "space-y-1"}>
      {Object.entries(obj.properties).map(([name, prop]) => {
        const nested = depth < MAX_DEPTH ? objectOf(prop, schemas) : undefined;
        const r = resolve(prop, schemas);
        return (
          <li key={name} className="text-xs">
            <code className="font-semibold text-slate-800">{name}</code>
            <code className="ml-2 break-all text-slate-500">{typeLabel(prop, schemas)}</code>
            {required.has(name) ? <span className="ml-2 text-[11px] font-medium text-red-700">required</span> : null}
            {r.description ? <p className="text-slate-500">{r.description}</p> : null}
            {nested && nested !== obj ? <Fields schema={prop} schemas={schemas} depth={depth + 1} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

function authOf(op: Operation): "session" | "apiKey" | "both" | "none" {
  const kinds = new Set((op.security ?? []).flatMap((s) => Object.keys(s)));
  if (kinds.has("session") && kinds.has("apiKey")) return "both";
  if (kinds.has("apiKey")) return "apiKey";
  if (kinds.has("session")) return "session";
  return "none";
}

export async function ApiReference({ org, document }: { org: string; document: unknown }) {
  const t = await getTranslations("settings.apiReference");
  const doc = document as Document;
  const schemas = doc.components?.schemas ?? {};
  const byTag = new Map<string, { method: (typeof METHODS)[number]; path: string; op: Operation }[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "Other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const tags = [...byTag.keys()].sort((a, b) => a.localeCompare(b));
  const count = [...byTag.values()].reduce((n, ops) => n + ops.length, 0);

  return (
    <div className="min-w-0 space-y-6 [overflow-wrap:anywhere]" data-testid="api-reference">
      <Card>
        <CardHeader title={t("title")} description={t("description", { count })} />
        <CardBody className="space-y-3 text-sm text-slate-700">
          <p>{t("auth")}</p>
          <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">
            {`curl -X POST "$APP_URL/api/webhooks/ideas" \\\n  -H "X-API-Key: <${t("yourKey")}>" \\\n  -H "Content-Type: application/json" \\\n  -d '{"text":"…"}'`}
          </pre>
          <div className="flex flex-wrap gap-3">
            <a href={endpointUrl(getOpenApiEndpoint)} className="font-medium text-brand-700 underline" download="marketingengine-openapi.json" data-testid="openapi-download">
              {t("download")}
            </a>
            <Link href={`/${org}/settings/api-keys`} className="font-medium text-brand-700 underline">
              {t("manageKeys")}
            </Link>
          </div>
          <p className="text-xs text-slate-500">{t("englishNote")}</p>
        </CardBody>
      </Card>

      <nav aria-label={t("sections")} className="flex flex-wrap gap-2">
        {tags.map((tag) => (
          <a key={tag} href={`#api-${tag}`} className="rounded-full border border-slate-200 bg-white px-3 py-1 text-xs font-medium text-slate-700 hover:border-brand-300" lang="en">
            {tag}
          </a>
        ))}
      </nav>

      {tags.map((tag) => (
        <section key={tag} id={`api-${tag}`} aria-labelledby={`api-${tag}-title`} className="space-y-2" lang="en">
          <h2 id={`api-${tag}-title`} className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            {tag}
          </h2>
          {byTag.get(tag)!.map(({ method, path, op }) => {
            const body = Object.entries(op.requestBody?.content ?? {})[0];
            const ok = Object.entries(op.responses ?? {}).filter(([s]) => /^2\d\d$/.test(s));
            const errors = Object.keys(op.responses ?? {}).filter((s) => /^[45]\d\d$/.test(s));
            const auth = authOf(op);
            return (
              <details key={`${method} ${path}`} className="group rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="api-operation">
                <summary className="flex cursor-pointer list-none flex-wrap items-center gap-2 px-4 py-3 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600">
                  <Badge tone={METHOD_TONE[method]} className="w-16 justify-center font-mono uppercase">
                    {method}
                  </Badge>
                  <code className="min-w-0 break-all text-xs font-semibold text-slate-900">{path}</code>
                  <span className="min-w-0 basis-full text-xs text-slate-500 sm:basis-0 sm:flex-1">{op.summary}</span>
                  {op.deprecated ? <Badge tone="amber">deprecated</Badge> : null}
                </summary>
                <div className="space-y-4 border-t border-slate-100 px-4 py-3">
                  {op.description ? <p className="text-sm text-slate-700">{op.description}</p> : null}
                  <dl className="grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[10rem_1fr]">
                    <dt className="font-medium text-slate-500">Auth</dt>
                    <dd>{auth === "both" ? "session or X-API-Key" : auth === "apiKey" ? "X-API-Key" : auth === "session" ? "session" : "none (signed or public)"}</dd>
                    {op["x-permission"] ? (
                      <>
                        <dt className="font-medium text-slate-500">Permission</dt>
                        <dd>
                          <code>{op["x-permission"]}</code>
                        </dd>
                      </>
                    ) : null}
                    {op.operationId ? (
                      <>
                        <dt className="font-medium text-slate-500">operationId</dt>
                        <dd>
                          <code>{op.operationId}</code>
                        </dd>
                      </>
                    ) : null}
                  </dl>
                  {op.parameters?.length ? (
                    <div>
                      <h3 className="mb-1 text-xs font-semibold text-slate-700">Parameters</h3>
                      <ul className="space-y-1">
                        {op.parameters.map((p) => (
                          <li key={`${p.in}-${p.name}`} className="text-xs">
                            <code className="font-semibold text-slate-800">{p.name}</code>
                            <span className="ml-2 text-slate-400">{p.in}</span>
                            <code className="ml-2 text-slate-500">{p.schema ? typeLabel(p.schema, schemas) : ""}</code>
                            {p.required ? <span className="ml-2 text-[11px] font-medium text-red-700">required</span> : null}
                            {p.description ?? p.schema?.description ? <p className="text-slate-500">{p.description ?? p.schema?.description}</p> : null}
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : null}
                  {body?.[1].schema ? (
                    <div>
                      <h3 className="mb-1 text-xs font-semibold text-slate-700">
                        Request body <code className="font-normal text-slate-400">{body[0]}</code>
                      </h3>
                      <Fields schema={body[1].schema} schemas={schemas} depth={0} />
                    </div>
                  ) : null}
                  {ok.map(([status, r]) => {
                    const schema = r.content?.["application/json"]?.schema;
                    return (
                      <div key={status}>
                        <h3 className="mb-1 text-xs font-semibold text-slate-700">
                          {status} <span className="font-normal text-slate-500">{r.description}</span>
                        </h3>
                        {schema ? <Fields schema={schema} schemas={schemas} depth={0} /> : null}
                      </div>
                    );
                  })}
                  {errors.length ? <p className="text-xs text-slate-500">Errors: {errors.join(", ")} — {"{ error: { code, message, field?, issues?, requestId } }"}</p> : null}
                </div>
              </details>
            );
          })}
        </section>
      ))}
    </div>
  );
}
