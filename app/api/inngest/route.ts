import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest";
import { registerLocalServe } from "@/lib/runtime/local-serve";
import { guardServe } from "@/lib/workflows/serve-guard";

/**
 * The Inngest serve endpoint: sync (PUT), calls (POST), introspection (GET). With the embedded
 * executor only it may call (bearer token); with an Inngest server the SDK checks its signatures.
 */
export const dynamic = "force-dynamic";
export const maxDuration = 300;

const handler = serve({ client: inngest, functions });

export const GET = guardServe(handler.GET);
export const POST = guardServe(handler.POST);
export const PUT = guardServe(handler.PUT);

// The embedded executor of this process hands its calls to this handler directly (a Request, the
// same token check) instead of an HTTP request to itself (lib/runtime/local-serve.ts). Registered
// as Next.js loads the route: the executor's first sync, over HTTP, does.
registerLocalServe((request) => POST(request as Parameters<typeof POST>[0], undefined as Parameters<typeof POST>[1]));
