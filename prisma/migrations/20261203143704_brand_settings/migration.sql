-- AlterTable
ALTER TABLE "brands" ADD COLUMN     "defaultNetworks" "Platform"[] DEFAULT ARRAY[]::"Platform"[];

-- AlterTable
ALTER TABLE "competitors" ADD COLUMN     "countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "pageUrls" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "brand_settings_events" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "brandId" TEXT NOT NULL,
    "actorUserId" TEXT,
    "field" TEXT NOT NULL,
    "fromValue" JSONB,
    "toValue" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "brand_settings_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "brand_settings_events_organizationId_brandId_createdAt_idx" ON "brand_settings_events"("organizationId", "brandId", "createdAt");

-- AddForeignKey
ALTER TABLE "brand_settings_events" ADD CONSTRAINT "brand_settings_events_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE CASCADE;

