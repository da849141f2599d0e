import { markInputFailed } from "@/lib/content/ingest/mark-input-failed";

type FailureContext = {
  event: { data: { event: { data: unknown } } };
  error: { message: string };
  step: { run: (id: string, fn: () => Promise<unknown>) => Promise<unknown> };
};

/** onFailure of MKT-101..103: the input the run was working on is marked failed with the last error. */
export async function markInputFailedOnFailure({ event, error, step }: FailureContext): Promise<void> {
  const data = event.data.event.data as { organizationId: string; inputId: string };
  await step.run("mark-failed", () => markInputFailed({ organizationId: data.organizationId, inputId: data.inputId, message: error.message }));
}
