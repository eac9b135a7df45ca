-- CreateTable
CREATE TABLE "CacheGeneration" (
    "scope" TEXT NOT NULL,
    "generation" BIGINT NOT NULL DEFAULT 0,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CacheGeneration_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "PublicContentChange" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicContentChange_pkey" PRIMARY KEY ("id")
);

-- Every portal process keeps public answers (pages, API answers) until what they show changes.
-- The first statement of a transaction that writes a public table adds one PublicContentChange
-- row and notifies every process; both take effect only if, and when, the transaction commits.
-- A process that missed the notification sees the row count grow when it next reads it.
CREATE FUNCTION public_content_changed() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('sanzhang.public_content_changed', true), '') <> 'yes' THEN
    PERFORM set_config('sanzhang.public_content_changed', 'yes', true);
    INSERT INTO "PublicContentChange" DEFAULT VALUES;
    PERFORM pg_notify('cache_generation', 'public');
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- The tables the public pages, the public API and the open data read (PopularTerm: 大家都在搜 as
-- the reform office chose it; ServiceReferral: what search names for needs handled elsewhere).
-- SearchQueryStat is not one of them: searches are counted all the time, and what they earn for
-- 大家都在搜 shows within a minute without a commit moving the generation. Nor is ListVersion:
-- the public sees published versions only, which never change after the transaction that
-- publishes them, and that transaction writes their announcement and record versions; the
-- scheduler's note on a version that cannot be applied yet, written every minute, is not public.
-- A table added later that the public sees gets the same trigger in its own migration.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Department', 'PowerItem', 'Duty', 'AccountabilityCase', 'DutyBoundary',
    'DutyBoundaryDepartment', 'SpecialFund', 'FundAllocation', 'Announcement',
    'RecordVersion', 'Synonym', 'Setting', 'PopularTerm', 'ServiceReferral']
  LOOP
    EXECUTE format('CREATE TRIGGER public_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION public_content_changed()', t);
  END LOOP;
END;
$$;

INSERT INTO "CacheGeneration" ("scope") VALUES ('search');
