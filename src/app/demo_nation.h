// `huigui demo --scale nation`: a deterministic synthetic country for scale work (issue 5 §5) —
// 31 provinces with their real codes and names, synthetic cities, counties, townships,
// facilities and police units under them, and a million pseudonymous persons with plausible
// histories (community detox, compulsory isolation, community rehabilitation, aftercare, their
// episode actions, drug tests, contacts, diagnostic assessments, follow-ups after release and
// relapses), written in bulk. The same seed and `now` always build the same rows.
//
// Persons carry an alias only (no sealed identity): identity is optional in the schema, and a
// million sealed boxes would only measure libsodium.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "domain/civil_time.h"
#include "domain/status.h"
#include "store/database.h"

namespace huigui::app {

struct NationOptions {
  uint64_t seed = 1;
  int persons = 1000000;
  int persons_per_transaction = 20000;
  // Checks every planned episode action against the legal clock's ValidateAction for one
  // person in this many (1: all of them); the clock itself is computed for every episode.
  int validate_every = 0;  // 0: every person up to 50,000 persons, else one in 50
  std::string password = "Huigui@2026";
};

struct NationProgress {
  int64_t persons = 0;
  int64_t persons_total = 0;
  int64_t events = 0;  // episodes, actions, tests, contacts, assessments, follow-ups, relapses
  int64_t rows = 0;    // every row written, org units and episode owners included
  double seconds = 0;
};

struct NationSummary {
  int64_t org_units = 0;
  int64_t users = 0;
  int64_t persons = 0;
  int64_t episodes = 0;
  int64_t episode_owners = 0;
  int64_t actions = 0;
  int64_t drug_tests = 0;
  int64_t contacts = 0;
  int64_t assessments = 0;
  int64_t follow_ups = 0;
  int64_t relapses = 0;
  double seconds = 0;
  int64_t events() const {
    return episodes + actions + drug_tests + contacts + assessments + follow_ups + relapses;
  }
  int64_t rows() const { return org_units + users + persons + episode_owners + events(); }
};

// Builds the country into an empty, migrated database (Conflict if it holds org units).
// `progress` is called about every 5% of the persons and once at the end.
Result<NationSummary> BuildNation(store::Database& db, const NationOptions& options, Timestamp now,
                                  const std::function<void(const NationProgress&)>& progress = {});

}  // namespace huigui::app
