-- AlterTable
ALTER TABLE "publications" ADD COLUMN     "revisionId" TEXT;

-- CreateTable
CREATE TABLE "content_revisions" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "contentPieceId" TEXT NOT NULL,
    "sourcePieceId" TEXT,
    "platform" "Platform" NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "firstComment" TEXT,
    "mediaAssetIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "scheduledAt" TIMESTAMPTZ(3) NOT NULL,
    "author" TEXT NOT NULL DEFAULT 'ai',
    "createdById" TEXT,
    "approvalRequestId" TEXT,
    "approvedAt" TIMESTAMPTZ(3),
    "approvedById" TEXT,
    "approvedVia" TEXT,
    "supersededAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "content_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "content_revisions_approvalRequestId_idx" ON "content_revisions"("approvalRequestId");

-- CreateIndex
CREATE INDEX "content_revisions_organizationId_contentPieceId_idx" ON "content_revisions"("organizationId", "contentPieceId");

-- CreateIndex
CREATE UNIQUE INDEX "content_revisions_contentPieceId_platform_number_key" ON "content_revisions"("contentPieceId", "platform", "number");

-- CreateIndex
CREATE INDEX "publications_revisionId_idx" ON "publications"("revisionId");

-- AddForeignKey
ALTER TABLE "content_revisions" ADD CONSTRAINT "content_revisions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_revisions" ADD CONSTRAINT "content_revisions_contentPieceId_fkey" FOREIGN KEY ("contentPieceId") REFERENCES "content_pieces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_revisions" ADD CONSTRAINT "content_revisions_sourcePieceId_fkey" FOREIGN KEY ("sourcePieceId") REFERENCES "content_pieces"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_revisions" ADD CONSTRAINT "content_revisions_approvalRequestId_fkey" FOREIGN KEY ("approvalRequestId") REFERENCES "approval_requests"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publications" ADD CONSTRAINT "publications_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "content_revisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

