-- AlterEnum
ALTER TYPE "ApprovalEntityType" ADD VALUE 'AD_OPTIMIZATION';

-- AlterTable
ALTER TABLE "ad_campaigns" ADD COLUMN     "launchReport" JSONB,
ADD COLUMN     "metricsCollectedAt" TIMESTAMPTZ(3),
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "ad_creatives" ADD COLUMN     "externalImageId" TEXT;

-- AlterTable
ALTER TABLE "competitor_ads" ADD COLUMN     "duplicateIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "fingerprint" TEXT,
ADD COLUMN     "publisherPlatforms" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "optimization_decisions" ADD COLUMN     "appliedById" TEXT,
ADD COLUMN     "rationale" TEXT;

-- AlterTable
ALTER TABLE "approval_requests" ADD COLUMN     "optimizationDecisionId" TEXT;

-- CreateTable
CREATE TABLE "ad_settings" (
    "organizationId" TEXT NOT NULL,
    "monthlyCapMinor" INTEGER NOT NULL DEFAULT 100000,
    "campaignCapMinor" INTEGER NOT NULL DEFAULT 50000,
    "autoApply" BOOLEAN NOT NULL DEFAULT false,
    "changedById" TEXT,
    "changedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ad_settings_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "ad_daily_runs" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "localDate" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "summary" JSONB,

    CONSTRAINT "ad_daily_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ad_daily_runs_organizationId_job_startedAt_idx" ON "ad_daily_runs"("organizationId", "job", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ad_daily_runs_organizationId_job_localDate_key" ON "ad_daily_runs"("organizationId", "job", "localDate");

-- CreateIndex
CREATE INDEX "competitor_ads_organizationId_firstSeenAt_idx" ON "competitor_ads"("organizationId", "firstSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "competitor_ads_competitorId_fingerprint_key" ON "competitor_ads"("competitorId", "fingerprint");

-- CreateIndex
CREATE INDEX "approval_requests_optimizationDecisionId_idx" ON "approval_requests"("optimizationDecisionId");

-- AddForeignKey
ALTER TABLE "ad_settings" ADD CONSTRAINT "ad_settings_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ad_daily_runs" ADD CONSTRAINT "ad_daily_runs_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_optimizationDecisionId_fkey" FOREIGN KEY ("optimizationDecisionId") REFERENCES "optimization_decisions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

