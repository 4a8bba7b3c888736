-- 0009: in-facility treatment (issue 4 §3): the individual treatment plan of a compulsory
-- isolation episode with its programmes, the sessions of those programmes (craving before and
-- after, biofeedback readings, the officer) and craving assessments over time.
CREATE TABLE treatment_plans (
  id ${pk},
  episode_id BIGINT NOT NULL UNIQUE REFERENCES episodes(id),
  person_id BIGINT NOT NULL REFERENCES persons(id),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE treatment_plan_programmes (
  plan_id BIGINT NOT NULL REFERENCES treatment_plans(id),
  programme TEXT NOT NULL,
  position INTEGER NOT NULL,
  goal TEXT NOT NULL,
  planned_sessions INTEGER NOT NULL,
  PRIMARY KEY (plan_id, programme)
);

CREATE TABLE treatment_sessions (
  id ${pk},
  episode_id BIGINT NOT NULL REFERENCES episodes(id),
  person_id BIGINT NOT NULL REFERENCES persons(id),
  facility_id BIGINT NOT NULL REFERENCES org_units(id),
  programme TEXT NOT NULL,
  stage TEXT,
  session_date TEXT NOT NULL,
  officer TEXT NOT NULL,
  vas_before INTEGER NOT NULL,
  vas_after INTEGER NOT NULL,
  heart_rate INTEGER,
  rmssd DOUBLE PRECISION,
  skin_conductance DOUBLE PRECISION,
  notes TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX treatment_sessions_episode ON treatment_sessions(episode_id, session_date);
CREATE INDEX treatment_sessions_person ON treatment_sessions(person_id);
CREATE INDEX treatment_sessions_facility ON treatment_sessions(facility_id, programme);

CREATE TABLE craving_assessments (
  id ${pk},
  person_id BIGINT NOT NULL REFERENCES persons(id),
  episode_id BIGINT NOT NULL REFERENCES episodes(id),
  facility_id BIGINT NOT NULL REFERENCES org_units(id),
  assessed_on TEXT NOT NULL,
  vas INTEGER NOT NULL,
  instrument TEXT,
  total INTEGER,
  notes TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX craving_assessments_person ON craving_assessments(person_id, assessed_on);
CREATE INDEX craving_assessments_facility ON craving_assessments(facility_id);
