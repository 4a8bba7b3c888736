-- 0002: the continuum of care — episode actions (the legal clock is derived from them),
-- ownership history, handovers, alerts, risk assessments, relapses, absences from the county,
-- and administrator settings (risk model, intervals) that change behaviour without a rebuild.

ALTER TABLE episodes ADD COLUMN deciding_org_id BIGINT REFERENCES org_units(id);
ALTER TABLE episodes ADD COLUMN end_reason TEXT;
ALTER TABLE episodes ADD COLUMN recommitted_after_refusing_rehab INTEGER NOT NULL DEFAULT 0;
ALTER TABLE episodes ADD COLUMN in_police_facility INTEGER NOT NULL DEFAULT 0;
ALTER TABLE episodes ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- Risk factors recorded on the person (unknown when NULL).
ALTER TABLE persons ADD COLUMN first_use_year INTEGER;
ALTER TABLE persons ADD COLUMN employed INTEGER;
ALTER TABLE persons ADD COLUMN family_support INTEGER;
ALTER TABLE persons ADD COLUMN psychiatric_history INTEGER NOT NULL DEFAULT 0;

-- Every action taken on an episode, in order. effective_date is the local date it took effect.
CREATE TABLE episode_actions (
  id ${pk},
  episode_id BIGINT NOT NULL REFERENCES episodes(id),
  action TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  params TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX episode_actions_episode ON episode_actions(episode_id, id);

-- Who owned an episode when: a transfer closes one row and opens the next. Past events keep the
-- org unit where they happened; future obligations follow the open row.
CREATE TABLE episode_owners (
  id ${pk},
  episode_id BIGINT NOT NULL REFERENCES episodes(id),
  person_id BIGINT NOT NULL REFERENCES persons(id),
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  from_date TEXT NOT NULL,
  to_date TEXT,
  reason TEXT NOT NULL
);
CREATE INDEX episode_owners_person ON episode_owners(person_id);
INSERT INTO episode_owners (episode_id, person_id, org_unit_id, from_date, to_date, reason)
  SELECT id, person_id, org_unit_id, start_date, end_date, 'opened' FROM episodes;

-- 衔接: a release hands the person over to the community office of their home township.
CREATE TABLE handovers (
  id ${pk},
  person_id BIGINT NOT NULL REFERENCES persons(id),
  from_episode_id BIGINT NOT NULL REFERENCES episodes(id),
  from_org_id BIGINT NOT NULL REFERENCES org_units(id),
  to_org_id BIGINT NOT NULL REFERENCES org_units(id),
  release_date TEXT NOT NULL,
  notify_due TEXT NOT NULL,
  report_due TEXT NOT NULL,
  status TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  reported_in_at TEXT,
  agreement_at TEXT,
  escalated_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX handovers_to ON handovers(to_org_id, status);
CREATE INDEX handovers_person ON handovers(person_id);

-- Alerts: serious breach, loss of supervision, late handover, relapse. dedupe_key keeps one open
-- alert per cause.
CREATE TABLE alerts (
  id ${pk},
  person_id BIGINT NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  raised_at TEXT NOT NULL,
  evidence TEXT NOT NULL,
  status TEXT NOT NULL,
  closed_at TEXT,
  dedupe_key TEXT NOT NULL
);
CREATE INDEX alerts_person ON alerts(person_id);
CREATE INDEX alerts_org_status ON alerts(org_unit_id, status);
CREATE INDEX alerts_dedupe ON alerts(dedupe_key, status);

-- The history of risk tiers, one row each time the tier or score changed.
CREATE TABLE risk_assessments (
  id ${pk},
  person_id BIGINT NOT NULL REFERENCES persons(id),
  assessed_at TEXT NOT NULL,
  tier TEXT NOT NULL,
  score INTEGER NOT NULL,
  reasons TEXT NOT NULL,
  model_version INTEGER NOT NULL,
  trigger_event TEXT NOT NULL
);
CREATE INDEX risk_assessments_person ON risk_assessments(person_id, id);

-- 复吸: recorded directly or derived from a positive test.
CREATE TABLE relapses (
  id ${pk},
  person_id BIGINT NOT NULL REFERENCES persons(id),
  at TEXT NOT NULL,
  evidence TEXT NOT NULL,
  source TEXT NOT NULL,
  drug_test_id BIGINT REFERENCES drug_tests(id),
  recorded_by TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  created_at TEXT NOT NULL
);
CREATE INDEX relapses_person ON relapses(person_id, at);

-- Stays outside the county during a community measure.
CREATE TABLE absences (
  id ${pk},
  person_id BIGINT NOT NULL REFERENCES persons(id),
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  authorised INTEGER NOT NULL,
  note TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  created_at TEXT NOT NULL
);
CREATE INDEX absences_person ON absences(person_id);

-- The spine's flat schedule is replaced by risk-tiered intervals (settings 'intervals').
DROP TABLE schedules;

-- Administrator settings as JSON documents (risk_model, intervals, loss_grace_days).
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
