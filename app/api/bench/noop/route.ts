import { handle } from "@/lib/api/handle";
import { env } from "@/lib/env";
import { benchNoopEndpoint } from "@/lib/health/contracts";

/**
 * The HTTP baseline of `npm run bench:leads` (tests/bench/leads.ts): what a route of this build costs
 * before any work of ours (the proxy, `handle()`, reading and validating a JSON body). Off (404) unless
 * BENCH_NOOP_ROUTE=1.
 */
export const dynamic = "force-dynamic";

export const POST = handle(benchNoopEndpoint, async () => {
  if (!env().BENCH_NOOP_ROUTE) return new Response(null, { status: 404 });
  return Response.json({ accepted: true }, { status: 202 });
});
