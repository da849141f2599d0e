-- CreateEnum
CREATE TYPE "AutomationEventKind" AS ENUM ('SWITCHED', 'ACTED');

-- AlterTable
ALTER TABLE "automation_events" ADD COLUMN     "action" TEXT,
ADD COLUMN     "details" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "kind" "AutomationEventKind" NOT NULL DEFAULT 'SWITCHED',
ADD COLUMN     "subjectKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "automation_events_automationId_subjectKey_key" ON "automation_events"("automationId", "subjectKey");

