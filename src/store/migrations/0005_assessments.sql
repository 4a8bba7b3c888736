-- 0005: diagnostic assessments (诊断评估) of a compulsory isolation episode: the four parts, the
-- derived scores and result, and the before-expiry recommendation.
CREATE TABLE diagnostic_assessments (
  id ${pk},
  episode_id BIGINT NOT NULL REFERENCES episodes(id),
  kind TEXT NOT NULL,
  assessed_on TEXT NOT NULL,
  detox_items TEXT NOT NULL,
  physical_mental TEXT NOT NULL,
  behaviour TEXT NOT NULL,
  social_environment TEXT NOT NULL,
  detox_score INTEGER NOT NULL,
  overall TEXT NOT NULL,
  recommendation TEXT,
  recorded_by TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  created_at TEXT NOT NULL
);
CREATE INDEX diagnostic_assessments_episode ON diagnostic_assessments(episode_id, assessed_on);
