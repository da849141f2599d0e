-- AlterTable
ALTER TABLE "users" ADD COLUMN     "failedSignIns" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "signInBlockedUntil" TIMESTAMPTZ(3);

