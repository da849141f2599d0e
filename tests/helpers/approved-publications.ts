import { expect } from "vitest";
import type { Db } from "@/lib/db/client";

/**
 * Issue 9's guarantee, checked over a whole test file at teardown: no publication exists for a network
 * version (revision) nobody approved — every publication points at a revision, and that revision was
 * approved by a person (or by the brand's owner-set auto-approve) before it was superseded or not.
 */
export async function expectNoUnapprovedPublications(db: Db): Promise<void> {
  const rows = await db.$queryRaw<{ id: string; status: string }[]>`
    SELECT p.id, p.status::text AS status FROM publications p LEFT JOIN content_revisions r ON r.id = p."revisionId"
    WHERE r.id IS NULL OR r."approvedAt" IS NULL OR r."approvedAt" > p."createdAt"`;
  expect(rows, "publications of a revision nobody approved").toEqual([]);
}
