-- What the search documents of power items leave out of their guide text depends on every guide:
-- materials and conditions that many guides share (server/services/search/documents.ts,
-- commonGuideText). Working that out reads every guide, too slow for each change the search
-- worker applies at a city's size, so each process keeps it until a guide changes. The first
-- statement of a transaction that writes a guide or its materials adds one GuideTextChange row;
-- their count tells every process, at commit, that what it keeps is out of date (as
-- PublicContentChange does for public answers: a count, not the highest id, because ids are
-- handed out in the order transactions begin, not the order they commit).
CREATE TABLE "GuideTextChange" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuideTextChange_pkey" PRIMARY KEY ("id")
);

CREATE FUNCTION guide_text_changed() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('sanzhang.guide_text_changed', true), '') <> 'yes' THEN
    PERFORM set_config('sanzhang.guide_text_changed', 'yes', true);
    INSERT INTO "GuideTextChange" DEFAULT VALUES;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER guide_text_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ServiceGuide"
  FOR EACH STATEMENT EXECUTE FUNCTION guide_text_changed();
CREATE TRIGGER guide_text_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "GuideMaterial"
  FOR EACH STATEMENT EXECUTE FUNCTION guide_text_changed();
