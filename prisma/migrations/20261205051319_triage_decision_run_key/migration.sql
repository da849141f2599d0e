-- AlterTable
ALTER TABLE "triage_decisions" ADD COLUMN     "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "triage_decisions_idempotencyKey_key" ON "triage_decisions"("idempotencyKey");

