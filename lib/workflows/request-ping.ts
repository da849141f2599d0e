import { inngest } from "@/inngest/client";

/**
 * "Test the workflow engine": sends system/ping.requested for the organisation; the ping function's
 * run then appears on the Runs page within seconds when the engine works.
 */
export async function requestPing(opts: { organizationId: string; message?: string }): Promise<{ eventIds: string[] }> {
  const res = await inngest.send({ name: "system/ping.requested", data: { organizationId: opts.organizationId, message: opts.message ?? "ping" } });
  return { eventIds: res.ids };
}
