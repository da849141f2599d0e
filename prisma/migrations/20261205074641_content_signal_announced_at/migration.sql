-- AlterTable
ALTER TABLE "content_signals" ADD COLUMN     "announcedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "content_signals_organizationId_announcedAt_detectedAt_idx" ON "content_signals"("organizationId", "announcedAt", "detectedAt");

-- Signals stored before this migration went through the send and notify steps of their run (or were lost to
-- a run that gave up, which cannot be told apart now): count them as announced, so the first runs after the
-- deploy do not re-announce months of winners (a second campaign proposal for an old one).
UPDATE "content_signals" SET "announcedAt" = "detectedAt" WHERE "announcedAt" IS NULL;
