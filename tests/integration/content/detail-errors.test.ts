import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContentDetail } from "@/lib/content/detail/get-content-detail";
import { getWarRoom } from "@/lib/warroom/get-war-room";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/db";
import { seedAccount, seedOrg, seedPiece } from "@/tests/integration/approvals/support";

/**
 * A failed publication on the content detail page and the War Room: the platform's English words stay
 * on the row (errorMessage, for support) and the pages get a catalogue key to show in the reader's
 * language instead (lib/publishing/publication-error.ts).
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.cleanup();
});

describe("failed publications on the content detail and the War Room", () => {
  it("carry a catalogue key for their error, with the raw text kept beside it", async () => {
    const o = await seedOrg(t.db);
    const account = await seedAccount(t.db, o, "INSTAGRAM");
    const piece = await seedPiece(t.db, o, { platform: "INSTAGRAM" });
    const row = (key: string, status: "FAILED" | "SCHEDULED", errorCode: string | null, errorMessage: string | null) => ({
      organizationId: o.orgId, brandId: o.brandId, contentPieceId: piece.id, socialAccountId: account.id, platform: "INSTAGRAM" as const, status, scheduledAt: new Date(Date.now() - 60_000), idempotencyKey: `${piece.id}-${key}`, errorCode, errorMessage,
    });
    await t.db.publication.createMany({
      data: [
        row("media", "FAILED", "validation", "instagram: this platform needs media"),
        row("vendor", "FAILED", "190", "Error validating access token: Session has expired"),
        row("other", "FAILED", "9007", "Media ID is not available"),
        row("ok", "SCHEDULED", null, null),
      ],
    });
    const detail = await getContentDetail({ organizationId: o.orgId, contentPieceId: piece.id });
    const byMessage = Object.fromEntries(detail.publications.map((p) => [p.errorMessage ?? "none", p.error]));
    expect(byMessage).toEqual({
      "instagram: this platform needs media": { key: "needsMedia", values: {} },
      "Error validating access token: Session has expired": { key: "reconnect", values: {} },
      "Media ID is not available": { key: "unknown", values: {} },
      none: null,
    });
    const war = await getWarRoom({ organizationId: o.orgId });
    expect(war.recent.filter((p) => p.status === "FAILED").map((p) => p.error?.key).sort()).toEqual(["needsMedia", "reconnect", "unknown"]);
  });
});
