import { handle, reply } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { listInputsEndpoint, submitInputEndpoint } from "@/lib/content/ingest/contracts";
import { ingestInput } from "@/lib/content/ingest/ingest-input";
import { listInputs } from "@/lib/content/ingest/list-inputs";
import { parseIngestRequest } from "@/lib/content/ingest/parse-ingest-request";

/** Recent MKT-101 inputs with their stage in the flywheel (the Content page polls this). */
export const GET = handle(listInputsEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org, "read");
  return { inputs: await listInputs({ organizationId: ctx.organizationId, take: query().take }) };
});

/** "Submit an idea" form: same bodies and limits as the webhook (JSON, or multipart with a file). */
export const POST = handle(submitInputEndpoint, async ({ req, params }) => {
  const ctx = await requireOrg(req, params.org, "editContent");
  const input = await parseIngestRequest(req);
  const createdById = ctx.actor.kind === "user" ? ctx.actor.userId : undefined;
  const res = await ingestInput({ organizationId: ctx.organizationId, source: ctx.actor.kind === "user" ? "MANUAL" : "API", input, createdById });
  return reply(res, { status: res.duplicate ? 200 : 201 });
});
