-- AlterEnum
ALTER TYPE "RuntimeQueueKind" ADD VALUE 'BATCH';

-- AlterTable
ALTER TABLE "runtime_runs" ADD COLUMN     "events" JSONB,
ADD COLUMN     "singletonKey" TEXT;

-- CreateTable
CREATE TABLE "runtime_batches" (
    "id" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "eventIds" TEXT[],
    "events" JSONB NOT NULL,
    "organizationId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "fireAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "runtime_batches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "runtime_batches_functionId_key_key" ON "runtime_batches"("functionId", "key");

