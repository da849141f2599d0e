-- AlterTable
ALTER TABLE "content_signals" ADD COLUMN     "runKey" TEXT;

-- CreateIndex
CREATE INDEX "content_signals_organizationId_runKey_idx" ON "content_signals"("organizationId", "runKey");

