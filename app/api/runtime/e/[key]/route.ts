import { handleEventApi } from "@/lib/workflows/event-api";

/**
 * The embedded executor's event API (what `inngest.send()` and `step.sendEvent` post to when no
 * Inngest server is configured): the SDK's base URL is /api/runtime/, its path `e/<key>`.
 */
export const dynamic = "force-dynamic";

export async function POST(req: Request, ctx: { params: Promise<{ key: string }> }): Promise<Response> {
  return handleEventApi(req, (await ctx.params).key);
}
