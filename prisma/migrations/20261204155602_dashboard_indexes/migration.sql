-- CreateIndex
CREATE INDEX "content_pieces_organizationId_createdAt_id_idx" ON "content_pieces"("organizationId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "publications_organizationId_status_postedAt_idx" ON "publications"("organizationId", "status", "postedAt");

-- CreateIndex
CREATE INDEX "publications_organizationId_status_scheduledAt_idx" ON "publications"("organizationId", "status", "scheduledAt");

-- CreateIndex
CREATE INDEX "publications_organizationId_updatedAt_idx" ON "publications"("organizationId", "updatedAt");

-- CreateIndex
CREATE INDEX "leads_org_score_idx" ON "leads"("organizationId", "score" DESC, "createdAt" DESC, "id" DESC);

