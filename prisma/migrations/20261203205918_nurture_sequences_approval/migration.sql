-- CreateEnum
CREATE TYPE "StepContentMode" AS ENUM ('TEMPLATE', 'AI');

-- CreateEnum
CREATE TYPE "MessageApproval" AS ENUM ('HUMAN', 'AUTO_RULE', 'TEMPLATE');

-- AlterEnum
ALTER TYPE "DeliveryStatus" ADD VALUE 'DRAFT';

-- AlterTable
ALTER TABLE "nurture_sequences" ADD COLUMN     "autoApprove" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "autoApproveSetAt" TIMESTAMPTZ(3),
ADD COLUMN     "autoApproveSetById" TEXT;

-- AlterTable
ALTER TABLE "nurture_steps" ADD COLUMN     "mode" "StepContentMode" NOT NULL DEFAULT 'AI';

-- AlterTable
ALTER TABLE "lead_interactions" ADD COLUMN     "aiWritten" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "approvedAt" TIMESTAMPTZ(3),
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "approvedHash" TEXT,
ADD COLUMN     "approvedVia" "MessageApproval";

