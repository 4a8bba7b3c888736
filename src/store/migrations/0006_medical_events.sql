-- 0006: external medical treatment (外诊) of a person in a facility: the emergency plan, the
-- hospital, the escorting officers, the days in hospital and the return.
CREATE TABLE medical_events (
  id ${pk},
  episode_id BIGINT NOT NULL REFERENCES episodes(id),
  person_id BIGINT NOT NULL REFERENCES persons(id),
  facility_id BIGINT NOT NULL REFERENCES org_units(id),
  hospital TEXT NOT NULL,
  emergency_plan INTEGER NOT NULL,
  escorts TEXT NOT NULL,
  reason TEXT NOT NULL,
  started_on TEXT NOT NULL,
  returned_on TEXT,
  recorded_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX medical_events_facility ON medical_events(facility_id, started_on);
CREATE INDEX medical_events_person ON medical_events(person_id);
