import { inngest } from "@/inngest/client";
import { systemPingRequested } from "@/inngest/events";
import { buildPong } from "@/lib/workflows/build-pong";

/** Health check of the workflow engine (embedded or Inngest): one step, echoes the message. */
export const sys001Ping = inngest.createFunction(
  { id: "sys-001-ping", name: "System: ping", triggers: [systemPingRequested], retries: 2 },
  async ({ event, step }) => {
    return step.run("build-pong", () => buildPong(event.data));
  },
);
