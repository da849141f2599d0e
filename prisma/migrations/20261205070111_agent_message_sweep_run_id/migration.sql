-- AlterTable
ALTER TABLE "agent_messages" ADD COLUMN     "sweepRunId" TEXT;

-- CreateIndex
CREATE INDEX "agent_messages_sweepRunId_idx" ON "agent_messages"("sweepRunId");

