-- 0011: follow-up after release (回访, issue 5 §1): how a released person was reached, what was
-- found, the evidence and who recorded it, tied to the release it follows up. A follow-up that
-- found a relapse points at the relapse row it created.
CREATE TABLE follow_ups (
  id ${pk},
  person_id BIGINT NOT NULL REFERENCES persons(id),
  release_episode_id BIGINT NOT NULL REFERENCES episodes(id),
  at TEXT NOT NULL,
  on_date TEXT NOT NULL,
  method TEXT NOT NULL,
  result TEXT NOT NULL,
  evidence TEXT NOT NULL,
  relapse_id BIGINT REFERENCES relapses(id),
  recorded_by TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  created_at TEXT NOT NULL
);
CREATE INDEX follow_ups_person ON follow_ups(person_id, on_date);
CREATE INDEX follow_ups_release ON follow_ups(release_episode_id);
