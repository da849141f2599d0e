-- CreateIndex
CREATE INDEX "publications_organizationId_postedAt_idx" ON "publications"("organizationId", "postedAt");

