-- CreateTable
CREATE TABLE "automation_events" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "automationId" TEXT NOT NULL,
    "actorUserId" TEXT,
    "fromEnabled" BOOLEAN NOT NULL,
    "toEnabled" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "automation_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "automation_events_organizationId_automationId_createdAt_idx" ON "automation_events"("organizationId", "automationId", "createdAt");

-- AddForeignKey
ALTER TABLE "automation_events" ADD CONSTRAINT "automation_events_automationId_fkey" FOREIGN KEY ("automationId") REFERENCES "automations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

