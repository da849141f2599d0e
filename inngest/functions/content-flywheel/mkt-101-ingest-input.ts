import { inngest } from "@/inngest/client";
import { markInputFailedOnFailure } from "./input-failure";
import { failPermanently } from "./permanent-error";
import { contentInputProcessed, contentInputReceived } from "@/inngest/events";
import { extractInputText } from "@/lib/content/ingest/extract-input-text";
import { summariseInput } from "@/lib/content/ingest/summarise-input";

/** Client errors (bad URL, missing file, malformed AI output) will not get better by retrying. */
const permanent = failPermanently(["validation", "not_found", "unsupported_media_type", "payload_too_large", "bad_request", "quota_exceeded"]);

/** MKT-101: a stored input -> readable text (fetch / transcription) -> summary + 3 topics -> content/input.processed. */
export const mkt101IngestInput = inngest.createFunction(
  {
    id: "mkt-101-ingest-input",
    name: "MKT-101: ingest an input",
    triggers: [contentInputReceived],
    retries: 3,
    concurrency: { key: "event.data.organizationId", limit: 5 },
    onFailure: markInputFailedOnFailure,
  },
  async ({ event, step, runId }) => {
    const { organizationId, inputId, brandId } = event.data;
    const text = await step.run("extract-text", () => extractInputText({ organizationId, inputId, aiKey: `${runId}:extract-text` }).catch(permanent));
    const summary = await step.run("summarise", () => summariseInput({ organizationId, inputId, aiKey: `${runId}:summarise` }).catch(permanent));
    await step.sendEvent("emit-processed", contentInputProcessed.create({ organizationId, inputId, brandId }, { id: `content-input-processed:${inputId}` }));
    return { inputId, chars: text.chars, transcriptionUnavailable: text.transcriptionUnavailable, topics: summary.suggestedTopics };
  },
);
