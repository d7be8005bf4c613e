CREATE TABLE "audit_log" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_audit_log" PRIMARY KEY AUTOINCREMENT,
    "occurred_at" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_key" TEXT NOT NULL,
    "details" TEXT NULL
);


CREATE TABLE "organisations" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_organisations" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "council_tier" TEXT NULL,
    "county_id" INTEGER NULL,
    "police_force_area_id" INTEGER NULL,
    "region" TEXT NULL,
    "population" INTEGER NULL,
    "central_email" TEXT NULL,
    "postal_address" TEXT NULL,
    "in_scope" INTEGER NOT NULL,
    "commissioning_delegated_to_id" INTEGER NULL,
    "successor_id" INTEGER NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_organisations_organisations_commissioning_delegated_to_id" FOREIGN KEY ("commissioning_delegated_to_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_organisations_organisations_county_id" FOREIGN KEY ("county_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_organisations_organisations_police_force_area_id" FOREIGN KEY ("police_force_area_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_organisations_organisations_successor_id" FOREIGN KEY ("successor_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);


CREATE TABLE "service_types" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_service_types" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);


CREATE TABLE "survey_rounds" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_survey_rounds" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "opens_on" TEXT NULL,
    "closes_on" TEXT NULL,
    "version" INTEGER NOT NULL
);


CREATE TABLE "contracts" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_contracts" PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "provider_id" INTEGER NOT NULL,
    "lead_commissioner_id" INTEGER NOT NULL,
    "start_on" TEXT NULL,
    "end_on" TEXT NULL,
    "annual_value_pence" INTEGER NULL,
    "extension_pattern" TEXT NULL,
    "refuge_units" INTEGER NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_contracts_organisations_lead_commissioner_id" FOREIGN KEY ("lead_commissioner_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_contracts_organisations_provider_id" FOREIGN KEY ("provider_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);


CREATE TABLE "departments" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_departments" PRIMARY KEY AUTOINCREMENT,
    "organisation_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_departments_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE CASCADE
);


CREATE TABLE "partnerships" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_partnerships" PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "lead_organisation_id" INTEGER NOT NULL,
    "established_on" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_partnerships_organisations_lead_organisation_id" FOREIGN KEY ("lead_organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);


CREATE TABLE "contract_co_commissioners" (
    "contract_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    CONSTRAINT "PK_contract_co_commissioners" PRIMARY KEY ("contract_id", "organisation_id"),
    CONSTRAINT "FK_contract_co_commissioners_contracts_contract_id" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_contract_co_commissioners_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT
);


CREATE TABLE "contract_service_types" (
    "contract_id" INTEGER NOT NULL,
    "service_type_id" INTEGER NOT NULL,
    CONSTRAINT "PK_contract_service_types" PRIMARY KEY ("contract_id", "service_type_id"),
    CONSTRAINT "FK_contract_service_types_contracts_contract_id" FOREIGN KEY ("contract_id") REFERENCES "contracts" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_contract_service_types_service_types_service_type_id" FOREIGN KEY ("service_type_id") REFERENCES "service_types" ("id") ON DELETE RESTRICT
);


CREATE TABLE "survey_responses" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_survey_responses" PRIMARY KEY AUTOINCREMENT,
    "survey_round_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "submitted_on" TEXT NULL,
    "focus" TEXT NULL,
    "joint_commissioning_group" TEXT NULL,
    "lead_department_id" INTEGER NULL,
    "other_activities" TEXT NULL,
    "comments" TEXT NULL,
    "consent_partners" INTEGER NULL,
    "consent_government" INTEGER NULL,
    "consent_voluntary_sector" INTEGER NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_survey_responses_departments_lead_department_id" FOREIGN KEY ("lead_department_id") REFERENCES "departments" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_survey_responses_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_survey_responses_survey_rounds_survey_round_id" FOREIGN KEY ("survey_round_id") REFERENCES "survey_rounds" ("id") ON DELETE CASCADE
);


CREATE TABLE "partnership_members" (
    "partnership_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "PK_partnership_members" PRIMARY KEY ("partnership_id", "organisation_id"),
    CONSTRAINT "FK_partnership_members_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_partnership_members_partnerships_partnership_id" FOREIGN KEY ("partnership_id") REFERENCES "partnerships" ("id") ON DELETE CASCADE
);


CREATE TABLE "contacts" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_contacts" PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "response_id" INTEGER NULL,
    "role" TEXT NOT NULL,
    "department_id" INTEGER NULL,
    "seniority" TEXT NULL,
    "manager_id" INTEGER NULL,
    "full_name" TEXT NOT NULL,
    "job_title" TEXT NULL,
    "email" TEXT NULL,
    "phone" TEXT NULL,
    "postal_address" TEXT NULL,
    "last_verified_on" TEXT NULL,
    "note" TEXT NULL,
    "name_search" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_contacts_contacts_manager_id" FOREIGN KEY ("manager_id") REFERENCES "contacts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_contacts_departments_department_id" FOREIGN KEY ("department_id") REFERENCES "departments" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_contacts_organisations_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_contacts_survey_responses_response_id" FOREIGN KEY ("response_id") REFERENCES "survey_responses" ("id") ON DELETE SET NULL
);


