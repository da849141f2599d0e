import { handle } from "@/lib/api/handle";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getMetricsEndpoint } from "@/lib/health/contracts";
import { bearerMatches } from "@/lib/observability/bearer";
import { exposition } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

export const GET = handle(getMetricsEndpoint, async ({ req }) => {
  const token = env().METRICS_TOKEN;
  if (!token) return new Response(null, { status: 404 });
  if (!bearerMatches(req.headers.get("authorization"), token)) throw new AppError("unauthorized", "auth.metricsToken");
  const { body, contentType } = await exposition();
  return new Response(body, { status: 200, headers: { "content-type": contentType, "cache-control": "no-store" } });
});
