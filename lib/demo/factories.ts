import type { Prisma } from "@/lib/db/client";

/**
 * Small factories, one per model: each returns the row to create (Prisma's create-many input) from
 * the fields that matter to the caller, with the defaults every demo and test row shares. The demo
 * seeders build Atelier Sahel from them; tests use them too (tests/integration/ads/support.ts), so a
 * new required column is added in one place. Ids are optional (Prisma generates one when absent;
 * the demo passes its deterministic demoId()).
 */
/** T, with the keys D optional (the factory fills them in). */
type With<T, D extends keyof T = never> = Omit<T, D> & Partial<Pick<T, D>>;

export const userRow = (o: With<Prisma.UserCreateManyInput, "locale">): Prisma.UserCreateManyInput => ({ locale: "fr", ...o });

export const organizationRow = (o: With<Prisma.OrganizationCreateManyInput, "locale" | "timezone" | "currency">): Prisma.OrganizationCreateManyInput => ({
  locale: "fr",
  timezone: "Europe/Paris",
  currency: "EUR",
  ...o,
});

export const membershipRow = (o: With<Prisma.MembershipCreateManyInput>): Prisma.MembershipCreateManyInput => ({ ...o });

export const brandRow = (o: With<Prisma.BrandCreateManyInput, "language">): Prisma.BrandCreateManyInput => ({ language: "fr", ...o });

export const productRow = (o: With<Prisma.ProductCreateManyInput>): Prisma.ProductCreateManyInput => ({ ...o });

/** A sandbox account (no real network behind it) unless told otherwise. */
export const socialAccountRow = (o: With<Prisma.SocialAccountCreateManyInput, "isSandbox" | "status" | "scopes">): Prisma.SocialAccountCreateManyInput => ({
  isSandbox: true,
  status: "ACTIVE",
  scopes: [],
  ...o,
});

export const mediaAssetRow = (o: With<Prisma.MediaAssetCreateManyInput>): Prisma.MediaAssetCreateManyInput => ({ ...o });

/** An idea (MKT-101 input). */
export const contentInputRow = (o: With<Prisma.ContentInputCreateManyInput>): Prisma.ContentInputCreateManyInput => ({ ...o });

export const contentPieceRow = (o: With<Prisma.ContentPieceCreateManyInput>): Prisma.ContentPieceCreateManyInput => ({ ...o });

/** An approved network version (what a publication sends). */
export const contentRevisionRow = (o: With<Prisma.ContentRevisionCreateManyInput, "number" | "mediaAssetIds">): Prisma.ContentRevisionCreateManyInput => ({
  number: 1,
  mediaAssetIds: [],
  ...o,
});

export const publicationRow = (o: With<Prisma.PublicationCreateManyInput>): Prisma.PublicationCreateManyInput => ({ ...o });

export const publicationAttemptRow = (o: With<Prisma.PublicationAttemptCreateManyInput>): Prisma.PublicationAttemptCreateManyInput => ({ ...o });

/** One metrics capture of a publication (MKT-108). */
export const metricSnapshotRow = (o: With<Prisma.ContentMetricSnapshotCreateManyInput>): Prisma.ContentMetricSnapshotCreateManyInput => ({ ...o });

/** An outperforming post (MKT-109). */
export const contentSignalRow = (o: With<Prisma.ContentSignalCreateManyInput>): Prisma.ContentSignalCreateManyInput => ({ ...o });