CREATE TABLE "services_commissioned" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_services_commissioned" PRIMARY KEY AUTOINCREMENT,
    "response_id" INTEGER NOT NULL,
    "service_type_id" INTEGER NOT NULL,
    "commissioning" TEXT NOT NULL,
    "women_only" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_services_commissioned_service_types_service_type_id" FOREIGN KEY ("service_type_id") REFERENCES "service_types" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_services_commissioned_survey_responses_response_id" FOREIGN KEY ("response_id") REFERENCES "survey_responses" ("id") ON DELETE CASCADE
);


CREATE TABLE "staff_lines" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_staff_lines" PRIMARY KEY AUTOINCREMENT,
    "response_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "responsibility" TEXT NOT NULL,
    "seniority" TEXT NULL,
    "fte_ten_thousandths" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_staff_lines_survey_responses_response_id" FOREIGN KEY ("response_id") REFERENCES "survey_responses" ("id") ON DELETE CASCADE
);


CREATE TABLE "survey_response_activities" (
    "response_id" INTEGER NOT NULL,
    "activity" TEXT NOT NULL,
    CONSTRAINT "PK_survey_response_activities" PRIMARY KEY ("response_id", "activity"),
    CONSTRAINT "FK_survey_response_activities_survey_responses_response_id" FOREIGN KEY ("response_id") REFERENCES "survey_responses" ("id") ON DELETE CASCADE
);


CREATE TABLE "survey_response_lead_answers" (
    "response_id" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,
    CONSTRAINT "PK_survey_response_lead_answers" PRIMARY KEY ("response_id", "answer"),
    CONSTRAINT "FK_survey_response_lead_answers_survey_responses_response_id" FOREIGN KEY ("response_id") REFERENCES "survey_responses" ("id") ON DELETE CASCADE
);


CREATE INDEX "IX_audit_log_entity_type_entity_key" ON "audit_log" ("entity_type", "entity_key");


CREATE INDEX "IX_audit_log_occurred_at" ON "audit_log" ("occurred_at");


CREATE INDEX "IX_contacts_department_id" ON "contacts" ("department_id");


CREATE INDEX "IX_contacts_email" ON "contacts" ("email");


CREATE UNIQUE INDEX "IX_contacts_key" ON "contacts" ("key");


CREATE INDEX "IX_contacts_manager_id" ON "contacts" ("manager_id");


CREATE INDEX "IX_contacts_name_search" ON "contacts" ("name_search");


CREATE INDEX "IX_contacts_organisation_id" ON "contacts" ("organisation_id");


CREATE INDEX "IX_contacts_response_id" ON "contacts" ("response_id");


CREATE INDEX "IX_contract_co_commissioners_organisation_id" ON "contract_co_commissioners" ("organisation_id");


CREATE INDEX "IX_contract_service_types_service_type_id" ON "contract_service_types" ("service_type_id");


CREATE UNIQUE INDEX "IX_contracts_key" ON "contracts" ("key");


CREATE INDEX "IX_contracts_lead_commissioner_id" ON "contracts" ("lead_commissioner_id");


CREATE INDEX "IX_contracts_provider_id" ON "contracts" ("provider_id");


CREATE INDEX "IX_departments_category" ON "departments" ("category");


CREATE UNIQUE INDEX "IX_departments_organisation_id_name" ON "departments" ("organisation_id", "name");


CREATE UNIQUE INDEX "IX_organisations_code" ON "organisations" ("code");


CREATE INDEX "IX_organisations_commissioning_delegated_to_id" ON "organisations" ("commissioning_delegated_to_id");


CREATE INDEX "IX_organisations_county_id" ON "organisations" ("county_id");


CREATE INDEX "IX_organisations_police_force_area_id" ON "organisations" ("police_force_area_id");


CREATE INDEX "IX_organisations_successor_id" ON "organisations" ("successor_id");


CREATE INDEX "IX_organisations_type" ON "organisations" ("type");


CREATE INDEX "IX_partnership_members_organisation_id" ON "partnership_members" ("organisation_id");


CREATE UNIQUE INDEX "IX_partnerships_key" ON "partnerships" ("key");


CREATE INDEX "IX_partnerships_lead_organisation_id" ON "partnerships" ("lead_organisation_id");


CREATE UNIQUE INDEX "IX_service_types_code" ON "service_types" ("code");


CREATE UNIQUE INDEX "IX_services_commissioned_response_id_service_type_id" ON "services_commissioned" ("response_id", "service_type_id");


CREATE INDEX "IX_services_commissioned_service_type_id" ON "services_commissioned" ("service_type_id");


CREATE UNIQUE INDEX "IX_staff_lines_response_id_line_no" ON "staff_lines" ("response_id", "line_no");


CREATE INDEX "IX_survey_response_activities_activity" ON "survey_response_activities" ("activity");


CREATE INDEX "IX_survey_response_lead_answers_answer" ON "survey_response_lead_answers" ("answer");


CREATE INDEX "IX_survey_responses_lead_department_id" ON "survey_responses" ("lead_department_id");


CREATE INDEX "IX_survey_responses_organisation_id" ON "survey_responses" ("organisation_id");


CREATE UNIQUE INDEX "IX_survey_responses_survey_round_id_key" ON "survey_responses" ("survey_round_id", "key");


CREATE UNIQUE INDEX "IX_survey_rounds_code" ON "survey_rounds" ("code");


