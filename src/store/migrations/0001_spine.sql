-- 0001: the spine — org tree, users and sessions, persons with encrypted identity, episodes,
-- contacts, drug tests, the worklist schedule and the hash-chained audit log.
-- ${pk} and other ${...} tokens are replaced per dialect by src/store/migrations.cc.

CREATE TABLE org_units (
  id ${pk},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  parent_id BIGINT REFERENCES org_units(id),
  path TEXT NOT NULL UNIQUE
);
CREATE INDEX org_units_parent ON org_units(parent_id);

CREATE TABLE users (
  id ${pk},
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  id ${pk},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE persons (
  id ${pk},
  alias TEXT NOT NULL,
  sex TEXT NOT NULL,
  birth_year INTEGER NOT NULL,
  home_org_id BIGINT NOT NULL REFERENCES org_units(id),
  primary_substance TEXT NOT NULL,
  registration_date TEXT NOT NULL,
  identity_sealed TEXT,
  id_number_lookup TEXT UNIQUE,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX persons_alias ON persons(alias ${text_pattern_ops});
CREATE INDEX persons_home ON persons(home_org_id);

CREATE TABLE episodes (
  id ${pk},
  person_id BIGINT NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  start_date TEXT NOT NULL,
  planned_end_date TEXT,
  end_date TEXT,
  status TEXT NOT NULL,
  decision_number TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX episodes_person ON episodes(person_id);
CREATE INDEX episodes_org_status ON episodes(org_unit_id, status);

CREATE TABLE contacts (
  id ${pk},
  person_id BIGINT NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  note TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  created_at TEXT NOT NULL
);
CREATE INDEX contacts_person_at ON contacts(person_id, at);

CREATE TABLE drug_tests (
  id ${pk},
  person_id BIGINT NOT NULL REFERENCES persons(id),
  sample TEXT NOT NULL,
  result TEXT NOT NULL,
  at TEXT NOT NULL,
  substances TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  created_at TEXT NOT NULL
);
CREATE INDEX drug_tests_person_at ON drug_tests(person_id, at);

CREATE TABLE schedules (
  episode_kind TEXT PRIMARY KEY,
  contact_interval_days INTEGER NOT NULL,
  test_interval_days INTEGER NOT NULL
);
INSERT INTO schedules (episode_kind, contact_interval_days, test_interval_days) VALUES
  ('community_detox', 30, 30),
  ('community_rehab', 30, 60),
  ('voluntary', 30, 30),
  ('aftercare', 90, 0),
  ('compulsory_isolation', 0, 0);

CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  person_id BIGINT,
  org_code TEXT NOT NULL,
  request_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_person ON audit_log(person_id);
CREATE INDEX audit_log_username ON audit_log(username);

-- The head of the chain: one row, updated in the same transaction as each append, so appends
-- serialise on it and a deleted tail is detectable.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
