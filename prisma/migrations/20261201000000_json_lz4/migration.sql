-- The kept versions of records (RecordVersion.data), the drafts' payloads and the audit log's
-- before and after are JSON documents of one to several kilobytes, which PostgreSQL compresses as
-- it stores them. lz4 compresses and reads them back several times faster than the default
-- (pglz): a city's import writes hundreds of megabytes of versions. A server built without lz4
-- (PGlite, the embedded demo database, is one) keeps pglz; the data is the same either way.
DO $$
BEGIN
  ALTER TABLE "RecordVersion" ALTER COLUMN "data" SET COMPRESSION lz4;
  ALTER TABLE "ChangeRequest" ALTER COLUMN "payload" SET COMPRESSION lz4;
  ALTER TABLE "AuditEntry" ALTER COLUMN "before" SET COMPRESSION lz4, ALTER COLUMN "after" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available here: the JSON columns keep pglz';
END;
$$;
