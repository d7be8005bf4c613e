CREATE TABLE "erasure_tombstones" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_erasure_tombstones" PRIMARY KEY AUTOINCREMENT,
    "contact_key" TEXT NOT NULL,
    "email_digest" TEXT NULL,
    "erased_at" TEXT NOT NULL
);


CREATE TABLE "export_details" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_export_details" PRIMARY KEY AUTOINCREMENT,
    "export_key" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "filter" TEXT NULL
);


CREATE INDEX "IX_erasure_tombstones_contact_key" ON "erasure_tombstones" ("contact_key");


CREATE INDEX "IX_erasure_tombstones_email_digest" ON "erasure_tombstones" ("email_digest");


CREATE UNIQUE INDEX "IX_export_details_export_key" ON "export_details" ("export_key");


-- Exports recorded before this migration kept their purpose and filter in the audit entry: move them out, the one
-- time the audit log's append-only trigger is lifted (inside this migration's transaction).
INSERT INTO export_details (export_key, purpose, filter)
SELECT entity_key, COALESCE(json_extract(details, '$.purpose'), ''), json_extract(details, '$.filter')
FROM audit_log WHERE action = 'export' AND entity_type = 'Export' AND json_valid(details);

DROP TRIGGER audit_log_no_update;

UPDATE audit_log SET details = json_remove(details, '$.purpose', '$.filter')
WHERE action = 'export' AND entity_type = 'Export' AND json_valid(details);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Export details are kept like the audit log, except that an erasure may redact them: a change must leave the key
-- alone and can only put the erasure marker in.
CREATE TRIGGER export_details_no_delete BEFORE DELETE ON export_details
BEGIN SELECT RAISE(ABORT, 'export_details are kept: only an erasure may redact them'); END;

CREATE TRIGGER export_details_redact_only BEFORE UPDATE ON export_details
WHEN NEW.export_key IS NOT OLD.export_key
    OR (NEW.purpose IS NOT OLD.purpose AND instr(NEW.purpose, '[erased]') = 0)
    OR (NEW.filter IS NOT OLD.filter AND instr(COALESCE(NEW.filter, ''), '[erased]') = 0)
BEGIN SELECT RAISE(ABORT, 'export_details are kept: only an erasure may redact them'); END;
