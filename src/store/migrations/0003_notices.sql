-- 0003: statutory notices given (family within 24 hours of a decision, the deciding authority
-- 3 days before release, the township within 7 days after release). Recording one marks the
-- clock's deadline of that kind done.
CREATE TABLE episode_notices (
  id ${pk},
  episode_id BIGINT NOT NULL REFERENCES episodes(id),
  kind TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  note TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id)
);
CREATE INDEX episode_notices_episode ON episode_notices(episode_id);
