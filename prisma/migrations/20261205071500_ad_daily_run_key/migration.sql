-- AlterTable
ALTER TABLE "ad_daily_runs" ADD COLUMN     "runKey" TEXT;

-- CreateIndex
CREATE INDEX "ad_daily_runs_runKey_idx" ON "ad_daily_runs"("runKey");

