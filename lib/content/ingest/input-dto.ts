import type { ContentInputSource, ContentInputStatus, ContentInputType } from "@/lib/db/generated/enums";
import type { InputStage, ContentInputDto } from "@/lib/content/ingest/contracts";
export type { InputStage, ContentInputDto };

export const inputDtoSelect = {
  id: true,
  brandId: true,
  type: true,
  source: true,
  status: true,
  rawContent: true,
  transcription: true,
  url: true,
  aiSummary: true,
  aiSuggestedTopics: true,
  research: true,
  errorMessage: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { pieces: { where: { parentId: null } } } },
} as const;

type Row = {
  id: string;
  brandId: string;
  type: ContentInputType;
  source: ContentInputSource;
  status: ContentInputStatus;
  rawContent: string | null;
  transcription: string | null;
  url: string | null;
  aiSummary: string | null;
  aiSuggestedTopics: unknown;
  research: unknown;
  errorMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
  _count: { pieces: number };
};

export function stageOf(status: ContentInputStatus, pieceCount: number): InputStage {
  if (pieceCount > 0) return "generated";
  switch (status) {
    case "PENDING":
      return "received";
    case "PROCESSING":
      return "processing";
    case "PROCESSED":
      return "research";
    case "RESEARCHED":
      return "generating";
    case "FAILED":
      return "failed";
    case "ARCHIVED":
      return "archived";
  }
}

export function toInputDto(r: Row): ContentInputDto {
  const topics = Array.isArray(r.aiSuggestedTopics) ? r.aiSuggestedTopics.filter((t): t is string => typeof t === "string") : [];
  const research = r.research && typeof r.research === "object" ? (r.research as { topic?: unknown }) : null;
  const text = r.rawContent ?? r.transcription;
  return {
    id: r.id,
    brandId: r.brandId,
    type: r.type,
    source: r.source,
    status: r.status,
    stage: stageOf(r.status, r._count.pieces),
    excerpt: text ? text.slice(0, 240) : null,
    url: r.url,
    summary: r.aiSummary,
    suggestedTopics: topics,
    topic: typeof research?.topic === "string" ? research.topic : null,
    pieceCount: r._count.pieces,
    errorMessage: r.errorMessage,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
