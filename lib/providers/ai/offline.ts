import { hashEmbedding, OFFLINE_EMBEDDING_DIMENSIONS, OFFLINE_EMBEDDING_MODEL } from "./hashing-vectoriser";
import { buildOfflineBriefing } from "./offline-briefing";
import { triageInboxOffline } from "./offline-inbox";
import { buildOfflineLetter } from "./offline-letter";
import { scenarioAssistantOffline } from "./offline-scenarios";
import { answerObjectionOffline, classifyReplyOffline, escalationBriefOffline } from "./offline-replies";
import { buildOfflineText, buildOfflineValue } from "./offline-object";
import { buildOfflineWeeklyReport } from "./offline-weekly-report";
import { encodePng, parseHexColor, renderPlaceholder } from "./placeholder-art";
import { estimateTokens, fnv1a } from "./text-tools";
import type { MediaProvider, OfflineWriter, TextProvider, TextRequest } from "./types";

/**
 * The embedded default when no AI vendor is configured: nothing leaves the machine, every answer is
 * deterministic (same inputs, same output) and valid for the schema asked, built from the inputs.
 * Images are real PNGs in the brand colour; transcription reports "unavailable"; embeddings use the
 * hashing trick. Token counts are estimated so the usage ledger still shows activity (0 credits).
 */
export const OFFLINE_TEXT_MODEL = "offline-text-v1";
export const OFFLINE_IMAGE_MODEL = "offline-image-v1";
export const OFFLINE_TRANSCRIBE_MODEL = "offline-transcribe-v1";

const WRITERS: Record<OfflineWriter, (sources: TextRequest["sources"]) => unknown> = {
  letter: buildOfflineLetter,
  "reply-classification": classifyReplyOffline,
  "objection-answer": answerObjectionOffline,
  "escalation-brief": escalationBriefOffline,
  briefing: buildOfflineBriefing,
  "scenario-assistant": scenarioAssistantOffline,
  "weekly-report": buildOfflineWeeklyReport,
  "inbox-triage": triageInboxOffline,
};

export const offlineTextProvider: TextProvider = {
  name: "offline",
  model: OFFLINE_TEXT_MODEL,
  async complete(req) {
    req.signal.throwIfAborted();
    const text = req.jsonSchema && req.sources.writer ? JSON.stringify(WRITERS[req.sources.writer](req.sources)) : req.jsonSchema ? JSON.stringify(buildOfflineValue(req.jsonSchema, req.sources)) : buildOfflineText(req.sources, req.maxTokens * 3);
    const input = req.system.length + req.messages.reduce((n, m) => n + m.content.length, 0);
    return { text, model: OFFLINE_TEXT_MODEL, stopReason: "end_turn", usage: { inputTokens: Math.ceil(input / 3.5), outputTokens: estimateTokens(text) } };
  },
};

export const offlineMediaProvider: MediaProvider = {
  name: "offline",
  imageModel: OFFLINE_IMAGE_MODEL,
  transcribeModel: OFFLINE_TRANSCRIBE_MODEL,
  embeddingModel: OFFLINE_EMBEDDING_MODEL,

  async image(req) {
    req.signal.throwIfAborted();
    const [width, height] = req.size.split("x").map(Number) as [number, number];
    const rgb = renderPlaceholder({ width, height, color: parseHexColor(req.brandColor), seed: fnv1a(req.prompt) });
    return { png: await encodePng(width, height, rgb), width, height, model: OFFLINE_IMAGE_MODEL, placeholder: true, usage: { inputTokens: estimateTokens(req.prompt), outputTokens: 0, imageCount: 1 } };
  },

  async transcribe(req) {
    req.signal.throwIfAborted();
    return { available: false, text: null, language: req.language, model: OFFLINE_TRANSCRIBE_MODEL, usage: { inputTokens: 0, outputTokens: 0, audioSeconds: req.durationSeconds } };
  },

  async embed(req) {
    req.signal.throwIfAborted();
    const vectors = req.texts.map((t) => hashEmbedding(t));
    return { vectors, model: OFFLINE_EMBEDDING_MODEL, dimensions: OFFLINE_EMBEDDING_DIMENSIONS, usage: { inputTokens: req.texts.reduce((n, t) => n + estimateTokens(t), 0), outputTokens: 0 } };
  },
};
