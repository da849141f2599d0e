import { inngest } from "@/inngest/client";
import { leadReceived, leadSubmissionReceived } from "@/inngest/events";
import { failPermanently } from "@/inngest/functions/content-flywheel/permanent-error";
import { fetchPlatformLead } from "@/lib/leads/capture/fetch-platform-lead";
import { markSubmissionFailed, processSubmission } from "@/lib/leads/capture/process-submission";

/** A submission without any usable contact, or a lead the platform does not know, will not get better by retrying. */
const permanent = failPermanently(["validation", "not_found", "bad_request"]);

/**
 * MKT-301: a stored submission -> (lead ads: the answers read from the platform) -> normalised and
 * merged into the organisation's lead (email, then phone) -> lead/received. A last failure marks the
 * submission FAILED with its error: it stays on the Leads page, re-processable.
 */
export const mkt301ProcessLead = inngest.createFunction(
  {
    id: "mkt-301-process-lead",
    name: "MKT-301: process a lead submission",
    triggers: [leadSubmissionReceived],
    retries: 3,
    concurrency: { key: "event.data.organizationId", limit: 10 },
    onFailure: async ({ event, error, step }) => {
      const data = event.data.event.data as { organizationId: string; submissionId: string };
      await step.run("mark-failed", () => markSubmissionFailed({ organizationId: data.organizationId, submissionId: data.submissionId, message: error.message }));
    },
  },
  async ({ event, step }) => {
    const { organizationId, submissionId } = event.data;
    if (event.data.sourceType === "META_LEAD_ADS") await step.run("fetch-platform-lead", () => fetchPlatformLead({ organizationId, submissionId }).catch(permanent));
    const merged = await step.run("normalise-merge", () => processSubmission({ organizationId, submissionId }).catch(permanent));
    await step.sendEvent("emit-lead-received", leadReceived.create({ organizationId, leadId: merged.leadId, submissionId, created: merged.created }, { id: `lead-received:${submissionId}` }));
    return merged;
  },
);
