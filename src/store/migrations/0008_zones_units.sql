-- 0008: the units (大队) of a facility with their officers, and the placements of a person in a
-- zone (生理脱毒区 → 教育适应区 → 康复巩固区 → 回归指导区) and unit: dated events on the
-- compulsory isolation episode, the latest being where the person is now.
CREATE TABLE facility_units (
  id ${pk},
  facility_id BIGINT NOT NULL REFERENCES org_units(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  officers TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (facility_id, code)
);

CREATE TABLE placements (
  id ${pk},
  episode_id BIGINT NOT NULL REFERENCES episodes(id),
  person_id BIGINT NOT NULL REFERENCES persons(id),
  zone TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES facility_units(id),
  effective_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX placements_episode ON placements(episode_id, effective_date);
CREATE INDEX placements_person ON placements(person_id);
CREATE INDEX placements_unit ON placements(unit_id);
