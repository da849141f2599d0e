-- CreateEnum
CREATE TYPE "AnalyticsBackfillStatus" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "daily_analytics_slices" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandKey" TEXT NOT NULL,
    "network" TEXT NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "postsPublished" INTEGER NOT NULL DEFAULT 0,
    "publicationsFailed" INTEGER NOT NULL DEFAULT 0,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "reach" INTEGER NOT NULL DEFAULT 0,
    "engagements" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "adSpendMinor" INTEGER NOT NULL DEFAULT 0,
    "adImpressions" INTEGER NOT NULL DEFAULT 0,
    "adClicks" INTEGER NOT NULL DEFAULT 0,
    "adConversions" INTEGER NOT NULL DEFAULT 0,
    "adRevenueMinor" INTEGER NOT NULL DEFAULT 0,
    "leadsNew" INTEGER NOT NULL DEFAULT 0,
    "leadsHot" INTEGER NOT NULL DEFAULT 0,
    "leadsWarm" INTEGER NOT NULL DEFAULT 0,
    "leadsCold" INTEGER NOT NULL DEFAULT 0,
    "bookings" INTEGER NOT NULL DEFAULT 0,
    "conversions" INTEGER NOT NULL DEFAULT 0,
    "conversionValueMinor" INTEGER NOT NULL DEFAULT 0,
    "computedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "daily_analytics_slices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "analytics_backfills" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "daysTotal" INTEGER NOT NULL,
    "daysDone" INTEGER NOT NULL DEFAULT 0,
    "status" "AnalyticsBackfillStatus" NOT NULL DEFAULT 'RUNNING',
    "requestedById" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "analytics_backfills_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "daily_analytics_slices_organizationId_day_idx" ON "daily_analytics_slices"("organizationId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "daily_analytics_slices_organizationId_brandKey_day_network_key" ON "daily_analytics_slices"("organizationId", "brandKey", "day", "network");

-- CreateIndex
CREATE INDEX "analytics_backfills_organizationId_createdAt_idx" ON "analytics_backfills"("organizationId", "createdAt");

-- AddForeignKey
ALTER TABLE "daily_analytics_slices" ADD CONSTRAINT "daily_analytics_slices_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analytics_backfills" ADD CONSTRAINT "analytics_backfills_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

