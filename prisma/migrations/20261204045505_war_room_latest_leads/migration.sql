-- CreateIndex
CREATE INDEX "leads_org_created_idx" ON "leads"("organizationId", "createdAt" DESC, "id" DESC);

