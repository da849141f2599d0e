-- CreateEnum
CREATE TYPE "LeadSubmissionStatus" AS ENUM ('RECEIVED', 'PROCESSED', 'FAILED');

-- AlterTable
ALTER TABLE "lead_sources" ADD COLUMN     "secretEnc" TEXT,
ADD COLUMN     "secretHash" TEXT;

-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "consentText" TEXT,
ADD COLUMN     "customFields" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "isTest" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "lead_submissions" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "sourceType" "LeadSourceType" NOT NULL,
    "sourceId" TEXT,
    "sourceDetail" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "LeadSubmissionStatus" NOT NULL DEFAULT 'RECEIVED',
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "leadId" TEXT,
    "createdLead" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "errorMessage" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "lead_submissions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_settings" (
    "organizationId" TEXT NOT NULL,
    "defaultCountry" TEXT NOT NULL DEFAULT 'FR',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_settings_pkey" PRIMARY KEY ("organizationId")
);

-- CreateIndex
CREATE INDEX "lead_submissions_organizationId_status_receivedAt_idx" ON "lead_submissions"("organizationId", "status", "receivedAt");

-- CreateIndex
CREATE INDEX "lead_submissions_leadId_receivedAt_idx" ON "lead_submissions"("leadId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "lead_submissions_organizationId_dedupeKey_key" ON "lead_submissions"("organizationId", "dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "lead_sources_secretHash_key" ON "lead_sources"("secretHash");

-- AddForeignKey
ALTER TABLE "lead_submissions" ADD CONSTRAINT "lead_submissions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_submissions" ADD CONSTRAINT "lead_submissions_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "lead_sources"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_submissions" ADD CONSTRAINT "lead_submissions_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_settings" ADD CONSTRAINT "lead_settings_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

