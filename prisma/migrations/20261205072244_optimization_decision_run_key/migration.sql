-- AlterTable
ALTER TABLE "optimization_decisions" ADD COLUMN     "runKey" TEXT;

-- CreateIndex
CREATE INDEX "optimization_decisions_organizationId_runKey_idx" ON "optimization_decisions"("organizationId", "runKey");

