-- CreateTable
CREATE TABLE "AuditEntryRecord" (
    "id" BIGSERIAL NOT NULL,
    "seq" BIGINT NOT NULL,
    "entityType" "EntityType" NOT NULL,
    "entityId" INTEGER,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "derived" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "AuditEntryRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEntryRecord_seq_idx" ON "AuditEntryRecord"("seq");

-- CreateIndex
CREATE INDEX "AuditEntryRecord_entityType_entityId_idx" ON "AuditEntryRecord"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEntryRecord_entityType_code_idx" ON "AuditEntryRecord"("entityType", "code");

-- AddForeignKey
ALTER TABLE "AuditEntryRecord" ADD CONSTRAINT "AuditEntryRecord_seq_fkey" FOREIGN KEY ("seq") REFERENCES "AuditEntry"("seq") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Like the entries, their records are never changed or removed.
CREATE FUNCTION audit_entry_record_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEntryRecord is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_entry_record_no_update_delete
  BEFORE UPDATE OR DELETE ON "AuditEntryRecord"
  FOR EACH ROW EXECUTE FUNCTION audit_entry_record_append_only();

CREATE TRIGGER audit_entry_record_no_truncate
  BEFORE TRUNCATE ON "AuditEntryRecord"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_record_append_only();

-- The records of the entries written before this migration, derived from what the entries and
-- the workflow's tables say (marked derived: the entries' hashes do not cover them).
-- A record a change request changes, or the code it proposes.
CREATE TEMPORARY TABLE request_record AS
SELECT cr.id AS request_id, cr."entityType", cr."entityId",
       COALESCE(p.code, d.code, f.code, cr.payload->>'code') AS code,
       COALESCE(p.name, d.title, f.name, cr.payload->>'name', cr.payload->>'title', '') AS name
FROM "ChangeRequest" cr
LEFT JOIN "PowerItem" p ON cr."entityType" = 'POWER_ITEM' AND p.id = cr."entityId"
LEFT JOIN "Duty" d ON cr."entityType" = 'DUTY' AND d.id = cr."entityId"
LEFT JOIN "SpecialFund" f ON cr."entityType" = 'SPECIAL_FUND' AND f.id = cr."entityId"
WHERE cr."entityType" IN ('POWER_ITEM', 'DUTY', 'SPECIAL_FUND');

-- A published record as it is named now.
CREATE TEMPORARY TABLE published_record AS
SELECT 'POWER_ITEM'::"EntityType" AS "entityType", id, code, name FROM "PowerItem"
UNION ALL SELECT 'DUTY'::"EntityType", id, code, title FROM "Duty"
UNION ALL SELECT 'SPECIAL_FUND'::"EntityType", id, code, name FROM "SpecialFund";

INSERT INTO "AuditEntryRecord" (seq, "entityType", "entityId", code, name, derived)
SELECT DISTINCT seq, "entityType", "entityId", code, name, true FROM (
  -- a change request's own entries
  SELECT e.seq, r."entityType", r."entityId", r.code, r.name
  FROM "AuditEntry" e JOIN request_record r ON e."entityType" = 'CHANGE_REQUEST' AND e."entityId" = r.request_id::text
  UNION ALL
  -- a spreadsheet import names the drafts it created
  SELECT e.seq, r."entityType", r."entityId", r.code, r.name
  FROM "AuditEntry" e
  CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(e.after->'changeRequestIds') = 'array' THEN e.after->'changeRequestIds' ELSE '[]'::jsonb END) AS ids(id)
  JOIN request_record r ON r.request_id::text = ids.id
  WHERE e.action = 'draft.import'
  UNION ALL
  -- a version before it is applied: the requests it gathers
  SELECT e.seq, r."entityType", r."entityId", r.code, r.name
  FROM "AuditEntry" e
  JOIN "Decision" dec ON e."entityType" = 'LIST_VERSION' AND e."entityId" = dec."listVersionId"::text
  JOIN request_record r ON r.request_id = dec."changeRequestId"
  WHERE e.action IN ('version.create', 'version.schedule')
  UNION ALL
  -- a version applied: every record it changed
  SELECT e.seq, rv."entityType", rv."entityId", pr.code, pr.name
  FROM "AuditEntry" e
  JOIN "RecordVersion" rv ON e."entityType" = 'LIST_VERSION' AND e."entityId" = rv."listVersionId"::text
  JOIN published_record pr ON pr."entityType" = rv."entityType" AND pr.id = rv."entityId"
  WHERE e.action IN ('version.publish', 'version.apply')
  UNION ALL
  -- the first load: the records it added, first published within the hour before its entry by no decision
  SELECT e.seq, rv."entityType", rv."entityId", pr.code, pr.name
  FROM "AuditEntry" e
  JOIN "RecordVersion" rv ON rv.revision = 1 AND rv.action = 'ADD' AND rv."validFrom" BETWEEN e.at - interval '1 hour' AND e.at
  JOIN published_record pr ON pr."entityType" = rv."entityType" AND pr.id = rv."entityId"
  WHERE e.action = 'import.items'
    AND NOT EXISTS (SELECT 1 FROM "Decision" dec WHERE dec."listVersionId" = rv."listVersionId")
) derived
WHERE code IS NOT NULL;

DROP TABLE request_record;
DROP TABLE published_record;
