import { ApiReference } from "@/components/settings/api-reference";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { requireOrgPage } from "@/lib/auth/page-guard";

/** The API reference, read from the same OpenAPI document that GET /api/openapi.json serves. */
export default async function ApiReferencePage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org);
  return <ApiReference org={ctx.slug} document={buildOpenApiDocument()} />;
}
