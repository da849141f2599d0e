-- CreateTable
CREATE TABLE "publication_metric_days" (
    "publicationId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "engagements" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "firstSnapshot" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "publication_metric_days_pkey" PRIMARY KEY ("publicationId","day")
);

-- CreateTable
CREATE TABLE "publication_metric_utc_days" (
    "publicationId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "engagements" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "publication_metric_utc_days_pkey" PRIMARY KEY ("publicationId","day")
);

-- CreateTable
CREATE TABLE "organization_metric_days" (
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "impressions" BIGINT NOT NULL DEFAULT 0,
    "engagements" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "organization_metric_days_pkey" PRIMARY KEY ("organizationId","day")
);

-- CreateTable
CREATE TABLE "content_piece_counts" (
    "organizationId" TEXT NOT NULL,
    "status" "ContentPieceStatus" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "content_piece_counts_pkey" PRIMARY KEY ("organizationId","status")
);

-- CreateTable
CREATE TABLE "lead_status_counts" (
    "organizationId" TEXT NOT NULL,
    "status" "LeadStatus" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "lead_status_counts_pkey" PRIMARY KEY ("organizationId","status")
);

-- CreateIndex
CREATE INDEX "publication_metric_days_organizationId_day_idx" ON "publication_metric_days"("organizationId", "day");

-- CreateIndex
CREATE INDEX "publication_metric_utc_days_organizationId_day_idx" ON "publication_metric_utc_days"("organizationId", "day");

-- AddForeignKey
ALTER TABLE "publication_metric_days" ADD CONSTRAINT "publication_metric_days_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication_metric_utc_days" ADD CONSTRAINT "publication_metric_utc_days_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organization_metric_days" ADD CONSTRAINT "organization_metric_days_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "content_piece_counts" ADD CONSTRAINT "content_piece_counts_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_status_counts" ADD CONSTRAINT "lead_status_counts_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Issue 18: the dashboard's figures pre-aggregated in the transaction that writes what they count, by
-- statement triggers (with transition tables), so that every writer (MKT-108's upsert, the demo and bench
-- seeds, imports, cascades from a deleted publication or organisation) keeps them exact. Writes are
-- blocked while the existing rows are counted, so nothing committed in between is missed.
LOCK TABLE content_metric_snapshots, leads, content_pieces IN SHARE MODE;

-- An organisation's time zone as PostgreSQL reads it; a name it does not know counts as UTC, as
-- lib/ads/local-dates.ts does for one Intl does not know.
CREATE FUNCTION me_org_zone(tz text) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM now() AT TIME ZONE tz;
  RETURN tz;
EXCEPTION WHEN OTHERS THEN
  RETURN 'UTC';
END $$;

