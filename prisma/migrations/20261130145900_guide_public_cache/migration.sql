-- The service guides, service halls and life events are public content too: a commit that writes
-- them moves the public generation, so every portal process drops the answers it keeps
-- (see migration public_answer_cache for the trigger function).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ServiceHall', 'ServiceGuide', 'GuideMaterial', 'GuideLocation', 'LifeEvent',
    'LifeEventStep', 'LifeEventStepItem']
  LOOP
    EXECUTE format('CREATE TRIGGER public_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION public_content_changed()', t);
  END LOOP;
END;
$$;
