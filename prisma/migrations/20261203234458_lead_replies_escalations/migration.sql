-- CreateEnum
CREATE TYPE "LeadReplyStatus" AS ENUM ('RECEIVED', 'PROCESSED', 'UNMATCHED', 'FAILED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "LeadIntent" ADD VALUE 'ESCALATE';
ALTER TYPE "LeadIntent" ADD VALUE 'NOT_INTERESTED';

-- AlterTable
ALTER TABLE "lead_settings" ADD COLUMN     "escalationAssigneeId" TEXT;

-- CreateTable
CREATE TABLE "lead_replies" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT,
    "channel" "MessageChannel" NOT NULL,
    "provider" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "fromAddress" TEXT,
    "toAddresses" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "subject" TEXT,
    "body" TEXT,
    "messageId" TEXT,
    "status" "LeadReplyStatus" NOT NULL DEFAULT 'RECEIVED',
    "leadId" TEXT,
    "interactionId" TEXT,
    "classification" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "errorMessage" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "lead_replies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_escalations" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "interactionId" TEXT,
    "summary" TEXT NOT NULL,
    "recommendations" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "history" JSONB NOT NULL DEFAULT '[]',
    "assignedToId" TEXT NOT NULL,
    "model" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_escalations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "lead_replies_dedupeKey_key" ON "lead_replies"("dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "lead_replies_interactionId_key" ON "lead_replies"("interactionId");

-- CreateIndex
CREATE INDEX "lead_replies_organizationId_receivedAt_idx" ON "lead_replies"("organizationId", "receivedAt");

-- CreateIndex
CREATE INDEX "lead_replies_leadId_receivedAt_idx" ON "lead_replies"("leadId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "lead_escalations_key_key" ON "lead_escalations"("key");

-- CreateIndex
CREATE INDEX "lead_escalations_organizationId_createdAt_idx" ON "lead_escalations"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "lead_escalations_leadId_createdAt_idx" ON "lead_escalations"("leadId", "createdAt");

-- AddForeignKey
ALTER TABLE "lead_replies" ADD CONSTRAINT "lead_replies_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_replies" ADD CONSTRAINT "lead_replies_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_escalations" ADD CONSTRAINT "lead_escalations_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_escalations" ADD CONSTRAINT "lead_escalations_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