-- Rebuilds the metric rows of these publications from their snapshots, as they are now:
--   publication_metric_days (local dates of the organisation): per day, the day's last snapshot minus the
--     last one before that day (0 before the first), not clamped, so a range's growth is the sum of its
--     days; firstSnapshot marks the day of the first snapshot (the Analytics page's posts of a range);
--   publication_metric_utc_days (UTC dates): per day, the sum of each snapshot's gain over the previous
--     snapshot of the publication, clamped at 0 (the War Room's 7-day chart);
--   organization_metric_days: the latter summed per organisation, adjusted by the difference.
-- (A publication's rows carry the organisation of its snapshots, which is the publication's.)
-- The publications' rows are locked first (in id order) so that two writers of the same publication
-- follow each other: under READ COMMITTED each statement below then sees what the first one committed.
CREATE FUNCTION me_rebuild_publication_metrics(pub_ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF pub_ids IS NULL OR cardinality(pub_ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM publications WHERE id = ANY(pub_ids) ORDER BY id FOR NO KEY UPDATE;

  -- Counter rows are locked in key order (here and in every upsert below) so that two writers never wait
  -- for each other in a cycle.
  PERFORM 1 FROM organization_metric_days o
  WHERE (o."organizationId", o.day) IN (SELECT "organizationId", day FROM publication_metric_utc_days WHERE "publicationId" = ANY(pub_ids))
  ORDER BY o."organizationId", o.day FOR NO KEY UPDATE;
  UPDATE organization_metric_days o SET impressions = o.impressions - d.impressions, engagements = o.engagements - d.engagements
  FROM (SELECT "organizationId", day, sum(impressions) AS impressions, sum(engagements) AS engagements
        FROM publication_metric_utc_days WHERE "publicationId" = ANY(pub_ids) GROUP BY 1, 2) d
  WHERE o."organizationId" = d."organizationId" AND o.day = d.day;
  DELETE FROM publication_metric_utc_days WHERE "publicationId" = ANY(pub_ids);
  DELETE FROM publication_metric_days WHERE "publicationId" = ANY(pub_ids);

  WITH s AS (
    SELECT "publicationId", "organizationId", "capturedAt", impressions, engagements, clicks,
      lag("capturedAt") OVER w AS prev_at, lag(impressions) OVER w AS pi, lag(engagements) OVER w AS pe, lag(clicks) OVER w AS pc
    FROM content_metric_snapshots WHERE "publicationId" = ANY(pub_ids)
    WINDOW w AS (PARTITION BY "publicationId" ORDER BY "capturedAt")),
  z AS (SELECT id, me_org_zone(timezone) AS tz FROM organizations WHERE id IN (SELECT DISTINCT "organizationId" FROM s)),
  loc AS (
    INSERT INTO publication_metric_days ("publicationId", "organizationId", day, impressions, engagements, clicks, "firstSnapshot")
    SELECT s."publicationId", min(s."organizationId"), (s."capturedAt" AT TIME ZONE z.tz)::date,
      sum(s.impressions - coalesce(s.pi, 0)), sum(s.engagements - coalesce(s.pe, 0)), sum(s.clicks - coalesce(s.pc, 0)), bool_or(s.prev_at IS NULL)
    FROM s JOIN z ON z.id = s."organizationId" GROUP BY 1, 3),
  utc AS (
    INSERT INTO publication_metric_utc_days ("publicationId", "organizationId", day, impressions, engagements)
    SELECT "publicationId", min("organizationId"), ("capturedAt" AT TIME ZONE 'UTC')::date,
      sum(greatest(0, impressions - coalesce(pi, 0))), sum(greatest(0, engagements - coalesce(pe, 0)))
    FROM s GROUP BY 1, 3
    RETURNING "organizationId", day, impressions, engagements)
  INSERT INTO organization_metric_days ("organizationId", day, impressions, engagements)
  SELECT "organizationId", day, sum(impressions), sum(engagements) FROM utc GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("organizationId", day) DO UPDATE
    SET impressions = organization_metric_days.impressions + EXCLUDED.impressions, engagements = organization_metric_days.engagements + EXCLUDED.engagements;
END $$;

CREATE FUNCTION me_snapshots_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM me_rebuild_publication_metrics(ARRAY(SELECT DISTINCT "publicationId" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM me_rebuild_publication_metrics(ARRAY(SELECT DISTINCT "publicationId" FROM old_rows));
  ELSE
    PERFORM me_rebuild_publication_metrics(ARRAY(SELECT "publicationId" FROM new_rows UNION SELECT "publicationId" FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION me_snapshots_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM publication_metric_days;
  DELETE FROM publication_metric_utc_days;
  DELETE FROM organization_metric_days;
  RETURN NULL;
END $$;

CREATE TRIGGER content_metric_snapshots_rollup_insert AFTER INSERT ON content_metric_snapshots
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION me_snapshots_changed();
CREATE TRIGGER content_metric_snapshots_rollup_update AFTER UPDATE ON content_metric_snapshots
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION me_snapshots_changed();
CREATE TRIGGER content_metric_snapshots_rollup_delete AFTER DELETE ON content_metric_snapshots
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION me_snapshots_changed();
CREATE TRIGGER content_metric_snapshots_rollup_truncate AFTER TRUNCATE ON content_metric_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION me_snapshots_truncated();

-- Local dates move with the organisation's time zone: its publications' local rows are rebuilt.
CREATE FUNCTION me_org_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM me_rebuild_publication_metrics(ARRAY(SELECT DISTINCT "publicationId" FROM content_metric_snapshots WHERE "organizationId" = NEW.id));
  RETURN NULL;
END $$;
CREATE TRIGGER organizations_metric_zone AFTER UPDATE OF timezone ON organizations
  FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone) EXECUTE FUNCTION me_org_zone_changed();

-- Leads per status and master content pieces per status: the difference each statement makes. A delete
-- only lowers existing counters (when the organisation itself is being deleted its counters may be gone
-- already); an update writes only the (organisation, status) pairs whose count changed.
CREATE FUNCTION me_lead_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO lead_status_counts ("organizationId", status, count)
    SELECT "organizationId", status, count(*)::int FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("organizationId", status) DO UPDATE SET count = lead_status_counts.count + EXCLUDED.count;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM 1 FROM lead_status_counts c WHERE (c."organizationId", c.status) IN (SELECT "organizationId", status FROM old_rows)
    ORDER BY c."organizationId", c.status FOR NO KEY UPDATE;
    UPDATE lead_status_counts c SET count = c.count - d.n
    FROM (SELECT "organizationId", status, count(*)::int AS n FROM old_rows GROUP BY 1, 2) d
    WHERE c."organizationId" = d."organizationId" AND c.status = d.status;
  ELSE
    INSERT INTO lead_status_counts ("organizationId", status, count)
    SELECT "organizationId", status, sum(n)::int FROM (
      SELECT "organizationId", status, 1 AS n FROM new_rows
      UNION ALL SELECT "organizationId", status, -1 FROM old_rows) d
    GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2
    ON CONFLICT ("organizationId", status) DO UPDATE SET count = lead_status_counts.count + EXCLUDED.count;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION me_content_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO content_piece_counts ("organizationId", status, count)
    SELECT "organizationId", status, count(*)::int FROM new_rows WHERE "parentId" IS NULL GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("organizationId", status) DO UPDATE SET count = content_piece_counts.count + EXCLUDED.count;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM 1 FROM content_piece_counts c WHERE (c."organizationId", c.status) IN (SELECT "organizationId", status FROM old_rows)
    ORDER BY c."organizationId", c.status FOR NO KEY UPDATE;
    UPDATE content_piece_counts c SET count = c.count - d.n
    FROM (SELECT "organizationId", status, count(*)::int AS n FROM old_rows WHERE "parentId" IS NULL GROUP BY 1, 2) d
    WHERE c."organizationId" = d."organizationId" AND c.status = d.status;
  ELSE
    INSERT INTO content_piece_counts ("organizationId", status, count)
    SELECT "organizationId", status, sum(n)::int FROM (
      SELECT "organizationId", status, 1 AS n FROM new_rows WHERE "parentId" IS NULL
      UNION ALL SELECT "organizationId", status, -1 FROM old_rows WHERE "parentId" IS NULL) d
    GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2
    ON CONFLICT ("organizationId", status) DO UPDATE SET count = content_piece_counts.count + EXCLUDED.count;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION me_counts_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'leads' THEN
    DELETE FROM lead_status_counts;
  ELSE
    DELETE FROM content_piece_counts;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER leads_status_counts_insert AFTER INSERT ON leads
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION me_lead_counts_changed();
CREATE TRIGGER leads_status_counts_update AFTER UPDATE ON leads
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION me_lead_counts_changed();
CREATE TRIGGER leads_status_counts_delete AFTER DELETE ON leads
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION me_lead_counts_changed();
CREATE TRIGGER leads_status_counts_truncate AFTER TRUNCATE ON leads
  FOR EACH STATEMENT EXECUTE FUNCTION me_counts_truncated();
CREATE TRIGGER content_pieces_counts_insert AFTER INSERT ON content_pieces
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION me_content_counts_changed();
CREATE TRIGGER content_pieces_counts_update AFTER UPDATE ON content_pieces
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION me_content_counts_changed();
CREATE TRIGGER content_pieces_counts_delete AFTER DELETE ON content_pieces
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION me_content_counts_changed();
CREATE TRIGGER content_pieces_counts_truncate AFTER TRUNCATE ON content_pieces
  FOR EACH STATEMENT EXECUTE FUNCTION me_counts_truncated();

-- The existing rows (set-based: the same computations as the functions above, over every publication),
-- written in (organisation, day) order as later snapshots write them, so that a range of days is a few
-- pages of the table, not a row on each of thousands (bench:dashboard: 19,700 pages for 81,620 rows).
INSERT INTO lead_status_counts ("organizationId", status, count)
SELECT "organizationId", status, count(*)::int FROM leads GROUP BY 1, 2;
INSERT INTO content_piece_counts ("organizationId", status, count)
SELECT "organizationId", status, count(*)::int FROM content_pieces WHERE "parentId" IS NULL GROUP BY 1, 2;

CREATE TEMP TABLE me_snapshot_steps ON COMMIT DROP AS
SELECT s."publicationId", s."organizationId", s."capturedAt", (s."capturedAt" AT TIME ZONE z.tz)::date AS local_day,
  s.impressions - coalesce(lag(s.impressions) OVER w, 0) AS di, s.engagements - coalesce(lag(s.engagements) OVER w, 0) AS de,
  s.clicks - coalesce(lag(s.clicks) OVER w, 0) AS dc, lag(s."capturedAt") OVER w IS NULL AS first
FROM content_metric_snapshots s
  JOIN (SELECT id, me_org_zone(timezone) AS tz FROM organizations) z ON z.id = s."organizationId"
WINDOW w AS (PARTITION BY s."publicationId" ORDER BY s."capturedAt");

INSERT INTO publication_metric_days ("publicationId", "organizationId", day, impressions, engagements, clicks, "firstSnapshot")
SELECT "publicationId", min("organizationId"), local_day, sum(di), sum(de), sum(dc), bool_or(first)
FROM me_snapshot_steps GROUP BY 1, 3 ORDER BY 2, 3;
INSERT INTO publication_metric_utc_days ("publicationId", "organizationId", day, impressions, engagements)
SELECT "publicationId", min("organizationId"), ("capturedAt" AT TIME ZONE 'UTC')::date, sum(greatest(0, di)), sum(greatest(0, de))
FROM me_snapshot_steps GROUP BY 1, 3 ORDER BY 2, 3;
INSERT INTO organization_metric_days ("organizationId", day, impressions, engagements)
SELECT "organizationId", day, sum(impressions), sum(engagements) FROM publication_metric_utc_days GROUP BY 1, 2;

ANALYZE publication_metric_days, publication_metric_utc_days, organization_metric_days, lead_status_counts, content_piece_counts;
