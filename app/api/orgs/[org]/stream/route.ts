import { handle } from "@/lib/api/handle";
import { requireOrg } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { liveEventIdSchema, liveStreamEndpoint } from "@/lib/live/contracts";
import { liveStreamResponse } from "@/lib/live/sse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handle(liveStreamEndpoint, async ({ req, params, query }) => {
  const ctx = await requireOrg(req, params.org);
  const header = req.headers.get("last-event-id");
  if (header !== null && !liveEventIdSchema.safeParse(header).success) {
    throw new AppError("validation", "validation.summary", { issues: [{ field: "Last-Event-ID", code: "invalid_format", key: "validation.invalidFormat", values: { format: "regex" } }] });
  }
  return liveStreamResponse({ organizationId: ctx.organizationId, lastEventId: header ?? query().lastEventId, signal: req.signal });
});
