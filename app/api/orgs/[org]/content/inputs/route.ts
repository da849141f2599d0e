import { requireOrg } from "@/lib/auth/guard";
import { ingestInput } from "@/lib/content/ingest/ingest-input";
import { listInputs } from "@/lib/content/ingest/list-inputs";
import { parseIngestRequest } from "@/lib/content/ingest/parse-ingest-request";
import { listInputsQuerySchema } from "@/lib/content/ingest/schemas";
import { json, parseQuery, route } from "@/lib/http";

type Ctx = { params: Promise<{ org: string }> };

/** Recent MKT-101 inputs with their stage in the flywheel (the Content page polls this). */
export const GET = route<Ctx>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org, "read");
  const query = parseQuery(req, listInputsQuerySchema);
  return json({ inputs: await listInputs({ organizationId: ctx.organizationId, take: query.take }) });
});

/** "Submit an idea" form: same bodies and limits as the webhook (JSON, or multipart with a file). */
export const POST = route<Ctx>(async (req, { params }) => {
  const ctx = await requireOrg(req, (await params).org, "editContent");
  const input = await parseIngestRequest(req);
  const createdById = ctx.actor.kind === "user" ? ctx.actor.userId : undefined;
  const res = await ingestInput({ organizationId: ctx.organizationId, source: ctx.actor.kind === "user" ? "MANUAL" : "API", input, createdById });
  return json(res, res.duplicate ? 200 : 201);
});
