-- AlterTable
ALTER TABLE "lead_scores" ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "previousTier" "LeadTier";

-- CreateIndex
CREATE UNIQUE INDEX "lead_scores_leadId_idempotencyKey_key" ON "lead_scores"("leadId", "idempotencyKey");

