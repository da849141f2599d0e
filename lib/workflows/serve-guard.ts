import { workflowEngine } from "./config";
import { safeEqual } from "@/lib/runtime/event-api";
import { executorToken } from "./secrets";

/**
 * Wraps the serve handler's methods. With the embedded engine the SDK runs in dev mode (it checks no
 * signature), so the route itself requires the executor's bearer token. With an Inngest server the
 * SDK verifies Inngest's request signatures itself (cloud mode) and the request passes through.
 */
export function guardServe<R extends Request, C>(handler: (req: R, ctx: C) => Promise<Response>): (req: R, ctx: C) => Promise<Response> {
  return async (req: R, ctx: C) => {
    if (workflowEngine() === "embedded") {
      const auth = req.headers.get("authorization") ?? "";
      if (!auth.startsWith("Bearer ") || !safeEqual(auth.slice(7), executorToken())) {
        return new Response(JSON.stringify({ message: "Unauthorized" }), { status: 401, headers: { "Content-Type": "application/json" } });
      }
    }
    return handler(req, ctx);
  };
}
