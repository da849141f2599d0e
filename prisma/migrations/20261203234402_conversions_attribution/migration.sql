-- AlterTable
ALTER TABLE "lead_settings" ADD COLUMN     "attributionModel" TEXT NOT NULL DEFAULT 'linear',
ADD COLUMN     "conversionSecretEnc" TEXT,
ADD COLUMN     "conversionSecretRotatedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "conversions" ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "previousLeadStatus" "LeadStatus",
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'webhook';

