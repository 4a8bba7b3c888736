-- 0007: what a facility is and can take (issue 4 §1): its kind, the sexes and ages it admits,
-- beds, medical capability and location (for allocation distances).
CREATE TABLE facility_profiles (
  org_unit_id BIGINT PRIMARY KEY REFERENCES org_units(id),
  kind TEXT NOT NULL,
  sexes TEXT NOT NULL,
  min_age INTEGER NOT NULL,
  max_age INTEGER NOT NULL,
  beds INTEGER NOT NULL,
  medical_level INTEGER NOT NULL,
  latitude DOUBLE PRECISION NOT NULL,
  longitude DOUBLE PRECISION NOT NULL,
  updated_at TEXT NOT NULL
);
