import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest";
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
