-- AlterTable
ALTER TABLE "api_keys" ALTER COLUMN "scopes" SET DEFAULT ARRAY['ingest']::TEXT[];


-- Existing keys were made for idea ingestion: they keep exactly that (issue 10, row 7).
UPDATE "api_keys" SET "scopes" = ARRAY['ingest']::TEXT[] WHERE cardinality("scopes") = 0;
