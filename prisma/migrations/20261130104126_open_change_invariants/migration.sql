-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "proposedCode" TEXT;

-- The code each new record proposes, from its payload.
UPDATE "ChangeRequest" SET "proposedCode" = "payload"->>'code' WHERE "action" = 'ADD';

-- Concurrent requests before this migration may have left two open changes of one record, or two
-- open proposals of one code. Which one to keep is the reform office's decision, and closing the
-- others must be audited: stop and name them instead (docs/DATABASE.md).
DO $$
DECLARE clashes TEXT;
BEGIN
  SELECT string_agg(format('%s %s: change requests %s', kind, key, ids), '; ') INTO clashes FROM (
    SELECT "entityType"::text AS kind, 'record ' || "entityId" AS key, string_agg(id::text, ', ' ORDER BY id) AS ids
      FROM "ChangeRequest" WHERE status IN ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED') AND "entityId" IS NOT NULL
      GROUP BY "entityType", "entityId" HAVING count(*) > 1
    UNION ALL
    SELECT "entityType"::text, 'code ' || "proposedCode", string_agg(id::text, ', ' ORDER BY id)
      FROM "ChangeRequest" WHERE status IN ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED') AND "proposedCode" IS NOT NULL
      GROUP BY "entityType", "proposedCode" HAVING count(*) > 1
  ) AS duplicates;
  IF clashes IS NOT NULL THEN
    RAISE EXCEPTION 'open change requests clash (keep one of each, withdraw the others, then migrate again): %', clashes;
  END IF;
END $$;

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequest_open_per_record_key" ON "ChangeRequest"("entityType", "entityId") WHERE (status IN ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'));

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequest_open_per_code_key" ON "ChangeRequest"("entityType", "proposedCode") WHERE (status IN ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'));
