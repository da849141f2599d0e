-- Rate-limit state is ephemeral: the fixed-window counters are dropped, not converted (issue 10, row 11).
DELETE FROM "rate_limit_buckets";

-- AlterTable
ALTER TABLE "rate_limit_buckets" DROP COLUMN "count",
DROP COLUMN "windowStart",
ADD COLUMN     "allowed" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "tokens" DOUBLE PRECISION NOT NULL,
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL;

-- AlterTable
ALTER TABLE "content_inputs" ADD COLUMN     "idempotencyHash" TEXT;

-- AlterTable
ALTER TABLE "lead_submissions" ADD COLUMN     "bodyHash" TEXT;

