-- 0010: province-wide admission allocation (统一调配, issue 4 §2): what the deciding police unit
-- records about a pending admission, where county seats are (for distances), and the proposals a
-- director reviews and approves.

-- Needs of a compulsory isolation episode that is decided and not yet admitted.
CREATE TABLE admission_needs (
  episode_id BIGINT PRIMARY KEY REFERENCES episodes(id),
  medical_needs INTEGER NOT NULL,
  pregnant INTEGER NOT NULL,
  nursing_infant_under_1 INTEGER NOT NULL,
  recorded_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Coordinates of an org unit (a county's seat), degrees.
CREATE TABLE org_unit_locations (
  org_unit_id BIGINT PRIMARY KEY REFERENCES org_units(id),
  latitude DOUBLE PRECISION NOT NULL,
  longitude DOUBLE PRECISION NOT NULL,
  updated_at TEXT NOT NULL
);

-- One solved proposal. status: proposed, approved.
CREATE TABLE allocation_proposals (
  id ${pk},
  scope_org_id BIGINT NOT NULL REFERENCES org_units(id),
  status TEXT NOT NULL,
  out_of_region_penalty_km INTEGER NOT NULL,
  exclude_under_16 INTEGER NOT NULL,
  pending INTEGER NOT NULL,
  placed INTEGER NOT NULL,
  unplaced INTEGER NOT NULL,
  out_of_region INTEGER NOT NULL,
  distance_m BIGINT NOT NULL,
  placement_cost BIGINT NOT NULL,
  objective BIGINT NOT NULL,
  solve_ms DOUBLE PRECISION NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  approved_by TEXT,
  approved_at TEXT
);

-- The facilities a proposal used, with the free beds they had when it was solved.
CREATE TABLE allocation_facilities (
  proposal_id BIGINT NOT NULL REFERENCES allocation_proposals(id),
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  region TEXT NOT NULL,
  beds INTEGER NOT NULL,
  occupied INTEGER NOT NULL,
  free_beds INTEGER NOT NULL,
  PRIMARY KEY (proposal_id, org_unit_id)
);

-- Groups of interchangeable people (same sex, age band, home county, needs).
CREATE TABLE allocation_groups (
  proposal_id BIGINT NOT NULL REFERENCES allocation_proposals(id),
  group_no INTEGER NOT NULL,
  sex TEXT NOT NULL,
  age_from INTEGER NOT NULL,
  age_to INTEGER NOT NULL,
  home_county TEXT NOT NULL,
  home_region TEXT NOT NULL,
  medical_needs INTEGER NOT NULL,
  pregnant INTEGER NOT NULL,
  nursing_infant_under_1 INTEGER NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (proposal_id, group_no)
);

-- What happens to each group: a placement at a facility (facility_org_id set; nearer is the JSON
-- list of nearer facilities not chosen), or the part left unplaced (reason and rules set).
CREATE TABLE allocation_outcomes (
  id ${pk},
  proposal_id BIGINT NOT NULL REFERENCES allocation_proposals(id),
  group_no INTEGER NOT NULL,
  facility_org_id BIGINT REFERENCES org_units(id),
  count INTEGER NOT NULL,
  distance_m BIGINT NOT NULL,
  cost BIGINT NOT NULL,
  out_of_region INTEGER NOT NULL,
  nearer TEXT NOT NULL,
  reason TEXT,
  rules TEXT NOT NULL,
  explanation TEXT NOT NULL
);
CREATE INDEX allocation_outcomes_proposal ON allocation_outcomes(proposal_id, group_no);

-- Each person of the proposal: where they go (NULL: unplaced).
CREATE TABLE allocation_items (
  id ${pk},
  proposal_id BIGINT NOT NULL REFERENCES allocation_proposals(id),
  episode_id BIGINT NOT NULL REFERENCES episodes(id),
  person_id BIGINT NOT NULL REFERENCES persons(id),
  group_no INTEGER NOT NULL,
  facility_org_id BIGINT REFERENCES org_units(id),
  distance_m BIGINT NOT NULL,
  cost BIGINT NOT NULL,
  out_of_region INTEGER NOT NULL,
  explanation TEXT NOT NULL
);
CREATE INDEX allocation_items_proposal ON allocation_items(proposal_id, id);
