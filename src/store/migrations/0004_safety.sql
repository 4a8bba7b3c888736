-- 0004: the facility safety register (六无): incidents in six categories, each with its facility,
-- date, description and follow-up; an escape may link the person's abscond action.
CREATE TABLE safety_incidents (
  id ${pk},
  facility_id BIGINT NOT NULL REFERENCES org_units(id),
  category TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  description TEXT NOT NULL,
  follow_up TEXT NOT NULL,
  person_id BIGINT REFERENCES persons(id),
  episode_action_id BIGINT REFERENCES episode_actions(id),
  recorded_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX safety_incidents_facility ON safety_incidents(facility_id, occurred_on);
