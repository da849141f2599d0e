import { Inngest } from "inngest";
import { INNGEST_APP_ID, inngestClientOptions } from "@/lib/workflows/config";
import { logger } from "@/lib/log";
import { AgentsMiddleware } from "./middleware/agents";

/**
 * The app's one Inngest client. With no Inngest server configured it talks to the embedded
 * executor (dev mode, events to /api/runtime/); with INNGEST_DEV or Inngest Cloud / self-hosted
 * keys the SDK configures itself from the INNGEST_* variables and the same functions run there.
 */
export const inngest = new Inngest({
  id: INNGEST_APP_ID,
  ...inngestClientOptions(),
  logger: logger().child({ module: "inngest" }),
  // Executions, skipped runs of inactive agents, AI tokens and cost per run (issue 16).
  middleware: [AgentsMiddleware],
});
